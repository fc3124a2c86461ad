"""What every view shares: rendering a DomainError, and putting one on the right form field."""

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from rogatory.apps.errors import error_message, error_status
from rogatory.core.errors import DomainError


def message_for(err: DomainError) -> str:
    return error_message(err.code, err.params)


def error_page(request: HttpRequest, err: DomainError) -> HttpResponse:
    return render(
        request, "web/error.html", {"message": message_for(err)}, status=error_status(err)
    )


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]\.?(.*)$")


def attach_error(
    err: DomainError,
    form: forms.Form,
    formsets: dict[str, Any] | None = None,
    positions: dict[str, list[int]] | None = None,
) -> bool:
    """Put the error next to the field it names (`params["field"]`), if a form shows it.

    `positions` maps a formset prefix to the form index of each record given to the service,
    since blank rows are left out of what the service sees. Returns False when no field fits,
    so the caller shows the message at the top instead.
    """
    field = str(err.params.get("field", ""))
    text = message_for(err)
    m = _INDEXED.match(field)
    if m and formsets and m.group(1) in formsets:
        prefix, index, rest = m.group(1), int(m.group(2)), m.group(3)
        forms_ = formsets[prefix].forms
        where = (positions or {}).get(prefix, list(range(len(forms_))))
        if index < len(where):
            row = forms_[where[index]]
            name = row.SERVICE_FIELDS.get(rest, rest.split(".")[0].split("[")[0])
            row.add_error(name if name in row.fields else None, text)
            return True
        return False
    if field in form.fields:
        form.add_error(field, text)
        return True
    form.add_error(None, text)
    return True


def domain_message(request: HttpRequest, err: DomainError) -> None:
    messages.error(request, message_for(err))


def safe_next(request: HttpRequest, target: str | None, default: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), None otherwise: binds a form only when sent."""
    return request.POST if request.method == "POST" else None


def posted_with_files(request: HttpRequest) -> tuple[Any, Any]:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a boosted link wants the whole page)."""
    details = getattr(request, "htmx", None)
    return bool(details) and not getattr(details, "boosted", False)
