"""The audit trail an auditor reads: actions named in their language, the changed values,
filters by case, actor and period, and pages (issue 13 item 9)."""

from datetime import UTC, datetime
from typing import Any

import pytest

from rogatory.apps.audit.services import Entry, audit_record_many
from rogatory.apps.cases.services import case_update

pytestmark = pytest.mark.django_db


def _rows(response: Any) -> list[Any]:
    return list(response.context["rows"])


def test_the_trail_names_actions_and_shows_changed_values(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given a case whose title was changed
    case = open_case()
    case_update(actor=people["officer"], case_id=case.pk, changes={"title": "Borealis accounts"})
    # when the auditor reads the trail
    response = client_for("auditor").get("/audit/")
    body = response.content.decode()
    # then the newest event reads "Request edited" with the old and new title, no code
    first = _rows(response)[0]
    assert first.label == "Request edited"
    assert ("title", "Bank records of Borealis Trading → Borealis accounts") in first.changes
    assert "Request edited" in body
    assert "Request opened" in body
    assert "<code>case.update</code>" not in body


def test_the_trail_speaks_the_auditors_language(
    client_for: Any, open_case: Any, people: Any
) -> None:
    open_case()
    people["auditor"].language = "fr"
    people["auditor"].save()
    client = client_for("auditor")
    response = client.get("/audit/")
    assert response.status_code == 200
    assert _rows(response)[0].label != "case.open"


def _seed(people: Any, count: int, **fields: Any) -> None:
    officer = people["officer"]
    audit_record_many(
        Entry(
            actor_id=fields.get("actor_id", officer.pk),
            actor=fields.get("actor", officer.username),
            action="user.language",
            object_type="accounts.user",
            object_id=str(officer.pk),
            changes={"language": {"from": "en", "to": "fr"}},
            at=fields.get("at"),
        )
        for _ in range(count)
    )


def test_filters_by_actor_and_period(client_for: Any, people: Any) -> None:
    _seed(people, 2, actor="alice", at=datetime(2026, 1, 10, 12, tzinfo=UTC))
    _seed(people, 3, actor="bob", at=datetime(2026, 2, 10, 12, tzinfo=UTC))
    client = client_for("auditor")
    by_actor = _rows(client.get("/audit/", {"actor": "alice"}))
    assert [r.event.actor for r in by_actor] == ["alice", "alice"]
    in_february = _rows(client.get("/audit/", {"since": "2026-02-01", "until": "2026-02-10"}))
    assert [r.event.actor for r in in_february] == ["bob", "bob", "bob"]
    nothing = client.get("/audit/", {"since": "2026-03-01"})
    assert _rows(nothing) == []


def test_filters_by_case(client_for: Any, open_case: Any) -> None:
    first, second = open_case(), open_case()
    rows = _rows(client_for("auditor").get("/audit/", {"case": str(second.pk)}))
    assert {r.event.case_id for r in rows} == {second.pk}
    assert first.pk != second.pk


def test_pages_go_back_through_the_chain(client_for: Any, people: Any) -> None:
    # given 120 events
    _seed(people, 120)
    client = client_for("auditor")
    # when the auditor reads the first page and follows "Older events" twice
    first = client.get("/audit/")
    seqs = [r.event.seq for r in _rows(first)]
    second = client.get("/audit/?" + first.context["older"])
    third = client.get("/audit/?" + second.context["older"])
    # then the pages follow each other without a gap or a repeat, and the last has no "older"
    assert seqs == list(range(120, 70, -1))
    assert [r.event.seq for r in _rows(second)] == list(range(70, 20, -1))
    assert [r.event.seq for r in _rows(third)] == list(range(20, 0, -1))
    assert third.context["older"] is None
    assert "Newest events" in third.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"case": "99999999999999999999999"},
        {"since": "2026-13-40"},
        {"since": "2026-02-10", "until": "2026-01-01"},
        {"before": "-3"},
    ],
)
def test_bad_filters_are_explained_not_a_500(client_for: Any, query: dict[str, str]) -> None:
    response = client_for("auditor").get("/audit/", query)
    assert response.status_code == 422
    assert response.context["rows"] == []


def test_only_an_auditor_reads_the_trail(client_for: Any) -> None:
    assert client_for("officer").get("/audit/").status_code == 403
    assert client_for("officer").get("/audit/", {"since": "bad"}).status_code == 403
