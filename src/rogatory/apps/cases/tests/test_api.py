import io
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Person

pytestmark = pytest.mark.django_db

VALID: dict[str, Any] = {
    "direction": "outgoing",
    "kind": "extradition",
    "requesting_state": "XA",
    "requested_state": "XB",
    "legal_bases": ["untoc", "treaty"],
    "title": "Extradition of Wang Wei",
    "facts": "Fraud against investors in Aurelia.",
    "persons": [
        {
            "role": "person_sought",
            "names": [{"full_name": "王伟", "role": "original_script", "latin": "Wang Wei"}],
            "birth_date": "1980",
            "nationalities": ["XB"],
            "documents": [{"type": "passport", "number": "E 123-456", "issuing_state": "XB"}],
        }
    ],
    "offences": [{"description": "Fraud", "max_penalty_months": 120}],
}


@pytest.fixture
def officer_client(people: Any) -> Client:
    c = Client()
    c.force_login(people["officer"])
    return c


def test_creating_a_case_returns_it_whole(officer_client: Client) -> None:
    response = officer_client.post("/api/v1/cases", VALID, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    person = body["persons"][0]
    assert person["names"][0] == {
        "role": "original_script",
        "full_name": "王伟",
        "script": "han",
        "latin": "Wang Wei",
    }
    assert person["birth_precision"] == "year"
    assert person["documents"][0]["number"] == "E 123-456"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"kind": "piracy"}, "field.invalid_choice", "kind"),
        ({"requested_state": "ZZ"}, "field.unknown_state", "requested_state"),
        ({"requested_state": "XA"}, "case.same_state", "requested_state"),
        ({"legal_bases": []}, "field.required", "legal_bases"),
        ({"title": "  "}, "field.required", "title"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(
    officer_client: Client, change: dict[str, Any], code: str, field: str
) -> None:
    response = officer_client.post(
        "/api/v1/cases", {**VALID, **change}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["params"]["field"] == field
    assert Case.objects.count() == 0
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_bad_person_deep_in_the_payload_writes_nothing(officer_client: Client) -> None:
    person = {**VALID["persons"][0], "birth_date": "1980-13"}
    response = officer_client.post(
        "/api/v1/cases", {**VALID, "persons": [person]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["params"]["field"] == "persons[0].birth_date"
    assert Case.objects.count() == 0


def test_malformed_json_is_a_4xx_not_a_500(officer_client: Client) -> None:
    response = officer_client.post("/api/v1/cases", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"code", "message", "params"}
    assert Case.objects.count() == 0


def test_wrong_types_are_a_422_with_the_location(officer_client: Client) -> None:
    response = officer_client.post(
        "/api/v1/cases", {**VALID, "persons": "nobody"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "request.invalid"


# What an extradition request must also say before it is approved (issue 17: ETS 24 art. 12,
# UN Model Treaty art. 5, UNTOC art. 18(14)).
COMPLETE_EXTRADITION: dict[str, Any] = {
    "request_language": "en",
    "warrant_kind": "arrest_warrant",
    "warrant_date": "2025-06-02",
    "warrant_court": "Criminal Court of XA",
    "extradition_purpose": "prosecution",
    "offences": [
        {
            "description": "Fraud",
            "max_penalty_months": 120,
            "legal_qualification": "Fraud",
            "legal_provisions": "Criminal Code of XA, art. 200",
            "place": "Port Aurel",
            "committed_on": "2024-03-01",
        }
    ],
}


def test_transition_through_the_api(officer_client: Client, people: Any) -> None:
    case_id = officer_client.post(
        "/api/v1/cases", {**VALID, **COMPLETE_EXTRADITION}, content_type="application/json"
    ).json()["id"]
    sup = Client()
    sup.force_login(people["supervisor"])
    options = sup.get(f"/api/v1/cases/{case_id}/transitions").json()
    assert {o["target"] for o in options} == {"pending_approval", "approved", "withdrawn"}
    denied = officer_client.post(
        f"/api/v1/cases/{case_id}/transitions",
        {"target": "approved"},
        content_type="application/json",
    )
    assert denied.status_code == 403
    assert denied.json()["code"] == "transition.role_not_allowed"
    ok = sup.post(
        f"/api/v1/cases/{case_id}/transitions",
        {"target": "approved"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "approved"


def test_document_upload_records_sha256_and_size(officer_client: Client) -> None:
    case_id = officer_client.post("/api/v1/cases", VALID, content_type="application/json").json()[
        "id"
    ]
    content = b"Arrest warrant no. 17/2026" * 1000
    response = officer_client.post(
        f"/api/v1/cases/{case_id}/documents",
        {"title": "Arrest warrant", "file": io.BytesIO(content)},
    )
    assert response.status_code == 201
    import hashlib

    assert response.json()["sha256"] == hashlib.sha256(content).hexdigest()
    assert response.json()["size"] == len(content)
    download = officer_client.get(
        f"/api/v1/cases/{case_id}/documents/{response.json()['id']}/content"
    )
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]  # reason: FileResponse streams


def test_search_finds_cyrillic_names_by_latin_spelling(open_case: Any, people: Any) -> None:
    case = open_case()
    c = Client()
    c.force_login(people["officer"])
    for q in ("ivan petrov", "Петров", "laundering", case.our_reference, "petr"):
        items = c.get("/api/v1/cases", {"q": q}).json()["items"]
        assert [i["id"] for i in items] == [case.pk], q
    assert c.get("/api/v1/cases", {"q": "sidorov"}).json()["items"] == []


def test_keyset_pagination_walks_every_case_once(open_case: Any, people: Any) -> None:
    ids = {open_case(title=f"Request {i}").pk for i in range(7)}
    c = Client()
    c.force_login(people["officer"])
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = c.get("/api/v1/cases", params).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(ids, reverse=True)


def test_a_forged_cursor_is_a_422(officer_client: Client) -> None:
    response = officer_client.get("/api/v1/cases", {"cursor": "!!!"})
    assert response.status_code == 422
