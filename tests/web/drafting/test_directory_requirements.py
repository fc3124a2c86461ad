"""The directory shows what a State asks of a request, its sources and its versions."""

from typing import Any

import pytest

from rogatory.apps.directory.services import requirements_load_shipped

pytestmark = pytest.mark.django_db


def test_the_directory_shows_xbs_published_requirements_with_their_source(
    client_for: Any,
) -> None:
    requirements_load_shipped()
    body = client_for("officer").get("/directory/?state=XB").content.decode()
    assert "Requirements of the requested State" in body
    assert "en, fr" in body
    assert "XB accepts requests in French or English only" in body
    assert "version 1" in body


def test_a_state_without_requirements_says_so(client_for: Any) -> None:
    body = client_for("officer").get("/directory/?state=XC").content.decode()
    assert "No requirements of this State are published here." in body
