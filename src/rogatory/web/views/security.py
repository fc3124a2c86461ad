"""A user's own security: two-step verification, password, sessions; and an administrator's
help for a user who lost theirs (reset link, second factor reset)."""

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.accounts import credentials, twofactor
from rogatory.apps.accounts.sessions import stamp_authenticated
from rogatory.core.errors import DomainError
from rogatory.web.account_forms import CodeForm
from rogatory.web.reauth import reauth_required
from rogatory.web.views.common import error_page, message_for, posted, safe_next


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {
        "has_second_factor": twofactor.has_code_device(user),
        "passkeys": twofactor.passkeys_of(user),
    }
    return render(request, "web/account.html", context)


@login_required
@reauth_required()
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator: a QR code made here as SVG (no outside service
    sees the secret), the secret in text for manual entry, and a first code to confirm."""
    user: Any = request.user
    device = twofactor.totp_pending(actor=user)
    form = CodeForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                codes = twofactor.totp_confirm(
                    actor=user, token=form.cleaned_data["token"], request=request
                )
            except DomainError as err:
                form.add_error("token", message_for(err))
            else:
                django_otp.login(request, device)
                stamp_authenticated(request)
                target = safe_next(request, request.GET.get("next"), reverse("web:account"))
                return render(request, "web/recovery_codes.html", {"codes": codes, "next": target})
        status = 422
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
        "secret": b32encode(device.bin_key).decode("ascii"),
        "replacing": twofactor.has_second_factor(user),
    }
    return render(request, "web/two_factor_setup.html", context, status=status)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (it asks for the current password, applies the validators, and
    ends the user's other sessions by changing the session hash), in our page."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        credentials.password_changed(actor=form.user, request=self.request)
        stamp_authenticated(self.request)
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The page an administrator-issued reset link opens: choose a new password."""

    template_name = "web/password_reset_confirm.html"
    success_url = reverse_lazy("web:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        credentials.password_changed(actor=form.user, request=self.request, reset=True)
        messages.success(self.request, _("Your password was set. You can sign in with it."))
        return response


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, this one included (a lost or shared device)."""
    user: Any = request.user
    credentials.sessions_end_all(actor=user, request=request)
    messages.info(request, _("You were signed out on every device."))
    return redirect("web:login")


@login_required
@require_POST
@reauth_required()
def password_reset_link(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator issues a one-time reset link, shown once, to give the user in person
    or by a trusted channel (nodes may have no mail)."""
    try:
        subject, uidb64, token = credentials.password_reset_link_issue(
            actor=request.user,  # type: ignore[arg-type]
            user_id=user_id,
        )
    except DomainError as err:
        return error_page(request, err)
    link = request.build_absolute_uri(
        reverse("web:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    )
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    context = {"subject": subject, "link": link, "hours": hours}
    return render(request, "web/password_reset_link.html", context)


@login_required
@require_POST
@reauth_required()
def two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    try:
        subject = twofactor.second_factor_reset(
            actor=request.user,  # type: ignore[arg-type]
            user_id=user_id,
        )
    except DomainError as err:
        return error_page(request, err)
    messages.success(
        request,
        _("The two-step verification of %(name)s was reset.") % {"name": subject.username},
    )
    return redirect("web:user_edit", user_id=user_id)
