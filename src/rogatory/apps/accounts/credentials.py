"""Passwords and sessions: a user changes their password or ends all their sessions; an
administrator issues a one-time password reset link.

Nodes may run with no mail server, so a reset is not mailed: an administrator issues a link
(Django's password reset token: it works once, since it is bound to the current password hash
and last sign-in, and expires after PASSWORD_RESET_TIMEOUT) and hands it to the user by a trusted
channel (docs/decisions/0005-authentication.md).
"""

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from rogatory.apps.accounts.models import User
from rogatory.apps.accounts.security import auth_event
from rogatory.apps.accounts.selectors import require_administrator
from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.core.errors import DomainError


def password_reset_link_issue(*, actor: User, user_id: int) -> tuple[User, str, str]:
    """Return the user and the two parts of their reset link (uidb64, token)."""
    require_administrator(actor, "user.password_reset", user_id)
    if actor.pk == user_id:
        # An administrator changes their own password with the password change page, which
        # asks for the current one.
        access_denied(
            actor=actor, action="user.password_reset", object_type="user", object_id=user_id
        )
        raise DomainError("user.self_reset_forbidden")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise DomainError("user.not_found", user_id=user_id)
    with transaction.atomic():
        audit_record(actor=actor, action="user.password_reset", obj=user)
    auth_event("password.reset_issued", user=user, by=actor.username)
    return (
        user,
        urlsafe_base64_encode(force_bytes(user.pk)),
        default_token_generator.make_token(user),
    )


def password_changed(*, actor: User, request: Any = None, reset: bool = False) -> None:
    """Record a password change the user made (Django's form has saved it)."""
    with transaction.atomic():
        audit_record(
            actor=actor, action="user.password_reset_used" if reset else "user.password", obj=actor
        )
    auth_event("password.reset" if reset else "password.change", request=request, user=actor)


def sessions_end_all(*, actor: User, request: Any = None) -> int:
    """End every session of the actor on this node (the current one too). Returns how many.

    Sessions are in the database (Django's default engine); a node has at most a few hundred
    live ones, so reading them all is cheap."""
    mine = str(actor.pk)
    ended = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == mine
    ]
    Session.objects.filter(session_key__in=ended).delete()
    auth_event("signout.everywhere", request=request, user=actor, sessions=len(ended))
    return len(ended)
