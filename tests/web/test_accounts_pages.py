"""Signing in and out, the language switch, and user management by administrators."""

from typing import Any

import pytest
from django.test import Client

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_sign_in_and_out_through_the_forms(people: Any) -> None:
    client = Client()
    response = client.post("/signin/", {"username": "officer", "password": "pw-officer"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = client.post("/signout/", follow=True)
    assert response.redirect_chain == [("/signin/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You are signed in.",
        "You are signed out.",
    ]


def test_language_choice_is_stored_on_the_account(client_for: Any, people: Any) -> None:
    # when the officer chooses Arabic
    response = client_for("officer").post("/language/", {"language": "ar", "next": "/cases/"})
    # then it is kept on their account (audited) and the next page is in Arabic, right to left
    people["officer"].refresh_from_db()
    assert response["Location"] == "/cases/"
    assert people["officer"].language == "ar"
    assert AuditEvent.objects.filter(action="user.language").count() == 1
    page = client_for("officer").get("/cases/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_language_switch_ignores_foreign_next_addresses(client_for: Any) -> None:
    response = client_for("officer").post(
        "/language/", {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_language_switch_before_signing_in_uses_a_cookie(db: Any) -> None:
    client = Client()
    client.post("/language/", {"language": "es", "next": "/signin/"})
    page = client.get("/signin/").content.decode()
    assert '<html lang="es" dir="ltr">' in page


def test_administrator_creates_edits_and_closes_an_account(client_for: Any, people: Any) -> None:
    client = client_for("admin")
    authority = people["officer"].authority_id
    # when the administrator creates a user
    response = client.post(
        "/users/new/",
        {
            "username": "newcomer",
            "full_name": "Nadia Karim",
            "password": "a-long-initial-password",
            "role": "case_officer",
            "authority": authority,
            "language": "fr",
        },
    )
    user = User.objects.get(username="newcomer")
    assert response.status_code == 302
    assert (user.role, user.first_name, user.last_name, user.language) == (
        "case_officer",
        "Nadia",
        "Karim",
        "fr",
    )
    # and makes them a supervisor, then closes the account
    client.post(
        f"/users/{user.pk}/",
        {
            "full_name": "Nadia Karim",
            "role": "supervisor",
            "authority": authority,
            "language": "fr",
        },
    )
    client.post(f"/users/{user.pk}/deactivate/")
    user.refresh_from_db()
    assert (user.role, user.is_active) == ("supervisor", False)
    assert list(
        AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    ) == ["user.create", "user.update", "user.deactivate"]


def test_taken_user_name_is_shown_on_the_field(client_for: Any) -> None:
    response = client_for("admin").post(
        "/users/new/",
        {
            "username": "officer",
            "password": "a-long-initial-password",
            "role": "auditor",
            "language": "en",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["username"] == ["The user name officer is taken."]


def test_administrator_cannot_close_their_own_account(client_for: Any, people: Any) -> None:
    response = client_for("admin").post(f"/users/{people['admin'].pk}/deactivate/", follow=True)
    people["admin"].refresh_from_db()
    assert people["admin"].is_active
    assert [str(m) for m in response.context["messages"]] == ["You cannot close your own account."]


@pytest.mark.parametrize("who", ["officer", "supervisor", "auditor", "clerk"])
def test_only_administrators_manage_users(client_for: Any, people: Any, who: str) -> None:
    client = client_for(who)
    audit_before = AuditEvent.objects.count()
    assert client.get("/users/").status_code == 403
    assert client.get(f"/users/{people['clerk'].pk}/").status_code == 403
    created = client.post(
        "/users/new/",
        {
            "username": "intruder",
            "password": "a-long-initial-password",
            "role": "administrator",
            "language": "en",
        },
    )
    changed = client.post(
        f"/users/{people['clerk'].pk}/",
        {"role": "administrator", "language": "en"},
    )
    closed = client.post(f"/users/{people['clerk'].pk}/deactivate/")
    people["clerk"].refresh_from_db()
    assert (created.status_code, changed.status_code, closed.status_code) == (403, 403, 403)
    assert not User.objects.filter(username="intruder").exists()
    assert (people["clerk"].role, people["clerk"].is_active) == ("registry_clerk", True)
    assert AuditEvent.objects.count() == audit_before
