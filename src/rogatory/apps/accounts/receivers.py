"""Django's and django-axes' authentication signals, turned into security log lines and the
session's authentication stamp."""

import logging
from typing import Any

from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from rogatory.apps.accounts.security import auth_event
from rogatory.apps.accounts.sessions import stamp_authenticated


@receiver(user_logged_in, dispatch_uid="rogatory.accounts.signin_ok")
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        stamp_authenticated(request, signed_in=True)
    auth_event("signin.ok", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="rogatory.accounts.signin_failed")
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if _refused_while_locked(request):
        return  # _locked_out has already written this attempt's one line.
    # Django has already masked the password in `credentials`; only the user name is kept.
    auth_event(
        "signin.failed",
        request=request,
        username=str(credentials.get("username", "")),
        level=logging.WARNING,
    )


@receiver(user_logged_out, dispatch_uid="rogatory.accounts.signout")
def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        auth_event("signout", request=request, user=user)


@receiver(user_locked_out, dispatch_uid="rogatory.accounts.lockout")
def _locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    # django-axes sends this signal both when a failure reaches the limit and for every attempt
    # made while locked out; the two are told apart so each attempt is one line (ASVS 5.0
    # V16.3.1).
    event = "signin.locked" if _refused_while_locked(request) else "signin.lockout"
    auth_event(event, request=request, username=username or "", level=logging.WARNING)


def _refused_while_locked(request: HttpRequest | None) -> bool:
    """Whether django-axes refused this attempt without checking the password, because the user
    name was already locked out. Axes then either counts no failure (failures None) or, with
    AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT (its default), one beyond the limit."""
    if request is None or not getattr(request, "axes_locked_out", False):
        return False
    failures = getattr(request, "axes_failures_since_start", None)
    credentials = getattr(request, "axes_credentials", None)
    return failures is None or int(failures) > get_failure_limit(request, credentials)
