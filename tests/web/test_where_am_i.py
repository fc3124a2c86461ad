"""Every page says which State's node it is, the user's authority and role, and marks a demo
or training node (issue 13 item 8 and "Where am I")."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_header_names_the_state_the_authority_and_the_role(client_for: Any) -> None:
    body = client_for("officer").get("/").content.decode()
    header = body.split('<header class="topbar">')[1].split("</header>")[0]
    assert "Node of Republic of Aurelia" in header
    assert "Central Authority of XA" in header
    assert "Case officer" in header


def test_the_state_is_named_in_the_users_language(people: Any) -> None:
    people["officer"].language = "ar"
    people["officer"].save()
    client = Client()
    client.force_login(people["officer"])
    body = client.get("/").content.decode()
    assert "جمهورية أوريليا" in body
    assert "Republic of Aurelia" not in body


def test_the_sign_in_page_already_names_the_node(states: None) -> None:
    body = Client().get("/signin/").content.decode()
    assert "Node of Republic of Aurelia" in body


def test_a_production_node_carries_no_demo_marker(client_for: Any) -> None:
    body = client_for("officer").get("/").content.decode()
    assert 'class="node-kind' not in body


@pytest.mark.parametrize(
    ("kind", "notice"),
    [
        ("demo", "Demonstration node: fictional cases only, never enter real data."),
        ("training", "Training node: practice cases only, never enter real data."),
    ],
)
def test_a_demo_or_training_node_is_marked_on_every_page(
    client_for: Any, settings: Any, kind: str, notice: str
) -> None:
    settings.NODE_KIND = kind
    for path in ("/", "/cases/", "/directory/"):
        body = client_for("officer").get(path).content.decode()
        assert f'<p class="node-kind node-kind-{kind}" role="note">{notice}</p>' in body


def test_the_case_page_shows_the_persons_gender(client_for: Any, open_case: Any) -> None:
    """Issue 13 item 8: gender was stored but never shown."""
    case = open_case()
    case.persons.update(gender="m")
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert "<dt>Gender</dt><dd>Male</dd>" in body
