"""The case wire schema at a node's door: the whole case travels, a newer minor version is
read, an unknown major version is refused with a signed rejection and nothing stored."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.cases.services import document_add
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.apps.exchange.models import Evidence, InboxDocument, InboxMessage
from rogatory.apps.exchange.services.payload import request_payload
from rogatory.core.envelope.receipts import EvidenceType, verify_evidence
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7 letter of request"


def _whole_case(open_case: Any, people: Any) -> Case:
    """An outgoing request with every part filled: what must reach the requested State."""
    case = open_case(
        legal_bases=["untoc", "treaty"],
        treaty="Treaty on extradition between XA and XB (2001)",
        subject="Prosecution for laundering, case 12/2026 before the Tribunal of Capital",
        urgency="urgent",
        urgency_reason="The person is about to leave the requested State.",
        custody="detained",
        confidential=True,
        requested_by=datetime(2027, 1, 15, 9, 30, tzinfo=UTC),
        persons=[
            PersonInput(
                role="suspect",
                names=[
                    NameInput("Иван Петров", "original_script", "Ivan Petrov"),
                    NameInput("Ivan Petroff", "alias"),
                ],
                gender="m",
                birth_date="1975-03-02",
                birth_place="Novgorod",
                location="Hotel Central, Capital of XB",
                nationalities=["XB", "FR"],
                documents=[
                    IdDocumentInput("passport", "P1234567", "XB"),
                    IdDocumentInput("national_id", "ID-99-88", "FR"),
                ],
            ),
            PersonInput(role="witness", names=[NameInput("Anna Berg")], birth_date="1980"),
        ],
        offences=[
            OffenceInput(
                "Laundering of proceeds of fraud",
                "Criminal Code art. 312",
                96,
                place="Capital of XA",
                committed_on=date(2025, 6, 1),
            )
        ],
        measures=[MeasureInput("records", "Statements of account 4411", "Trace funds")],
    )
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Letter of request",
        filename="request.pdf",
        stream=io.BytesIO(PDF),
        language="en",
    )
    return case


def test_the_whole_case_reaches_the_requested_state(
    network: Network, open_case: Any, people: Any
) -> None:
    # given an outgoing request with two persons (all names, documents, nationalities), an
    # offence, a measure, a treaty, urgency, custody, confidentiality, a date asked for
    # (UNTOC art. 18(24)) and a titled document
    outgoing = _whole_case(open_case, people)
    payload = request_payload(outgoing)
    # when its payload and its document arrive at B
    sealed = network.seal(metadata={"kind": "request", "payload": payload}, documents=[PDF])
    assert network.send(sealed).status_code == 201
    # then B's incoming case says everything A's says, and the document keeps its title
    incoming = Case.objects.get(direction="incoming")
    mine = request_payload(incoming)
    assert mine == {**payload, "documents": mine["documents"]}
    assert mine["documents"] == [
        {"sha256": hashlib.sha256(PDF).hexdigest(), "title": "Letter of request", "language": "en"}
    ]
    assert payload["schema"] == "rogatory.case/1.2"
    assert len(payload["persons"][0]["names"]) == 2
    assert incoming.requested_by == datetime(2027, 1, 15, 9, 30, tzinfo=UTC)


def test_a_newer_minor_version_opens_the_case_ignoring_unknown_fields(
    network: Network, open_case: Any
) -> None:
    # given a request from a node on schema 1.4, with a field this node does not know
    payload = {
        **request_payload(open_case()),
        "schema": "rogatory.case/1.4",
        "liaison": {"name": "M. Dupont"},
    }
    # when it arrives
    reply = network.send(network.seal(metadata={"kind": "request", "payload": payload}))
    # then the case is opened from the fields this node knows
    assert reply.status_code == 201
    assert Case.objects.get(direction="incoming").title == payload["title"]


def test_an_unknown_major_version_is_refused_signed_and_nothing_is_stored(
    network: Network, open_case: Any
) -> None:
    # given a request written under schema 2.0, which this node cannot read
    payload = {**request_payload(open_case()), "schema": "rogatory.case/2.0"}
    cases_before = Case.objects.count()
    sealed = network.seal(metadata={"kind": "request", "payload": payload}, documents=[PDF])
    # when it is committed
    reply = network.send(sealed)
    # then it is refused (422) with B's signed rejection naming both versions
    body = json.loads(reply.content)
    assert reply.status_code == 422
    assert (body["code"], body["params"]) == (
        "wire.schema_unsupported",
        {"schema": "rogatory.case/2.0", "supported": "rogatory.case/1.2"},
    )
    signal = verify_evidence(
        body["evidence"], jwks=network.b_node.public_jwks, expected_issuer="xb-central"
    )
    assert (signal.evidence_type, signal.reason, signal.message_id) == (
        EvidenceType.REJECTED,
        "wire.schema_unsupported",
        sealed.header.message_id,
    )
    # and no case, document or accepted message was stored, no decrypted file kept
    assert Case.objects.count() == cases_before
    assert CaseDocument.objects.count() == 0
    assert InboxDocument.objects.count() == 0
    assert list(InboxMessage.objects.values_list("state", "rejection_code")) == [
        ("rejected", "wire.schema_unsupported")
    ]
    assert list(Evidence.objects.values_list("kind", flat=True)) == ["rejected"]
    received = Path(settings.MEDIA_ROOT) / "exchange"
    assert [p for p in received.rglob("*") if p.is_file()] == []
    # and a retry gets the same rejection, byte for byte
    assert network.send(sealed).content == reply.content
