"""In-process fixtures: this test database is node B (``xb-central``, State XB); A and C are
other trusted nodes whose keys live only in the test process."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.exchange.services.keys import forget_cached_keys, node_keys_init
from rogatory.apps.exchange.services.registry import forget_cached_registry, registry_import
from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.registry import NodeRegistry
from rogatory.core.envelope.seal import Document, SealedEnvelope, seal_envelope
from rogatory.federation.chunks import iter_chunks, repr_digest
from tests.exchange.support import NodeEntry, Operators, build_registry, entry_for

PASSPHRASE = "correct horse battery staple"


@dataclass
class Network:
    b_node: Any
    a_keys: NodeKeys
    c_keys: NodeKeys
    operators: Operators
    registry: NodeRegistry
    client: Client
    tmp: Path

    def entries(self, **changes: Any) -> list[NodeEntry]:
        return [
            entry_for("xa-central", "XA", self.a_keys, **changes.get("xa-central", {})),
            NodeEntry("xb-central", "XB", self.b_node.public_jwks),
            entry_for("xc-central", "XC", self.c_keys),
        ]

    def seal(
        self,
        *,
        sender: str = "xa-central",
        keys: NodeKeys | None = None,
        recipient: str = "xb-central",
        documents: list[bytes] | None = None,
        metadata: dict[str, Any] | None = None,
        reference: str | None = "XA/MLA/2026/000001",
        now: datetime | None = None,
        **kwargs: Any,
    ) -> SealedEnvelope:
        out = self.tmp / "sent"
        out.mkdir(exist_ok=True)
        docs = [
            Document(_bytes_io(data), f"doc-{i}.pdf", "application/pdf")
            for i, data in enumerate(documents if documents is not None else [b"%PDF-1.7 x"])
        ]
        return seal_envelope(
            documents=docs,
            output_dir=out,
            sender=sender,
            sender_keys=keys or self.a_keys,
            recipient=recipient,
            now=now or datetime.now(UTC),
            registry=kwargs.pop("registry", self.registry),
            case_reference=reference,
            metadata=metadata if metadata is not None else {"kind": "ping", "payload": {}},
            **kwargs,
        )

    def upload(self, sealed: SealedEnvelope) -> list[int]:
        statuses = []
        for index, path in enumerate(sealed.part_paths):
            for k, data in iter_chunks(path):
                statuses.append(self.put_chunk(sealed.header.message_id, index, k, data))
        return statuses

    def put_chunk(self, message_id: str, part: int, chunk: int, data: bytes) -> int:
        reply = self.client.put(
            f"/exchange/messages/{message_id}/parts/{part}/chunks/{chunk}",
            data=data,
            content_type="application/octet-stream",
            headers={"Repr-Digest": repr_digest(data)},
        )
        return int(reply.status_code)

    def commit(self, message_id: str, token: str | bytes) -> Any:
        body = token.encode("ascii") if isinstance(token, str) else token
        return self.client.post(
            f"/exchange/messages/{message_id}/commit", data=body, content_type="application/jose"
        )

    def send(self, sealed: SealedEnvelope) -> Any:
        self.upload(sealed)
        return self.commit(sealed.header.message_id, sealed.header_jws)


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def network(
    states: None, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Network]:
    # given node B's settings, a passphrase, and keys made at run time
    settings.NODE_STATE = "XB"
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.exchange.urls"
    monkeypatch.setenv("ROGATORY_KEY_PASSPHRASE", PASSPHRASE)
    forget_cached_keys()
    forget_cached_registry()
    b_node = node_keys_init(node_id="xb-central", scrypt_log2_n=10)
    a_keys, c_keys = NodeKeys.generate(), NodeKeys.generate()
    operators = Operators.make()
    net = Network(b_node, a_keys, c_keys, operators, None, Client(), tmp_path)  # type: ignore[arg-type]  # reason: set below
    net.registry = build_registry(net.entries())
    registry_import(
        document=operators.sign(net.registry), operator_jwks=operators.jwks(), threshold=2
    )
    yield net
    forget_cached_keys()
    forget_cached_registry()
