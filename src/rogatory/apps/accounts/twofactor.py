"""Second factors: a TOTP authenticator app, and single-use recovery codes for when the phone is
lost (django-otp; docs/decisions/0005-authentication.md).

The TOTP secret and the recovery codes are shown to their owner once, on the setup page, and
are never logged or audited.
"""

import logging
from typing import Any

import django_otp
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rogatory.apps.accounts.models import Passkey, User
from rogatory.apps.accounts.security import auth_event
from rogatory.apps.accounts.selectors import require_administrator
from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.core.errors import DomainError

RECOVERY_CODES = 10
_AUTHENTICATOR = "authenticator"
_RECOVERY = "recovery codes"


def has_second_factor(user: User) -> bool:
    return bool(django_otp.user_has_device(user, confirmed=True))


def has_code_device(user: User) -> bool:
    """Whether the user can type a code (an authenticator app or recovery codes); a user with
    only passkeys cannot."""
    return bool(
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def has_passkey(user: User) -> bool:
    return bool(Passkey.objects.filter(user=user, confirmed=True).exists())


def passkeys_of(user: User) -> list[Passkey]:
    return list(Passkey.objects.filter(user=user, confirmed=True).order_by("created_at"))


def totp_pending(*, actor: User) -> TOTPDevice:
    """The authenticator being set up (not yet confirmed by a first code): one per user."""
    device: TOTPDevice | None = TOTPDevice.objects.filter(
        user=actor, confirmed=False, name=_AUTHENTICATOR
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, confirmed=False, name=_AUTHENTICATOR)
    return device


def totp_confirm(*, actor: User, token: str, request: Any = None) -> list[str]:
    """Turn on the authenticator being set up, once it gives a valid code; replace any earlier
    authenticator and recovery codes. Returns the new recovery codes, to be shown once."""
    device = totp_pending(actor=actor)
    if not device.verify_token(token.strip()):
        auth_event("twofactor.setup_failed", request=request, user=actor, level=logging.WARNING)
        raise DomainError("twofactor.invalid_token", field="token")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
        StaticDevice.objects.filter(user=actor).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recovery = StaticDevice.objects.create(user=actor, name=_RECOVERY, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        audit_record(actor=actor, action="twofactor.enable", obj=actor)
    auth_event("twofactor.enabled", request=request, user=actor)
    return codes


def second_factor_match(*, user: User, token: str, request: Any = None) -> Device | None:
    """The device that accepts this code (authenticator or recovery code), or None. Each
    device counts its own failures and makes the user wait longer after each (django-otp
    throttling), so codes cannot be guessed at speed."""
    device: Device | None = django_otp.match_token(user, token.strip())
    if device is None:
        auth_event("twofactor.failed", request=request, user=user, level=logging.WARNING)
    else:
        auth_event("twofactor.ok", request=request, user=user, device=type(device).__name__)
    return device


def second_factor_reset(*, actor: User, user_id: int) -> User:
    """An administrator removes a user's second factors (a lost phone); the user sets up a new
    authenticator at the next sign-in. Never one's own: that would defeat the second factor."""
    require_administrator(actor, "twofactor.reset", user_id)
    if actor.pk == user_id:
        access_denied(actor=actor, action="twofactor.reset", object_type="user", object_id=user_id)
        raise DomainError("user.self_reset_forbidden")
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise DomainError("user.not_found", user_id=user_id)
    with transaction.atomic():
        for device in django_otp.devices_for_user(user, confirmed=None):
            device.delete()
        audit_record(actor=actor, action="twofactor.reset", obj=user)
    auth_event("twofactor.reset", user=user, by=actor.username)
    return user
