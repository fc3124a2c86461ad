"""Limits on use (UNTOC art. 18(19)), confidentiality (art. 18(20)) and accepted conditions
(art. 18(26)) shown wherever the evidence is (issue 15): beside each returned file on the case
page, in the evidence's API representation and on its download."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.proceedings.selectors import conversation_for
from rogatory.apps.proceedings.services import communication_send
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind, communication_to_wire
from tests.exchange.conftest import Network
from tests.exchange.test_after_transmission import _transmitted
from tests.exchange.test_communications import _from_a

pytestmark = pytest.mark.django_db

KEEP_SECRET = "Do not disclose the request or its contents to the suspect."
CONDITIONS = "The statements may be used only in the trial of Ivan Petrov."
EVIDENCE = b"%PDF-1.7 witness statement"


def _evidence_returned(network: Network, case: Case) -> CaseDocument:
    network.send(
        network.seal(
            metadata={
                "kind": "communication",
                "payload": communication_to_wire(
                    CommunicationData(CommunicationKind.FINAL_EXECUTION, text="Statement taken.")
                ),
            },
            reference=case.our_reference,
            documents=[EVIDENCE],
        )
    )
    return CaseDocument.objects.get(case=case, received=True)


def _on_file(people: Any, case: Case) -> dict[str, list[tuple[str, str]]]:
    """Each file's conditions as the case page's documents list has them: (code, text)."""
    lines = conversation_for(actor=people["officer"], case=case).documents
    return {
        line.document.title: [(c.kind.value, c.text) for c in line.conditions] for line in lines
    }


@pytest.fixture
def case(network: Network, open_case: Any, people: Any) -> Case:
    """B's request to A (UNTOC), confidential at B's request, A's conditions accepted by B,
    and A's evidence returned with its final execution."""
    case = _transmitted(open_case, people)
    communication_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="confidentiality_required",
        text=KEEP_SECRET,
    )
    _reply, proposed = _from_a(
        network,
        CommunicationData(CommunicationKind.CONDITIONS_PROPOSED, text=CONDITIONS),
        reference=case.our_reference,
    )
    communication_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="conditions_accepted",
        text="Accepted.",
        in_reply_to=proposed,
    )
    _evidence_returned(network, case)
    return case


def test_each_returned_file_shows_the_conditions_that_bind_it_and_the_request_s_own_none(
    people: Any, case: Case
) -> None:
    # given the case above; when B's officer looks at its files
    on_file = _on_file(people, case)
    # then the evidence carries the limit on use, the confidentiality and the conditions
    evidence = CaseDocument.objects.get(case=case, received=True)
    assert on_file[evidence.title] == [
        ("use_limited", ""),
        ("confidentiality", KEEP_SECRET),
        ("conditions_accepted", CONDITIONS),
    ]
    # and the request's own letter is bound by none of them
    assert on_file["Letter of request"] == []


def test_the_case_page_shows_the_conditions_beside_the_evidence(people: Any, case: Case) -> None:
    client = Client()
    client.force_login(people["officer"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert page.count("Conditions on the use of this evidence") == 2  # label and heading
    assert "UNTOC art. 18(19)" in page
    assert "UNTOC art. 18(20)" in page
    assert CONDITIONS in page
    assert "Use limited to the proceedings stated in the request" in page


def test_the_api_gives_each_evidence_file_its_conditions(people: Any, case: Case) -> None:
    client = Client()
    client.force_login(people["officer"])
    reply = client.get(f"/api/v1/cases/{case.pk}/communications")
    assert reply.status_code == 200
    final = next(c for c in json.loads(reply.content) if c["kind"] == "final_execution")
    [document] = final["documents"]
    assert [(c["kind"], c["basis"], c["text"]) for c in document["conditions"]] == [
        ("use_limited", "UNTOC art. 18(19)", ""),
        ("confidentiality", "UNTOC art. 18(20)", KEEP_SECRET),
        ("conditions_accepted", "UNTOC art. 18(26)", CONDITIONS),
    ]
    assert document["conditions"][0]["label"].startswith("Use limited")


def test_the_download_of_evidence_names_its_conditions_and_is_still_audited(
    people: Any, case: Case
) -> None:
    client = Client()
    client.force_login(people["officer"])
    evidence = CaseDocument.objects.get(case=case, received=True)
    letter = CaseDocument.objects.get(case=case, received=False)
    reply = client.get(f"/cases/{case.pk}/documents/{evidence.pk}/")
    assert reply.status_code == 200
    assert reply["Rogatory-Conditions"] == (
        'use_limited; basis="UNTOC art. 18(19)", '
        'confidentiality; basis="UNTOC art. 18(20)", '
        'conditions_accepted; basis="UNTOC art. 18(26)"'
    )
    assert AuditEvent.objects.filter(action="document.download", object_id=str(evidence.pk))
    assert "Rogatory-Conditions" not in client.get(f"/cases/{case.pk}/documents/{letter.pk}/")


def test_a_notice_that_confidentiality_cannot_be_kept_and_a_consent_to_use_show_too(
    network: Network, people: Any, case: Case
) -> None:
    # when A says it cannot keep the request confidential (UNTOC art. 18(20))
    _from_a(
        network,
        CommunicationData(
            CommunicationKind.CONFIDENTIALITY_CANNOT, text="Our law requires disclosure."
        ),
        reference=case.our_reference,
    )
    # and B asks to use the evidence in other proceedings, and A consents (art. 18(19))
    asked = communication_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="use_consent_request",
        text="May we use the statement in the tax case?",
    )
    _from_a(
        network,
        CommunicationData(
            CommunicationKind.USE_CONSENT,
            text="Consent given for the tax case.",
            in_reply_to=asked.message_id,
        ),
        reference=case.our_reference,
    )
    # then the evidence shows both, after what bound it before
    evidence = CaseDocument.objects.get(case=case, received=True)
    assert _on_file(people, case)[evidence.title][3:] == [
        ("confidentiality_not_kept", "Our law requires disclosure."),
        ("use_consented", "Consent given for the tax case."),
    ]
    assert Communication.objects.filter(case=case, sent=False, kind="use_consent").count() == 1
