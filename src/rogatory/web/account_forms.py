"""Forms of the sign-in steps after the password: a one-time code, and re-authentication."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

_CODE_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class ReauthForm(forms.Form):
    """The password again, and the code when the user has a second factor. The password goes
    through authenticate(), so django-axes counts failures here as at sign-in."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args: Any, request: HttpRequest, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        if with_code:
            self.fields["token"] = CodeForm().fields["token"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        user = authenticate(
            self.request, username=self.request.user.get_username(), password=password
        )
        if user is None or user.pk != self.request.user.pk:
            raise forms.ValidationError(_("The password is not correct."))
        return password
