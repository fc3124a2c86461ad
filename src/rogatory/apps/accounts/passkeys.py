"""Passkeys (WebAuthn) as the second factor, with py_webauthn (docs/decisions/0005).

The browser proves possession of a private key held by the authenticator (and, since user
verification is required, that its owner unlocked it); the node keeps the public key only.
Challenges are made here and kept by the caller (the web layer keeps them in the session) until
the answer comes back.
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from rogatory.apps.accounts.models import Passkey, User
from rogatory.apps.accounts.security import auth_event
from rogatory.apps.audit.services import audit_record
from rogatory.core.errors import DomainError

RP_NAME = "Rogatory"


@dataclass(frozen=True, slots=True)
class RelyingParty:
    """Who the credential is for: the node's host name (rp_id) and its web origin."""

    rp_id: str
    origin: str


@dataclass(frozen=True, slots=True)
class Challenge:
    options_json: str
    challenge: bytes


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
        for p in Passkey.objects.filter(user=user, confirmed=True)
    ]


def registration_challenge(*, actor: User, party: RelyingParty) -> Challenge:
    options = generate_registration_options(
        rp_id=party.rp_id,
        rp_name=RP_NAME,
        user_name=actor.get_username(),
        # The user handle is opaque to the authenticator; the primary key reveals nothing.
        user_id=str(actor.pk).encode("ascii"),
        user_display_name=actor.get_full_name() or actor.get_username(),
        exclude_credentials=_descriptors(actor),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
    )
    return Challenge(options_to_json(options), options.challenge)


def passkey_register(
    *,
    actor: User,
    credential: dict[str, Any] | str,
    challenge: bytes,
    party: RelyingParty,
    name: str,
    request: Any = None,
) -> Passkey:
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.rp_id,
            expected_origin=party.origin,
            require_user_verification=True,
        )
    except (InvalidRegistrationResponse, ValueError, TypeError, KeyError):
        auth_event("passkey.register_failed", request=request, user=actor, level=logging.WARNING)
        raise DomainError("passkey.invalid") from None
    with transaction.atomic():
        passkey: Passkey = Passkey.objects.create(
            user=actor,
            name=name[:64] or "passkey",
            confirmed=True,
            credential_id=bytes_to_base64url(verified.credential_id),
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
        )
        audit_record(actor=actor, action="passkey.add", obj=passkey, changes={"name": passkey.name})
    auth_event("passkey.added", request=request, user=actor)
    return passkey


def authentication_challenge(*, user: User, party: RelyingParty) -> Challenge:
    options = generate_authentication_options(
        rp_id=party.rp_id,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return Challenge(options_to_json(options), options.challenge)


def passkey_verify(
    *,
    user: User,
    credential: dict[str, Any],
    challenge: bytes,
    party: RelyingParty,
    request: Any = None,
) -> Passkey | None:
    """The user's passkey that signed this challenge, or None (logged either way)."""
    passkey: Passkey | None = Passkey.objects.filter(
        user=user, confirmed=True, credential_id=str(credential.get("id", ""))
    ).first()
    if passkey is None:
        auth_event("twofactor.failed", request=request, user=user, level=logging.WARNING)
        return None
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.rp_id,
            expected_origin=party.origin,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (InvalidAuthenticationResponse, ValueError, TypeError, KeyError):
        auth_event("twofactor.failed", request=request, user=user, level=logging.WARNING)
        return None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at"])
    auth_event("twofactor.ok", request=request, user=user, device="Passkey")
    return passkey


def passkey_remove(*, actor: User, passkey_id: int, request: Any = None) -> Passkey:
    """A user removes one of their own passkeys (a lost security key)."""
    with transaction.atomic():
        passkey: Passkey | None = (
            Passkey.objects.select_for_update().filter(pk=passkey_id, user=actor).first()
        )
        if passkey is None:
            raise DomainError("passkey.not_found", passkey_id=passkey_id)
        audit_record(actor=actor, action="passkey.remove", obj=passkey)
        passkey.delete()
    auth_event("passkey.removed", request=request, user=actor)
    return passkey
