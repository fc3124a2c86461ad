"""The policy headers every page carries, and the API description kept for signed-in staff
(issue 14 findings 6 and 12)."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_the_api_description_is_not_served_to_anonymous_visitors(path: str) -> None:
    # when
    response = Client().get(path)

    # then: sent to sign in, with nothing of the description
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/")
    assert b"openapi" not in response.content


def test_the_api_docs_page_loads_its_scripts_from_the_node_itself(
    client_for: Callable[[str], Client],
) -> None:
    # when
    response = client_for("officer").get("/api/v1/docs")

    # then: every script and stylesheet is a local static file
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert response.status_code == 200
    assert sources
    assert all(s.startswith("/static/") for s in sources), sources


def test_the_schema_is_served_to_a_signed_in_officer(
    client_for: Callable[[str], Client],
) -> None:
    # when
    response = client_for("officer").get("/api/v1/openapi.json")

    # then
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Rogatory node API"


@pytest.mark.parametrize("path", ["/signin/", "/"])
def test_every_page_is_sent_with_a_content_security_policy_without_inline_code(
    path: str, client_for: Callable[[str], Client]
) -> None:
    # when
    response = client_for("officer").get(path, follow=True)

    # then
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "unsafe-inline" not in policy
