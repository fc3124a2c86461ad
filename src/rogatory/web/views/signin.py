"""The steps of signing in after the password: lockout, the second factor, re-authentication."""

from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rogatory.apps.accounts.sessions import stamp_authenticated
from rogatory.apps.accounts.twofactor import (
    has_code_device,
    has_passkey,
    has_second_factor,
    second_factor_match,
)
from rogatory.web.account_forms import CodeForm, ReauthForm
from rogatory.web.views.common import posted, safe_next


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> Any:
    """django-axes' answer to a sign-in while locked out: the sign-in page, in the user's
    language, saying why and for how long, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    lockout = _(
        "Too many failed sign-in attempts for this user name. "
        "Try again in %(minutes)s minutes, or ask an administrator."
    ) % {"minutes": minutes}
    context = {"form": AuthenticationForm(request), "lockout": lockout}
    return render(request, "web/signin.html", context, status=429)


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """The one-time code after the password."""
    user: Any = request.user
    target = safe_next(request, request.GET.get("next") or request.POST.get("next"), "/")
    if user.is_verified():
        return redirect(target)
    if not has_second_factor(user):
        return redirect("web:two_factor_setup")
    form = CodeForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = second_factor_match(
                user=user, token=form.cleaned_data["token"], request=request
            )
            if device is not None:
                django_otp.login(request, device)
                stamp_authenticated(request)
                return redirect(target)
            form.add_error(
                "token", _("The code is not valid. Try the current code or a recovery code.")
            )
        status = 422
    context = {
        "form": form,
        "next": target,
        "has_code": has_code_device(user),
        "has_passkey": has_passkey(user),
    }
    return render(request, "web/second_factor.html", context, status=status)


@login_required
def reauth(request: HttpRequest) -> HttpResponse:
    """Confirm the password (and the code) before a sensitive step."""
    user: Any = request.user
    target = safe_next(request, request.GET.get("next") or request.POST.get("next"), "/")
    # The code is asked again from users who have one; a passkey-only user gives the password.
    with_code = has_code_device(user)
    form = ReauthForm(posted(request), request=request, with_code=with_code)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if not with_code or second_factor_match(
                user=user, token=form.cleaned_data["token"], request=request
            ):
                stamp_authenticated(request)
                messages.success(request, _("Thank you. You can go on."))
                return redirect(target)
            form.add_error(
                "token", _("The code is not valid. Try the current code or a recovery code.")
            )
        status = 422
    return render(request, "web/reauth.html", {"form": form, "next": target}, status=status)
