"""Issue 14, finding 8 (grants end with a move of authority; an administrator cannot give
themself access), and finding 5 (user creation applies the password validators)."""

from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.accounts.services import user_create, user_update
from rogatory.apps.audit.models import AccessDenial, AuditEvent
from rogatory.apps.cases.models import CaseGrant
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.cases.services.grants import grant_add
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _update(actor: Any, user: Any, **changes: Any) -> User:
    fields = {
        "role": user.role,
        "authority_id": user.authority_id,
        "full_name": user.get_full_name(),
        "language": user.language,
    }
    fields.update(changes)
    return user_update(actor=actor, user_id=user.pk, **fields)


def test_moving_a_user_to_another_authority_ends_their_grants(
    people: Any, open_case: Any, authorities: Any
) -> None:
    # given the colleague is on the team of a case of XA
    case = open_case()
    grant_add(actor=people["supervisor"], case_id=case.pk, user_id=people["colleague"].pk)
    assert case_get_for(actor=people["colleague"], case_id=case.pk) == case
    # when an administrator moves them to XB
    colleague = _update(people["admin"], people["colleague"], authority_id=authorities["XB"].pk)
    # then the grant is revoked, audited with the reason, and the case is out of their reach
    grant = CaseGrant.objects.get(case=case, user=colleague)
    assert grant.revoked_at is not None
    event = AuditEvent.objects.filter(action="grant.revoke").get()
    assert (event.actor, event.case_id) == ("admin", case.pk)
    assert event.changes == {
        "user": colleague.pk,
        "reason": "authority_changed",
        "authority_from": authorities["XA"].pk,
    }
    with pytest.raises(DomainError) as err:
        case_get_for(actor=colleague, case_id=case.pk)
    assert err.value.code == "case.not_found"


def test_a_change_that_keeps_the_authority_keeps_the_grants(people: Any, open_case: Any) -> None:
    case = open_case()
    grant_add(actor=people["supervisor"], case_id=case.pk, user_id=people["colleague"].pk)
    _update(people["admin"], people["colleague"], full_name="Ana Colleague")
    assert CaseGrant.objects.get(case=case, user=people["colleague"]).revoked_at is None


@pytest.mark.parametrize("change", ["role", "authority"])
def test_an_administrator_cannot_change_their_own_role_or_authority(
    people: Any, authorities: Any, change: str
) -> None:
    admin = people["admin"]
    audit_before = AuditEvent.objects.count()
    changes = {"role": "supervisor"} if change == "role" else {"authority_id": authorities["XB"].pk}
    with pytest.raises(DomainError) as err:
        _update(admin, admin, **changes)
    assert err.value.code == "user.self_access_forbidden"
    admin.refresh_from_db()
    assert (admin.role, admin.authority_id) == ("administrator", authorities["XA"].pk)
    assert AuditEvent.objects.count() == audit_before
    assert AccessDenial.objects.filter(actor="admin", action="user.update").count() == 1


def test_an_administrator_still_edits_their_own_name(people: Any) -> None:
    admin = _update(people["admin"], people["admin"], full_name="Ada Admin")
    assert admin.get_full_name() == "Ada Admin"


def test_a_supervisor_cannot_add_themself_to_a_team(people: Any, open_case: Any) -> None:
    case = open_case()
    before = CaseGrant.objects.count()
    with pytest.raises(DomainError) as err:
        grant_add(actor=people["supervisor"], case_id=case.pk, user_id=people["supervisor"].pk)
    assert err.value.code == "grant.self_forbidden"
    assert CaseGrant.objects.count() == before


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("newcomer2024", "The password is too similar to the username."),
    ],
)
def test_user_creation_refuses_a_weak_password(people: Any, password: str, reason: str) -> None:
    audit_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        user_create(
            actor=people["admin"],
            username="newcomer",
            password=password,
            role="case_officer",
            authority_id=people["admin"].authority_id,
        )
    assert err.value.code == "user.weak_password"
    assert err.value.params["field"] == "password"
    assert reason in str(err.value.params["reasons"])
    assert not User.objects.filter(username="newcomer").exists()
    assert AuditEvent.objects.count() == audit_before


def test_user_creation_stores_a_strong_password_with_argon2(people: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = user_create(
        actor=people["admin"],
        username="newcomer",
        password="Correct-Horse-Battery-9",
        role="case_officer",
        authority_id=people["admin"].authority_id,
    )
    assert user.password.startswith("argon2$argon2id$")
