"""Every view and endpoint gives a user outside the grant nothing: not a title, not a count."""

import io
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AccessDenial
from rogatory.apps.cases.models import CaseEvent
from rogatory.apps.cases.services import document_add, grant_add, grant_revoke

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Zebrafish Laundering Ring"


@pytest.fixture
def secret_case(open_case: Any, people: Any) -> Any:
    case = open_case(title=SECRET_TITLE, sealed=True)
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Court order",
        filename="order.txt",
        stream=io.BytesIO(b"order of the investigating judge"),
    )
    return case


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _endpoints(case: Any) -> list[tuple[str, str]]:
    doc = case.documents.get()
    return [
        ("list", f"/api/v1/cases?q={SECRET_TITLE.split()[0]}"),
        ("list-all", "/api/v1/cases"),
        ("detail", f"/api/v1/cases/{case.pk}"),
        ("transitions", f"/api/v1/cases/{case.pk}/transitions"),
        ("communications", f"/api/v1/cases/{case.pk}/communications"),
        ("export", "/api/v1/cases/export"),
        ("download", f"/api/v1/cases/{case.pk}/documents/{doc.pk}/content"),
        ("audit", f"/api/v1/audit/events?case_id={case.pk}"),
        ("audit-all", "/api/v1/audit/events"),
        ("web-list", f"/cases/?q={SECRET_TITLE.split()[0]}"),
        ("web-dashboard", "/"),
        ("web-detail", f"/cases/{case.pk}/"),
        ("web-download", f"/cases/{case.pk}/documents/{doc.pk}/"),
        ("web-audit", f"/audit/?case={case.pk}"),
    ]


def _body(response: Any) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return bytes(response.content)


OUTSIDERS = [
    "colleague",
    "supervisor",
    "auditor",
    "admin",
    "clerk",
    "foreign_supervisor",
    "foreign_auditor",
]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsider_gets_nothing_of_a_sealed_case_anywhere(
    secret_case: Any, people: Any, who: str
) -> None:
    client = _client(people[who])
    events_before = CaseEvent.objects.count()
    for name, url in _endpoints(secret_case):
        response = client.get(url)
        body = _body(response)
        # then no trace of the case: not its title, reference, document or hash
        assert SECRET_TITLE.encode() not in body, (who, name)
        assert secret_case.our_reference.encode() not in body, (who, name)
        assert b"order of the investigating judge" not in body, (who, name)
        if name in (
            "detail",
            "transitions",
            "communications",
            "download",
            "web-detail",
            "web-download",
        ):
            assert response.status_code == 404, (who, name, response.status_code)
        if name in ("list", "web-list"):
            assert response.status_code == 200
    # and each refused direct access is logged, nothing else written
    assert AccessDenial.objects.filter(actor=people[who].username).count() >= 4
    assert CaseEvent.objects.count() == events_before


def test_refusal_looks_exactly_like_a_missing_case(secret_case: Any, people: Any) -> None:
    client = _client(people["colleague"])
    hidden = client.get(f"/api/v1/cases/{secret_case.pk}")
    missing = client.get("/api/v1/cases/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["code"] == missing.json()["code"] == "case.not_found"
    assert set(hidden.json()) == {"code", "message", "params"}


def test_team_member_sees_everything(secret_case: Any, people: Any) -> None:
    client = _client(people["officer"])
    for name, url in _endpoints(secret_case):
        if name.startswith("audit") or name == "web-audit":
            continue
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
    listed = client.get(f"/api/v1/cases?q={SECRET_TITLE.split()[0]}").json()
    assert [c["id"] for c in listed["items"]] == [secret_case.pk]


def test_supervisor_sees_unsealed_cases_of_the_authority_only(open_case: Any, people: Any) -> None:
    case = open_case(title="Ordinary request")
    mine = _client(people["supervisor"]).get("/api/v1/cases").json()["items"]
    foreign = _client(people["foreign_supervisor"]).get("/api/v1/cases").json()["items"]
    assert [c["id"] for c in mine] == [case.pk]
    assert foreign == []


def test_revoked_grant_takes_effect_at_once(open_case: Any, people: Any) -> None:
    case = open_case(title="Revocable", sealed=True)
    from rogatory.apps.cases.models import CaseGrant

    CaseGrant.objects.create(case=case, user=people["supervisor"], granted_by=people["officer"])
    grant_add(actor=people["supervisor"], case_id=case.pk, user_id=people["colleague"].pk)
    client = _client(people["colleague"])
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    # when the supervisor revokes the grant
    grant_revoke(actor=people["supervisor"], case_id=case.pk, user_id=people["colleague"].pk)
    # then the very next request is refused
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404


def test_audit_trail_is_for_auditors_only(open_case: Any, people: Any) -> None:
    case = open_case()
    assert _client(people["officer"]).get("/api/v1/audit/events").status_code == 403
    events = _client(people["auditor"]).get(f"/api/v1/audit/events?case_id={case.pk}").json()
    assert [e["action"] for e in events] == ["case.open"]


def test_anonymous_requests_are_refused(secret_case: Any) -> None:
    client = Client()
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get(f"/cases/{secret_case.pk}/").status_code == 302
