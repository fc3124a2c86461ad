"""Session lifetime: an idle limit and an absolute limit, and when the user last proved who
they are (for re-authentication before sensitive steps).

Django's own SESSION_COOKIE_AGE only bounds the cookie; the idle limit is kept here, in the
session, so that a stolen cookie left unused dies after ROGATORY_SESSION_IDLE_SECONDS
(issue 14, finding 5; ASVS 5.0 V7.3.1 and V7.3.2).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rogatory.apps.accounts.security import auth_event

SIGNED_IN_AT = "rogatory.signed_in_at"
SEEN_AT = "rogatory.seen_at"
AUTHENTICATED_AT = "rogatory.authenticated_at"
# Touching the session on every request would write it on every request; a minute of slack
# on a 30-minute idle limit costs nothing.
_SEEN_RESOLUTION = 60


def stamp_authenticated(request: HttpRequest, *, signed_in: bool = False) -> None:
    """The user has just given their password (or a second factor)."""
    now = int(time.time())
    request.session[AUTHENTICATED_AT] = now
    request.session[SEEN_AT] = now
    if signed_in:
        request.session[SIGNED_IN_AT] = now


def authenticated_within(request: HttpRequest, seconds: int) -> bool:
    stamp = request.session.get(AUTHENTICATED_AT)
    return isinstance(stamp, int) and time.time() - stamp <= seconds


def session_expired(request: HttpRequest, now: float) -> str:
    """Why the session is over ("idle", "absolute"), or "" while it is alive."""
    seen = request.session.get(SEEN_AT)
    signed_in = request.session.get(SIGNED_IN_AT)
    if not isinstance(seen, int) or not isinstance(signed_in, int):
        # A session from before these limits existed: it cannot prove its age.
        return "unknown"
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return "absolute"
    if now - seen > settings.ROGATORY_SESSION_IDLE_SECONDS:
        return "idle"
    return ""


class SessionExpiryMiddleware:
    """Sign out a session that was idle too long or is older than the absolute limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            reason = session_expired(request, now)
            if reason:
                auth_event("session.expired", request=request, user=user, reason=reason)
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
            elif now - request.session[SEEN_AT] >= _SEEN_RESOLUTION:
                request.session[SEEN_AT] = int(now)
        return self.get_response(request)
