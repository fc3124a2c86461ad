"""Passkeys: adding one to the account, and signing in with one as the second factor.

The browser side is web/static/web/passkeys.js (no inline script: the CSP forbids it); it posts
JSON here and follows the `next` address it gets back."""

import json
from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from webauthn import base64url_to_bytes
from webauthn.helpers import bytes_to_base64url

from rogatory.apps.accounts import passkeys
from rogatory.apps.accounts.sessions import authenticated_within, stamp_authenticated
from rogatory.apps.errors import error_message
from rogatory.core.errors import DomainError
from rogatory.web.reauth import reauth_required
from rogatory.web.views.common import error_page, safe_next

_REGISTER = "rogatory.passkey.register"
_SIGNIN = "rogatory.passkey.signin"


def _party(request: HttpRequest) -> passkeys.RelyingParty:
    host = request.get_host()
    return passkeys.RelyingParty(
        rp_id=settings.ROGATORY_WEBAUTHN_RP_ID or host.rsplit(":", 1)[0],
        origin=settings.ROGATORY_WEBAUTHN_ORIGIN or f"{request.scheme}://{host}",
    )


def _posted_json(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _take_challenge(request: HttpRequest, key: str) -> bytes | None:
    value = request.session.pop(key, None)
    if not isinstance(value, str):
        return None
    try:
        return base64url_to_bytes(value)
    except ValueError:
        return None


def _refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@login_required
def passkey_new(request: HttpRequest) -> HttpResponse:
    """The page to add a passkey; adding a credential needs a recent password."""
    if not authenticated_within(request, settings.ROGATORY_REAUTH_SECONDS):
        return redirect(f"{reverse('web:reauth')}?next={reverse('web:passkey_new')}")
    return render(request, "web/passkey_new.html")


@login_required
@require_POST
def passkey_register_options(request: HttpRequest) -> HttpResponse:
    if not authenticated_within(request, settings.ROGATORY_REAUTH_SECONDS):
        return _refused(_("Confirm it is you, then try again."), status=403)
    challenge = passkeys.registration_challenge(
        actor=request.user,  # type: ignore[arg-type]
        party=_party(request),
    )
    request.session[_REGISTER] = bytes_to_base64url(challenge.challenge)
    return HttpResponse(challenge.options_json, content_type="application/json")


@login_required
@require_POST
def passkey_register(request: HttpRequest) -> HttpResponse:
    data = _posted_json(request)
    challenge = _take_challenge(request, _REGISTER)
    credential = data.get("credential")
    if challenge is None or not isinstance(credential, dict):
        return _refused(error_message("passkey.invalid", {}))
    try:
        device = passkeys.passkey_register(
            actor=request.user,  # type: ignore[arg-type]
            credential=credential,
            challenge=challenge,
            party=_party(request),
            name=str(data.get("name", ""))[:64],
            request=request,
        )
    except DomainError as err:
        return _refused(error_message(err.code, err.params))
    # The new passkey has just proved possession with the user verified: this session is
    # verified by it, as a confirmed authenticator verifies the session that set it up.
    django_otp.login(request, device)
    return JsonResponse({"next": reverse("web:account")})


@login_required
@require_POST
def passkey_signin_options(request: HttpRequest) -> HttpResponse:
    challenge = passkeys.authentication_challenge(
        user=request.user,  # type: ignore[arg-type]
        party=_party(request),
    )
    request.session[_SIGNIN] = bytes_to_base64url(challenge.challenge)
    return HttpResponse(challenge.options_json, content_type="application/json")


@login_required
@require_POST
def passkey_signin(request: HttpRequest) -> HttpResponse:
    """The second factor by passkey: on success the session is verified."""
    data = _posted_json(request)
    challenge = _take_challenge(request, _SIGNIN)
    credential = data.get("credential")
    if challenge is None or not isinstance(credential, dict):
        return _refused(error_message("passkey.invalid", {}))
    device = passkeys.passkey_verify(
        user=request.user,  # type: ignore[arg-type]
        credential=credential,
        challenge=challenge,
        party=_party(request),
        request=request,
    )
    if device is None:
        return _refused(error_message("passkey.invalid", {}))
    django_otp.login(request, device)
    stamp_authenticated(request)
    return JsonResponse({"next": safe_next(request, str(data.get("next", "")), "/")})


@login_required
@require_POST
@reauth_required()
def passkey_remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    try:
        passkeys.passkey_remove(
            actor=request.user,  # type: ignore[arg-type]
            passkey_id=passkey_id,
            request=request,
        )
    except DomainError as err:
        return error_page(request, err)
    messages.success(request, _("The passkey was removed."))
    return redirect("web:account")
