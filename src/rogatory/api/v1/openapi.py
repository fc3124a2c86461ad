"""The OpenAPI description documents the error answers of every operation (issue 14 deliverable 6).

django-ninja describes only the answers an endpoint declares. Every refusal of this API comes
from the exception handlers of rogatory.api.v1.errors in one shape, {code, message, params};
adding them here, once, keeps each endpoint's declaration to its success and means a new
endpoint cannot forget them.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from rogatory.api.v1.schemas import ErrorOut

_REF = "#/components/schemas/ErrorOut"

# Who may answer what: the handlers of rogatory.api.v1.errors and the DomainError codes'
# statuses (rogatory.apps.errors.error_status).
_EVERY_OPERATION = {
    "401": "No valid session or API token (auth.required).",
    "403": "The user's role or grants do not allow this (*.forbidden).",
    "404": "No such case, document, person or match for this user (*.not_found).",
    "422": "The input is well-formed but not valid (request.invalid, field.*, ...).",
}
_WITH_A_BODY = {"400": "The body is not strict JSON in UTF-8 (request.invalid)."}
# rogatory.api.v1.parser refuses a query string holding text no database stores (NUL, a lone
# surrogate) before the endpoint reads it.
_WITH_A_QUERY = {"400": "The query string holds a NUL or a lone surrogate (request.invalid)."}
_WRITES = {"409": "The case's state does not allow this change (transition.*, case.closed)."}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": _REF}}}}


def document_errors(schema: dict[str, Any]) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template=_REF))
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            answers = dict(_EVERY_OPERATION)
            if "requestBody" in operation:
                answers |= _WITH_A_BODY
            elif any(p.get("in") == "query" for p in operation.get("parameters", [])):
                answers |= _WITH_A_QUERY
            if method != "get":
                answers |= _WRITES
            responses = operation.setdefault("responses", {})
            for status, description in answers.items():
                responses.setdefault(status, _error(description))


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema
