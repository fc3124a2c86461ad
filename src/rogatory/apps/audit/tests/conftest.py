"""Fixtures for checkpoints and witnessing: this test database is node B (``xb-central``) with
keys made at run time; node A (``xa-central``) is a peer whose keys live in the test process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from tests.exchange.support import NodeEntry, Operators, build_registry, entry_for

from rogatory.apps.audit.services import Entry, NodeSigner, audit_record_many
from rogatory.apps.audit.services.node import node_signer
from rogatory.apps.exchange.models import NodeIdentity
from rogatory.apps.exchange.services.keys import forget_cached_keys, node_keys_init
from rogatory.apps.exchange.services.registry import forget_cached_registry, registry_import
from rogatory.core.envelope.keys import NodeKeys

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def node_b(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[NodeSigner]:
    # given node B's keys, made at run time and stored encrypted like in production
    monkeypatch.setenv("ROGATORY_KEY_PASSPHRASE", PASSPHRASE)
    forget_cached_keys()
    node_keys_init(node_id="xb-central", scrypt_log2_n=10)
    signer = node_signer()
    assert signer is not None
    yield signer
    forget_cached_keys()


@pytest.fixture
def a_keys() -> NodeKeys:
    return NodeKeys.generate()


@pytest.fixture
def registry(node_b: NodeSigner, a_keys: NodeKeys) -> Iterator[None]:
    # given a registry, signed by two operators, that lists A and B with their signing keys
    forget_cached_registry()
    operators = Operators.make()
    jwks_b = NodeIdentity.objects.get(active=True).public_jwks
    entries = [entry_for("xa-central", "XA", a_keys), NodeEntry("xb-central", "XB", jwks_b)]
    registry_import(
        document=operators.sign(build_registry(entries)),
        operator_jwks=operators.jwks(),
        threshold=2,
    )
    yield
    forget_cached_registry()


@pytest.fixture
def append_events(db: Any) -> Callable[[int], None]:
    """Append n events to the chain in one bulk write (how demo data and tests build chains)."""

    def append(n: int, *, at: datetime | None = None) -> None:
        moment = at or datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
        audit_record_many(
            Entry(
                actor_id=None,
                actor="system",
                action="case.update",
                object_type="cases.case",
                object_id=str(i),
                case_id=i % 97,
                changes={"title": f"title {i}"},
                at=moment,
            )
            for i in range(n)
        )

    return append
