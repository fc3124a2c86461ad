"""Communications from the API: sent from the case, listed on it; a step the other State
takes is refused with nothing written."""

import io
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.cases.models import CaseEvent, Communication, Document
from rogatory.apps.cases.services import document_add

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_requesting_officer_withdraws_by_api_and_sees_it_on_the_case(
    open_case: Any, people: Any
) -> None:
    # given an outgoing request that went by another channel (no node for the State)
    case = open_case(requested_state="FR")
    client = _client(people["officer"])
    # when its officer sends a withdrawal with the reason
    posted = client.post(
        f"/api/v1/cases/{case.pk}/communications",
        {"kind": "withdrawal", "text": "The accused has died."},
        content_type="application/json",
    )
    # then it is kept on the case, in our name, with no exchange message to point to
    assert posted.status_code == 201
    body = posted.json()
    assert (body["kind"], body["sent"], body["reference"], body["message_id"]) == (
        "withdrawal",
        True,
        case.our_reference,
        "",
    )
    assert body["contact"].startswith("officer")
    listed = client.get(f"/api/v1/cases/{case.pk}/communications").json()
    assert [(c["kind"], c["text"]) for c in listed] == [("withdrawal", "The accused has died.")]
    assert CaseEvent.objects.filter(case=case, kind="sent_withdrawal").count() == 1


def test_an_acknowledgement_of_our_own_request_is_refused_and_nothing_written(
    open_case: Any, people: Any
) -> None:
    case = open_case(requested_state="FR")
    response = _client(people["officer"]).post(
        f"/api/v1/cases/{case.pk}/communications",
        {"kind": "acknowledgement"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (422, "communication.wrong_side")
    assert Communication.objects.count() == 0


def test_an_unknown_kind_is_refused(open_case: Any, people: Any) -> None:
    case = open_case(requested_state="FR")
    response = _client(people["officer"]).post(
        f"/api/v1/cases/{case.pk}/communications",
        {"kind": "gossip"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (422, "field.invalid_choice")
    assert Communication.objects.count() == 0


def test_a_communication_lists_the_files_it_carried_with_their_hashes(
    open_case: Any, people: Any
) -> None:
    # given an outgoing request gone by another channel, and a file kept with a communication
    case = open_case(requested_state="FR")
    doc = document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Annex",
        filename="annex.pdf",
        stream=io.BytesIO(b"%PDF-1.7 annex"),
    )
    row = Communication.objects.create(
        case=case, kind="withdrawal", sent=True, at=case.created_at, text="Withdrawn."
    )
    Document.objects.filter(pk=doc.pk).update(communication=row)
    # when the officer lists the communications
    listed = _client(people["officer"]).get(f"/api/v1/cases/{case.pk}/communications").json()
    # then the file is listed with its hash under its communication
    assert [(d["title"], d["sha256"], d["received"]) for d in listed[0]["documents"]] == [
        ("Annex", doc.sha256, False)
    ]
