"""One test database plays both States: the requesting side's outgoing case and the requested
side's incoming case, with ``deliver`` carrying a hearing message from one to the other the
way the exchange does (an accepted inbox message, then the case keeps the communication)."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from tests.exchange.support import NodeEntry, Operators, build_registry

from rogatory.apps.cases.models import Case, CaseGrant, Document
from rogatory.apps.cases.services import document_add
from rogatory.apps.cases.services.communications import communication_receive
from rogatory.apps.exchange.models import InboxMessage, InboxState
from rogatory.apps.exchange.services.cases import exchange_system_user
from rogatory.apps.exchange.services.keys import forget_cached_keys, node_keys_init
from rogatory.apps.exchange.services.registry import forget_cached_registry, registry_import
from rogatory.apps.hearings.models import Hearing, HearingMessage
from rogatory.apps.hearings.services.inbox import hearing_inbox_apply
from rogatory.apps.hearings.services.scheduling import ParticipantInput, hearing_propose
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind, communication_to_wire

NODE = "xa-central"


@pytest.fixture
def node_keys(
    states: None, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """This node's keys, and a registry that lists it (the minutes are signed by the node)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("ROGATORY_KEY_PASSPHRASE", "hearings test passphrase")
    forget_cached_keys()
    forget_cached_registry()
    identity = node_keys_init(node_id=NODE, scrypt_log2_n=10)
    operators = Operators.make()
    registry = build_registry([NodeEntry(NODE, "XA", identity.public_jwks)])
    registry_import(document=operators.sign(registry), operator_jwks=operators.jwks(), threshold=2)
    yield NODE
    forget_cached_keys()
    forget_cached_registry()


@pytest.fixture
def cases(open_case: Callable[..., Any], people: dict[str, Any]) -> tuple[Case, Case]:
    """The requesting side's outgoing case and the requested side's incoming case."""
    outgoing = open_case(kind="extradition", title="Surrender of Lena Morozova", custody="detained")
    incoming = open_case(
        actor="clerk",
        direction="incoming",
        kind="extradition",
        title="Surrender of Lena Morozova",
        custody="detained",
    )
    for case in (outgoing, incoming):
        CaseGrant.objects.get_or_create(
            case=case, user=people["officer"], defaults={"granted_by": people["supervisor"]}
        )
    return outgoing, incoming


def _latest(case: Case, kind: CommunicationKind | None = None) -> HearingMessage:
    qs = HearingMessage.objects.filter(case=case, sent=True)
    if kind is not None:
        qs = qs.filter(kind=kind.value)
    return qs.order_by("-id")[0]


@pytest.fixture
def deliver(people: dict[str, Any]) -> Callable[..., HearingMessage]:
    return carry_with(people)


def carry_with(people: dict[str, Any]) -> Callable[..., HearingMessage]:
    """Carry the latest hearing message sent on ``source`` to ``target``, as received."""

    def carry(
        source: Case, target: Case, kind: CommunicationKind | None = None, **body: Any
    ) -> HearingMessage:
        sent = _latest(source, kind)
        data = CommunicationData(
            CommunicationKind(sent.kind), body={**sent.body, **body}, reference="REF"
        )
        message_id = str(uuid.uuid4())
        now = timezone.now()
        InboxMessage.objects.create(
            sender_node=NODE,
            message_id=message_id,
            state=InboxState.ACCEPTED,
            header_jws="-",
            header_sha256="0" * 64,
            case_reference=target.their_reference,
            kind="communication",
            metadata={"kind": "communication", "payload": communication_to_wire(data)},
            received_at=now,
            case=target,
        )
        actor = exchange_system_user()
        communication_receive(actor=actor, case=target, data=data, message_id=message_id, at=now)
        for doc in Document.objects.filter(case=source, communication__isnull=True).exclude(
            pk__in=Document.objects.filter(case=target).values("pk")
        ):
            if (
                doc.content_type == "application/pdf"
                and not Document.objects.filter(case=target, sha256=doc.sha256).exists()
            ):
                with doc.file.open("rb") as handle:
                    copy = document_add(
                        actor=people["officer"],
                        case_id=target.pk,
                        title=doc.title,
                        filename=doc.filename,
                        stream=io.BytesIO(handle.read()),
                        content_type=doc.content_type,
                    )
                Document.objects.filter(pk=copy.pk).update(received=True, message_id=message_id)
        hearing_inbox_apply(case_ids=[target.pk])
        return HearingMessage.objects.get(case=target, message_id=message_id, sent=False)

    return carry


def slot_start(days: int = 8, hour: int = 14) -> datetime:
    day = (timezone.now() + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def proposed(
    cases: tuple[Case, Case], people: dict[str, Any], deliver: Callable[..., Any]
) -> tuple[Hearing, Hearing]:
    """A consent hearing proposed by the requesting side and received by the requested one."""
    outgoing, incoming = cases
    ours = hearing_propose(
        actor=people["officer"],
        case_id=outgoing.pk,
        kind="consent_to_surrender",
        reason_not_in_person="The person is detained abroad.",
        requesting_authority="District Court of XA",
        requested_authority="Court of Appeal of XB",
        language="ru",
        time_zone="America/New_York",
        slots=[(slot_start(8), 60), (slot_start(9), 60)],
        participants=[
            ParticipantInput(
                "presiding_judge", "Judge Rivera", "", "Court of XA", "America/New_York"
            )
        ],
    )
    deliver(outgoing, incoming)
    return ours, Hearing.objects.get(case=incoming, uid=ours.uid)
