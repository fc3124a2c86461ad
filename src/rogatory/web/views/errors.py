"""The pages for 400, 403, 404 and 500, in the user's language, never with a traceback."""

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from rogatory.apps.incidents import incident_report


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its `except` block, so the exception is still the current one.

    The page is rendered without the request's context processors: they query the database,
    which may be what failed.
    """
    exc = sys.exception()
    incident = incident_report(request=request, exc=exc if exc is not None else RuntimeError())
    return HttpResponseServerError(render_to_string("500.html", {"incident": incident}))
