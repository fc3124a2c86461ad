"""Sets the database's acting user for each request (after AuthenticationMiddleware)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from rogatory.apps.rowsecurity.context import acting_user, row_security_on, system_context


class RowSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not row_security_on():
            return self.get_response(request)
        prefix = getattr(settings, "EXCHANGE_PATH_PREFIX", "/exchange/")
        if request.path.startswith(prefix):
            # Exchange requests come from peer nodes, already authenticated by
            # ExchangePeerMiddleware (mutual TLS); receiving a request files it for the owning
            # authority, which is the node's work, not a user's. The exchange audits what it
            # receives.
            with system_context(f"exchange {request.method} {request.path[:120]}", audited=False):
                return self.get_response(request)
        with acting_user(getattr(request, "user", None)):
            return self.get_response(request)
