"""Authentication (issue 14, finding 5): lockout, two-step verification, session expiry,
re-authentication before sensitive steps, password change and reset, sign-out everywhere.
Every event is one line on ``rogatory.security`` with no secret in it."""

import logging
import re
import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rogatory.apps.accounts.sessions import AUTHENTICATED_AT, SEEN_AT, SIGNED_IN_AT
from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import CaseEvent, CaseGrant

pytestmark = pytest.mark.django_db


def _security_lines(caplog: Any) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rogatory.security"]


def _current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def _age(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(session[key]) - seconds
    session.save()


# Lockout


def test_five_wrong_passwords_lock_the_user_name_out_from_that_address(
    people: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    client = Client()
    officer = people["officer"]
    password_hash = officer.password
    audit_before = AuditEvent.objects.count()
    # given four wrong passwords, each answered with the form
    for _ in range(4):
        response = client.post("/signin/", {"username": "officer", "password": "wrong"})
        assert response.status_code == 200
    # when the fifth fails too, and then even the right password is given
    fifth = client.post("/signin/", {"username": "officer", "password": "wrong"})
    right = client.post("/signin/", {"username": "officer", "password": "pw-officer"})
    # then both are refused with 429 and a clear message, and nobody is signed in
    for response in (fifth, right):
        assert response.status_code == 429
        assert "Too many failed sign-in attempts for this user name. Try again in 15 minutes" in (
            response.content.decode()
        )
    assert client.get("/cases/")["Location"] == "/signin/?next=/cases/"
    # and nothing else changed: the account, the audit chain, the sessions
    officer.refresh_from_db()
    assert (officer.password, officer.last_login, officer.is_active) == (password_hash, None, True)
    assert AuditEvent.objects.count() == audit_before
    assert Session.objects.count() == 0
    lines = _security_lines(caplog)
    assert lines.count("auth event='signin.failed' user='officer' ip='127.0.0.1'") >= 5
    assert "auth event='signin.lockout' user='officer' ip='127.0.0.1'" in lines
    assert not any("wrong" in line or "pw-officer" in line for line in lines)


def test_a_lockout_does_not_stop_the_same_user_from_another_address(people: Any) -> None:
    for _ in range(5):
        Client(REMOTE_ADDR="203.0.113.9").post(
            "/signin/", {"username": "officer", "password": "wrong"}
        )
    response = Client(REMOTE_ADDR="198.51.100.7").post(
        "/signin/", {"username": "officer", "password": "pw-officer"}
    )
    assert response.status_code == 302


# Two-step verification


@pytest.fixture
def officer_totp(people: Any) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(
        user=people["officer"], name="authenticator", confirmed=True
    )
    return device


def _sign_in_with_password(client: Client) -> None:
    response = client.post("/signin/", {"username": "officer", "password": "pw-officer"})
    assert response.status_code == 302


def test_a_user_with_an_authenticator_gives_its_code_after_the_password(
    officer_totp: TOTPDevice, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    client = Client()
    # given the password was right
    _sign_in_with_password(client)
    # then the cases stay closed until the code is given
    assert client.get("/cases/")["Location"] == "/signin/code/?next=%2Fcases%2F"
    # when the current TOTP code is given
    code = _current_code(officer_totp)
    response = client.post("/signin/code/?next=/cases/", {"token": code})
    # then the user reaches the cases
    assert response["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    lines = _security_lines(caplog)
    assert "auth event='twofactor.ok' user='officer' ip='127.0.0.1' device='TOTPDevice'" in lines
    assert not any(code in line for line in lines)


def test_a_wrong_code_is_refused_and_logged(officer_totp: TOTPDevice, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    client = Client()
    _sign_in_with_password(client)
    wrong = f"{(int(_current_code(officer_totp)) + 1) % 1000000:06d}"
    response = client.post("/signin/code/", {"token": wrong})
    assert response.status_code == 422
    assert client.get("/cases/").status_code == 302
    assert "auth event='twofactor.failed' user='officer' ip='127.0.0.1'" in (
        _security_lines(caplog)
    )


def test_an_api_call_on_a_half_signed_in_session_is_anonymous(officer_totp: TOTPDevice) -> None:
    client = Client()
    _sign_in_with_password(client)
    assert client.get("/api/v1/cases").status_code == 401


@pytest.mark.parametrize("required", [True])
def test_when_required_a_new_user_sets_up_an_authenticator_and_gets_recovery_codes(
    people: Any, settings: Any, required: bool
) -> None:
    settings.ROGATORY_REQUIRE_2FA = required
    client = Client()
    _sign_in_with_password(client)
    # then every page leads to the setup, which shows a QR code made locally as SVG
    assert client.get("/cases/")["Location"] == "/account/two-factor/?next=%2Fcases%2F"
    page = client.get("/account/two-factor/").content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=people["officer"], confirmed=False)
    # when the first code from the app is given
    response = client.post("/account/two-factor/", {"token": _current_code(device)})
    # then it is on, ten recovery codes are shown once, and the session is verified
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(action="twofactor.enable").count() == 1
    # and a recovery code signs in once, in place of the app
    other = Client()
    _sign_in_with_password(other)
    assert other.post("/signin/code/", {"token": codes[0]})["Location"] == "/"
    assert not StaticToken.objects.filter(token=codes[0]).exists()


# Session expiry


def test_a_session_idle_for_more_than_30_minutes_is_signed_out(
    client_for: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    client = client_for("officer")
    # given the last request was 31 minutes ago
    _age(client, SEEN_AT, 31 * 60)
    # when the user comes back
    response = client.get("/cases/")
    # then they must sign in again
    assert response["Location"] == "/signin/?next=/cases/"
    assert client.get("/cases/").status_code == 302
    assert (
        "auth event='session.expired' user='officer' ip='127.0.0.1' reason='idle'"
        in _security_lines(caplog)
    )


def test_a_session_used_within_the_idle_limit_lives_on(client_for: Any) -> None:
    client = client_for("officer")
    _age(client, SEEN_AT, 29 * 60)
    assert client.get("/cases/").status_code == 200


def test_a_busy_session_still_ends_12_hours_after_sign_in(client_for: Any) -> None:
    client = client_for("officer")
    _age(client, SIGNED_IN_AT, 12 * 3600 + 1)
    assert client.get("/cases/")["Location"] == "/signin/?next=/cases/"


# Re-authentication


def test_approving_needs_the_password_again_after_five_minutes(
    client_for: Any, open_case: Any
) -> None:
    case = open_case()
    client = client_for("supervisor")
    # given the supervisor gave their password six minutes ago
    _age(client, AUTHENTICATED_AT, 6 * 60)
    detail = f"http://testserver/cases/{case.pk}/"
    # when they approve
    response = client.post(f"/cases/{case.pk}/transition/approved/", {}, HTTP_REFERER=detail)
    # then they are asked to confirm it is them, and nothing happened
    assert response["Location"] == f"/signin/confirm/?next=%2Fcases%2F{case.pk}%2F"
    case.refresh_from_db()
    assert case.status == "draft"
    assert not CaseEvent.objects.filter(case=case, to_status="approved").exists()
    # when they confirm with a wrong password, nothing changes either
    assert client.post("/signin/confirm/", {"password": "nope"}).status_code == 422
    # and after the right one, the approval goes through
    confirmed = client.post(
        f"/signin/confirm/?next=/cases/{case.pk}/", {"password": "pw-supervisor"}
    )
    assert confirmed["Location"] == f"/cases/{case.pk}/"
    client.post(f"/cases/{case.pk}/transition/approved/", {})
    case.refresh_from_db()
    assert case.status == "approved"


def test_adding_to_a_team_needs_a_recent_password(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case()
    client = client_for("supervisor")
    _age(client, AUTHENTICATED_AT, 6 * 60)
    response = client.post(f"/cases/{case.pk}/team/", {"user": people["colleague"].pk})
    assert response["Location"].startswith("/signin/confirm/")
    assert not CaseGrant.objects.filter(case=case, user=people["colleague"]).exists()


def test_a_step_that_commits_nothing_needs_no_re_authentication(
    client_for: Any, open_case: Any
) -> None:
    case = open_case()
    client = client_for("officer")
    _age(client, AUTHENTICATED_AT, 6 * 60)
    response = client.post(f"/cases/{case.pk}/transition/pending_approval/", {})
    case.refresh_from_db()
    assert (response.status_code, case.status) == (302, "pending_approval")


# Password change and reset, sign-out everywhere


def test_a_user_changes_their_password_and_their_other_sessions_end(
    client_for: Any, people: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    laptop, phone = client_for("officer"), client_for("officer")
    new = "Correct-Horse-Battery-9"
    response = laptop.post(
        "/account/password/",
        {"old_password": "pw-officer", "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/account/"
    people["officer"].refresh_from_db()
    assert people["officer"].check_password(new)
    assert laptop.get("/cases/").status_code == 200
    assert phone.get("/cases/").status_code == 302
    assert AuditEvent.objects.filter(action="user.password").count() == 1
    lines = _security_lines(caplog)
    assert "auth event='password.change' user='officer' ip='127.0.0.1'" in lines
    assert not any(new in line or "pw-officer" in line for line in lines)


def test_a_new_password_must_pass_the_validators(client_for: Any, people: Any) -> None:
    client = client_for("officer")
    response = client.post(
        "/account/password/",
        {"old_password": "pw-officer", "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    people["officer"].refresh_from_db()
    assert people["officer"].check_password("pw-officer")


def test_sign_out_everywhere_ends_every_session_of_the_user(client_for: Any) -> None:
    laptop, phone, colleague = client_for("officer"), client_for("officer"), client_for("colleague")
    response = laptop.post("/account/sign-out-everywhere/")
    assert response["Location"] == "/signin/"
    assert laptop.get("/cases/").status_code == 302
    assert phone.get("/cases/").status_code == 302
    assert colleague.get("/cases/").status_code == 200


def test_an_administrator_issues_a_one_time_reset_link(client_for: Any, people: Any) -> None:
    admin = client_for("admin")
    # when the administrator issues a link for the officer
    page = admin.post(f"/users/{people['officer'].pk}/reset-link/").content.decode()
    link = re.search(r"http://testserver(/account/reset/[^<]+/)", page)
    assert link is not None
    assert AuditEvent.objects.filter(action="user.password_reset").count() == 1
    # then the officer opens it and chooses a new password
    user = Client()
    form = user.get(link.group(1), follow=True)
    new = "Another-Long-Passphrase-4"
    done = user.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == "/signin/"
    people["officer"].refresh_from_db()
    assert people["officer"].check_password(new)
    # and the link does not work a second time
    again = Client().get(link.group(1), follow=True)
    assert "This link is not valid" in again.content.decode()


def test_an_administrator_cannot_issue_a_reset_link_for_themself(
    client_for: Any, people: Any
) -> None:
    response = client_for("admin").post(f"/users/{people['admin'].pk}/reset-link/")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="user.password_reset").exists()


def test_the_user_form_refuses_a_weak_password_next_to_its_field(client_for: Any) -> None:
    response = client_for("admin").post(
        "/users/new/",
        {
            "username": "newcomer",
            "password": "password1234",
            "role": "case_officer",
            "language": "en",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["password"] == [
        "The password is too weak: This password is too common."
    ]
    assert not AuditEvent.objects.filter(action="user.create").exists()
