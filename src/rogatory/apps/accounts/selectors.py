"""Reads of users with access checks: administrators manage users; colleagues for assignment."""

from typing import Any

from django.db.models import QuerySet

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import access_denied
from rogatory.core.errors import DomainError
from rogatory.core.workflow import Role


def require_administrator(actor: Any, action: str, object_id: str | int = "*") -> None:
    if getattr(actor, "role", None) != Role.ADMINISTRATOR or not actor.is_active:
        access_denied(actor=actor, action=action, object_type="user", object_id=object_id)
        raise DomainError("user.manage_forbidden")


def user_list_for(*, actor: Any) -> QuerySet[User]:
    """Every user of the node, for an administrator."""
    require_administrator(actor, "user.list")
    return User.objects.select_related("authority").order_by("username")


def user_get_for(*, actor: Any, user_id: int) -> User:
    require_administrator(actor, "user.read", user_id)
    user = User.objects.select_related("authority").filter(pk=user_id).first()
    if user is None:
        raise DomainError("user.not_found", user_id=user_id)
    return user


def colleagues_for(*, actor: Any) -> QuerySet[User]:
    """Active officers and supervisors of the actor's central authority: who can be assigned a
    case or added to its team."""
    if actor is None or not actor.is_authenticated or actor.authority_id is None:
        return User.objects.none()
    return User.objects.filter(
        authority_id=actor.authority_id,
        is_active=True,
        role__in=[Role.CASE_OFFICER, Role.SUPERVISOR],
    ).order_by("username")
