"""Unexpected errors: a friendly page with an incident id, the traceback in the log (issue 13
item 10, issue 14 finding 10); DEBUG off on the demo."""

import json
import logging
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

INCIDENT = re.compile(r"\b([0-9a-f]{12})\b")


def _incident_records(caplog: Any) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "rogatory.incident"]


@pytest.mark.urls("tests.web.boom_urls")
def test_a_failing_page_shows_an_incident_id_that_the_log_holds_with_the_traceback(
    people: Any, caplog: Any
) -> None:
    # given a signed-in officer and a page that raises
    client = Client(raise_request_exception=False)
    client.force_login(people["officer"])
    # when the page fails
    with caplog.at_level(logging.ERROR, logger="rogatory.incident"):
        response = client.get("/boom/?name=Petrov")
    # then the officer sees a friendly page with an incident id and no traceback
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "Traceback" not in body
    assert "canary-7f3a" not in body
    incident = INCIDENT.search(body.split("administrator:")[1])
    assert incident is not None
    # and one log record carries the same id, the path (not the query) and the traceback
    (record,) = _incident_records(caplog)
    assert record.getMessage() == (
        f"unexpected_error incident={incident.group(1)} method=GET path=/boom/ error=RuntimeError"
    )
    assert record.exc_info is not None
    formatted = logging.Formatter().formatException(record.exc_info)
    assert "canary-7f3a" in formatted
    assert "def boom" not in formatted
    assert "Petrov" not in record.getMessage()


@pytest.mark.urls("tests.web.boom_urls")
def test_the_error_page_speaks_the_users_language(people: Any) -> None:
    people["officer"].language = "fr"
    people["officer"].save()
    client = Client(raise_request_exception=False)
    client.force_login(people["officer"])
    response = client.get("/boom/")
    assert response.status_code == 500
    assert '<html lang="fr"' in response.content.decode()


def test_the_log_line_of_an_incident_is_one_line_with_its_traceback() -> None:
    from rogatory.apps.incidents import SingleLineFormatter

    try:
        raise ValueError("first\nsecond")
    except ValueError:
        record = logging.LogRecord(
            "rogatory.incident", logging.ERROR, __file__, 1, "incident=%s", ("abc",), sys.exc_info()
        )
    line = SingleLineFormatter("%(name)s %(message)s").format(record)
    assert "\n" not in line
    assert line.startswith("rogatory.incident incident=abc\\nTraceback (most recent call last):")
    assert "ValueError: first\\nsecond" in line


def test_an_api_failure_answers_json_with_the_incident_id(
    people: Any, caplog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an API endpoint whose selector fails unexpectedly
    def broken() -> Any:
        raise RuntimeError("canary-api")

    monkeypatch.setattr("rogatory.api.v1.directory.selectors.state_list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(people["officer"])
    # when it is called
    with caplog.at_level(logging.ERROR, logger="rogatory.incident"):
        response = client.get("/api/v1/directory/states")
    # then the answer is the API's error shape with the incident id the log holds
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body["code"] == "server.error"
    incident = body["params"]["incident"]
    assert incident in body["message"]
    assert "canary-api" not in response.content.decode()
    (record,) = _incident_records(caplog)
    assert f"incident={incident}" in record.getMessage()
    assert record.exc_info is not None


def test_an_unknown_page_is_the_friendly_404(client_for: Any) -> None:
    response = client_for("officer").get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "Node of" in body  # the page keeps the node's header


@pytest.mark.parametrize("module", ["rogatory.settings.demo", "rogatory.settings.base"])
def test_demo_and_production_settings_run_without_debug(module: str, tmp_path: Any) -> None:
    """Issue 13 item 10: the demo forced DEBUG on, so a clerk saw a full traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROGATORY_")}
    env["ROGATORY_DATA_DIR"] = str(tmp_path)
    code = f"import {module} as s; print(s.DEBUG, s.NODE_KIND)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "demo" if module.endswith("demo") else "production"]
