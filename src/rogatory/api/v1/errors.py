import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rogatory.apps.errors import error_message, error_status
from rogatory.apps.incidents import incident_report
from rogatory.core.errors import DomainError

log = logging.getLogger("rogatory.api")


def _body(code: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "message": error_message(code, params), "params": params}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, _body(exc.code, exc.params), status=error_status(exc))

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return api.create_response(
            request, _body("request.invalid", {"errors": errors}), status=422
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, _body("auth.required", {}), status=401)

    @api.exception_handler(Exception)
    def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The same incident id as on the web's 500 page, logged with the traceback; the body
        # keeps the API's one error shape and never carries the traceback.
        incident = incident_report(request=request, exc=exc)
        return api.create_response(
            request, _body("server.error", {"incident": incident}), status=500
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(
            request, _body("request.invalid", {"detail": str(exc)}), status=exc.status_code
        )
