from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api_dashboard_gives_typed_tables(
    register: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    response = client_for("supervisor").get(
        "/api/v1/stats/dashboard", {"from": "2026-01", "to": "2026-03"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["period_from"] == "2026-01-01"
    volumes = next(t for t in body["tables"] if t["key"] == "volumes")
    assert volumes["rows"][0] == ["2026-01-01", 2, 0, 2]
    assert volumes["columns"][0] == {"label": "Period", "type": "month"}
    assert body["tables"][0]["key"] == "questionnaire"


@pytest.mark.parametrize("query", [{"from": "2026-13"}, {"kind": "x"}, {"state": "1"}])
def test_api_bad_filters_are_4xx(
    register: dict[str, Any], client_for: Callable[[str], Client], query: dict[str, str]
) -> None:
    assert client_for("supervisor").get("/api/v1/stats/dashboard", query).status_code in (400, 422)


def test_api_refuses_clerks(register: dict[str, Any], client_for: Callable[[str], Client]) -> None:
    assert client_for("clerk").get("/api/v1/stats/dashboard").status_code == 403
