"""Django's and django-axes' authentication signals, turned into security log lines and the
session's authentication stamp."""

import logging
from typing import Any

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
    auth_event("signin.lockout", request=request, username=username or "", level=logging.WARNING)
