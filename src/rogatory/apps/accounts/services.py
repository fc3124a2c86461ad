"""Users and API tokens: creation and revocation, each audited."""

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import ApiToken, Role, User
from rogatory.apps.audit.services import audit_record
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
    if role not in Role.values:
        raise DomainError("user.unknown_role", role=role)
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
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            changes={"username": username, "role": role, "authority": authority_id},
        )
    return user


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
