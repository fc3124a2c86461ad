"""After transmission (issue 15, deliverable 1): the request is not edited in place, and the
case page says what has and has not reached the other State, and what may be sent now."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, Communication
from rogatory.apps.cases.services import case_update, document_add
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind, communication_to_wire
from tests.exchange.conftest import Network
from tests.exchange.test_communications import _incoming

pytestmark = pytest.mark.django_db


def _add(people: Any, case: Case, title: str) -> Any:
    return document_add(
        actor=people["officer"],
        case_id=case.pk,
        title=title,
        filename=f"{title}.pdf",
        stream=io.BytesIO(f"%PDF-1.7 {title}".encode()),
    )


def _transmitted(open_case: Any, people: Any) -> Case:
    """B's request to A, with one document, approved and transmitted to A's node."""
    case = open_case(requesting_state="XB", requested_state="XA")
    _add(people, case, "Letter of request")
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    case.refresh_from_db()
    return case


def _client(people: Any, who: str) -> Client:
    client = Client()
    client.force_login(people[who])
    return client


def test_a_transmitted_request_cannot_be_edited_in_place(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's request transmitted to A
    case = _transmitted(open_case, people)
    audited = AuditEvent.objects.count()
    # when the officer changes its title
    with pytest.raises(DomainError) as refused:
        case_update(actor=people["officer"], case_id=case.pk, changes={"title": "Another title"})
    # then it is refused and nothing is written
    assert refused.value.code == "case.transmitted"
    case.refresh_from_db()
    assert case.title == "Bank records of Borealis Trading"
    assert AuditEvent.objects.count() == audited
    # and the page offers no edit, and the edit page refuses with the reason
    client = _client(people, "officer")
    assert f"/cases/{case.pk}/edit/" not in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(f"/cases/{case.pk}/edit/", {"title": "Another title"})
    assert response.status_code == 409
    assert "can no longer be edited" in response.content.decode()


def test_a_draft_is_still_edited_in_place(open_case: Any, people: Any) -> None:
    case = open_case()
    updated = case_update(actor=people["officer"], case_id=case.pk, changes={"title": "New"})
    assert updated.title == "New"


def test_the_page_says_which_documents_reached_the_other_state(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's request transmitted with its letter, and an annex added afterwards
    case = _transmitted(open_case, people)
    annex = _add(people, case, "Annex added later")
    letter = case.documents.exclude(pk=annex.pk).get()
    request = OutboxMessage.objects.get(case=case, kind="request")
    # then the letter is tied to the request's message, the annex to none
    assert (letter.message_id, annex.message_id) == (request.message_id, "")
    # and the page says the letter is queued for A's node and the annex was not sent
    page = _client(people, "officer").get(f"/cases/{case.pk}/").content.decode()
    letter_line = page[page.index("Letter of request") :]
    assert "Queued for the other State&#x27;s node" in letter_line.split("</li>")[0]
    annex_line = page[page.index("Annex added later") :]
    assert "Not sent to the other State" in annex_line.split("</li>")[0]


def test_the_conversation_lists_both_directions_and_sends_an_answer_with_files(
    network: Network, open_case: Any, people: Any
) -> None:
    # given B's request to A, which A acknowledged and then asked a question about
    case = _transmitted(open_case, people)
    for data in (
        CommunicationData(
            CommunicationKind.ACKNOWLEDGEMENT,
            reference="XA/MLA/2026/000777",
            contact="Ms A. Officer <a@xa.example>",
        ),
        CommunicationData(CommunicationKind.INFORMATION_REQUEST, text="Which accounts?"),
    ):
        sealed = network.seal(
            metadata={"kind": "communication", "payload": communication_to_wire(data)},
            reference=case.our_reference,
            documents=[],
        )
        assert network.send(sealed).status_code == 201
    annex = _add(people, case, "Account list")
    client = _client(people, "officer")
    # when the officer opens the page, then the form
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Ms A. Officer" in page
    assert "Which accounts?" in page
    form = client.get(f"/cases/{case.pk}/communications/new/").content.decode()
    # then only the answer is offered (the question was asked of B), with the annex to attach
    assert 'value="information_answer"' in form
    assert 'value="withdrawal"' not in form  # a step of its own (Next steps)
    assert 'value="acknowledgement"' not in form  # A's to send
    assert "Account list" in form
    # when the officer sends the answer with the annex
    response = client.post(
        f"/cases/{case.pk}/communications/new/",
        {"kind": "information_answer", "text": "Accounts 4411.", "document_ids": [annex.pk]},
    )
    # then it leaves for A, answering the question, with the annex, and the case moves back
    assert response.status_code == 302
    sent = Communication.objects.get(case=case, sent=True)
    question = Communication.objects.get(case=case, kind="information_request")
    assert (sent.kind, sent.text, sent.in_reply_to) == (
        "information_answer",
        "Accounts 4411.",
        question.message_id,
    )
    annex.refresh_from_db()
    assert (annex.message_id, annex.communication_id) == (sent.message_id, sent.pk)
    case.refresh_from_db()
    assert case.status == "acknowledged"
    # and the question answered, no second answer is offered
    form = client.get(f"/cases/{case.pk}/communications/new/").content.decode()
    assert 'value="information_answer"' not in form


def test_an_empty_answer_is_refused_on_the_form_and_nothing_is_sent(
    network: Network, open_case: Any, people: Any
) -> None:
    case = _transmitted(open_case, people)
    sealed = network.seal(
        metadata={
            "kind": "communication",
            "payload": communication_to_wire(
                CommunicationData(CommunicationKind.INFORMATION_REQUEST, text="Which accounts?")
            ),
        },
        reference=case.our_reference,
        documents=[],
    )
    network.send(sealed)
    queued, events = OutboxMessage.objects.count(), CaseEvent.objects.count()
    response = _client(people, "officer").post(
        f"/cases/{case.pk}/communications/new/", {"kind": "information_answer", "text": ""}
    )
    assert response.status_code == 422
    assert Communication.objects.filter(case=case, sent=True).count() == 0
    assert (OutboxMessage.objects.count(), CaseEvent.objects.count()) == (queued, events)


def test_the_requested_side_sees_no_form_before_it_may_send(network: Network, people: Any) -> None:
    # given A's request just received at B: an auditor may read the case, not write it
    case = _incoming(network, people)
    people["auditor"].authority_id = case.owner_authority_id
    people["auditor"].save(update_fields=["authority"])
    response = _client(people, "auditor").get(f"/cases/{case.pk}/communications/new/")
    assert response.status_code in (200, 403, 404)
    assert 'name="kind"' not in response.content.decode()
