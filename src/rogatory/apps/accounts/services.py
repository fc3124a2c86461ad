"""Users and API tokens: creation and revocation, each audited."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import ApiToken, Role, User
from rogatory.apps.accounts.selectors import require_administrator
from rogatory.apps.accounts.signals import authority_changed
from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.core.errors import DomainError


def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    authority_id: int | None,
    language: str = "en",
    full_name: str = "",
) -> User:
    """Create a user. `actor` None is the system (commands, demo data); a person must be an
    administrator."""
    if actor is not None:
        require_administrator(actor, "user.create", "new")
    if role not in Role.values:
        raise DomainError("user.unknown_role", role=role)
    _check_language(language)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise DomainError("user.username_taken", username=username)
        first, _, last = full_name.partition(" ")
        user = User(
            username=username,
            role=role,
            authority_id=authority_id,
            language=language,
            first_name=first,
            last_name=last,
        )
        password_check(password, user)
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            changes={"username": username, "role": role, "authority": authority_id},
        )
    return user


def password_check(password: str, user: User) -> None:
    """Refuse a password that the configured validators reject (issue 14, finding 5)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as err:
        raise DomainError(
            "user.weak_password", field="password", reasons=" ".join(err.messages)
        ) from None


def api_token_issue(*, actor: Any, user: User, name: str) -> str:
    """Return a new token's secret once; only its hash is kept."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key))
        audit_record(actor=actor, action="api_token.issue", obj=token, changes={"name": name})
    return key


def api_token_user(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", obj=token)


def _check_language(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError("field.invalid_choice", field="language", value=language)


def user_update(
    *,
    actor: Any,
    user_id: int,
    role: str,
    authority_id: int | None,
    full_name: str = "",
    language: str = "en",
) -> User:
    """An administrator changes a user's role, authority, name or language."""
    require_administrator(actor, "user.update", user_id)
    if role not in Role.values:
        raise DomainError("user.unknown_role", role=role)
    _check_language(language)
    if actor.pk == user_id and (role != actor.role or authority_id != actor.authority_id):
        # Separation of duties: an administrator who could make themself a supervisor, or move
        # to another authority, could give themself access to cases (issue 14, finding 8).
        access_denied(actor=actor, action="user.update", object_type="user", object_id=user_id)
        raise DomainError("user.self_access_forbidden")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            raise DomainError("user.not_found", user_id=user_id)
        first, _, last = full_name.strip().partition(" ")
        wanted = {
            "role": role,
            "authority_id": authority_id,
            "first_name": first,
            "last_name": last,
            "language": language,
        }
        diff = {k: {"from": getattr(user, k), "to": v} for k, v in wanted.items()}
        diff = {k: v for k, v in diff.items() if v["from"] != v["to"]}
        if not diff:
            return user
        for k in diff:
            setattr(user, k, wanted[k])
        user.save(update_fields=list(diff))
        audit_record(actor=actor, action="user.update", obj=user, changes=diff)
        if "authority_id" in diff:
            authority_changed.send(
                sender=User,
                user=user,
                actor=actor,
                previous_authority_id=diff["authority_id"]["from"],
            )
    return user


def user_deactivate(*, actor: Any, user_id: int) -> User:
    """An administrator closes an account; the row stays, so history keeps its author."""
    require_administrator(actor, "user.deactivate", user_id)
    if actor.pk == user_id:
        raise DomainError("user.cannot_deactivate_self")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            raise DomainError("user.not_found", user_id=user_id)
        if not user.is_active:
            return user
        user.is_active = False
        user.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(actor=actor, action="user.deactivate", obj=user)
    return user


def user_language_set(*, actor: Any, language: str) -> User:
    """Any signed-in user chooses the language they are served in."""
    _check_language(language)
    user: User = actor
    if user.language == language:
        return user
    with transaction.atomic():
        previous = user.language
        user.language = language
        user.save(update_fields=["language"])
        audit_record(
            actor=actor,
            action="user.language",
            obj=user,
            changes={"language": {"from": previous, "to": language}},
        )
    return user
