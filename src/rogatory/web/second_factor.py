"""Require the second factor: a signed-in session that has not given its code yet reaches only
the pages that let it do so (issue 14, finding 5; ASVS 5.0 V6.3.3).

With ROGATORY_REQUIRE_2FA (the production default) every user must have a second factor and is
sent to set one up; otherwise only users who have one are asked for it.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from rogatory.apps.accounts.twofactor import has_second_factor

# Pages an unverified session may reach: the steps of signing in, and leaving.
_OPEN = (
    "web:login",
    "web:logout",
    "web:second_factor",
    "web:two_factor_setup",
    "web:reauth",
    "web:passkey_signin_options",
    "web:passkey_signin",
    "web:language",
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        path = request.path
        if path.startswith((settings.STATIC_URL, settings.EXCHANGE_PATH_PREFIX)):
            return self.get_response(request)
        if path in {reverse(name) for name in _OPEN}:
            return self.get_response(request)
        has_factor = has_second_factor(user)
        if not has_factor and not settings.ROGATORY_REQUIRE_2FA:
            return self.get_response(request)
        if path.startswith("/api/"):
            # An API call riding on a half-signed-in session is treated as anonymous.
            request.user = AnonymousUser()
            return self.get_response(request)
        target = "web:second_factor" if has_factor else "web:two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
