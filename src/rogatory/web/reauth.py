"""Re-authentication before sensitive steps (approve, transmit, grants, credentials): the
user must have given their password within ROGATORY_REAUTH_SECONDS, so that a session left open
on an unattended desk cannot approve or send a request (issue 14; ASVS 5.0 V6.1.3/V7.5.1)."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from rogatory.apps.accounts.security import auth_event
from rogatory.apps.accounts.sessions import authenticated_within
from rogatory.web.views.common import is_htmx, safe_next

View = Callable[..., HttpResponse]


def reauth_required(when: Callable[..., bool] | None = None) -> Callable[[View], View]:
    """Send a POST to the confirmation page unless the password was given recently.

    `when(**view_kwargs)` limits the check to some calls of the view (the sensitive targets of
    a transition). The posted data is not kept: after confirming, the user is back on the page
    they posted from and submits again."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method == "POST"
                and request.user.is_authenticated
                and (when is None or when(**kwargs))
                and not authenticated_within(request, settings.ROGATORY_REAUTH_SECONDS)
            ):
                auth_event("reauth.required", request=request, user=request.user)
                back = urlsplit(safe_next(request, request.headers.get("referer"), request.path))
                back_path = back.path + (f"?{back.query}" if back.query else "")
                url = f"{reverse('web:reauth')}?{urlencode({'next': back_path})}"
                if is_htmx(request):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return redirect(url)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Steps that commit the State: the supervisor's approval (four eyes), sending the request
# abroad, and the decision to extradite.
SENSITIVE_TARGETS = frozenset({"approved", "transmitted", "extradition_granted"})


def sensitive_transition(*, target: str, **kwargs: Any) -> bool:
    return target in SENSITIVE_TARGETS
