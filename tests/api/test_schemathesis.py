"""Every operation of the OpenAPI description, fuzzed by schemathesis (issue 14 deliverable 6).

The description is built in-process from the ninja API object (its page is for signed-in
staff only) and the requests go to the Django application in-process, as an officer with an
API token. Each operation must answer without a 5xx and as its description says: a documented
status, and a body of the documented shape (every refusal is an ErrorOut).

The example count stays small for CI's two cores; ROGATORY_FUZZ_EXAMPLES raises it for a
longer local run.
"""

import os
from collections.abc import Iterable
from typing import Any

import pytest
import schemathesis
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rogatory.api.v1.api import api
from rogatory.apps.accounts.services import api_token_issue

EXAMPLES = int(os.environ.get("ROGATORY_FUZZ_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _django_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """WSGI in front of Django's test handler.

    Django's own WSGIHandler closes the database connection at the end of each request, which
    would end the test's transaction; the test client's handler keeps it, as in every other
    test of the suite.
    """
    response = ClientHandler(enforce_csrf_checks=True)(environ)
    headers = list(response.items())
    headers += [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
    start_response(f"{response.status_code} {response.reason_phrase}", headers)
    # An HttpResponse (streamed or not) iterates over its body's bytes.
    return response


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = _django_app

# What the officer's examples may point at instead of a random id: their own case.
_SEEDED: dict[str, int] = {}


@pytest.fixture
def officer_token(people: dict[str, Any], open_case: Any) -> str:
    case = open_case()
    _SEEDED["case_id"] = case.pk
    _SEEDED["person_id"] = case.persons.first().pk
    return api_token_issue(actor=people["admin"], user=people["officer"], name="fuzz")


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_described_and_never_5xx(
    case: schemathesis.Case[Any], officer_token: str
) -> None:
    # Half the examples aim at the officer's own case, so the fuzzer reaches past the access
    # check into validation and the services.
    params = case.path_parameters or {}
    if isinstance(params.get("case_id"), int) and params["case_id"] % 2 == 0:
        params["case_id"] = _SEEDED["case_id"]
    case.call_and_validate(headers={"Authorization": f"Bearer {officer_token}"}, checks=CHECKS)
