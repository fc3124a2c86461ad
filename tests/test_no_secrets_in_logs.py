"""No secret, key or case content in any log, and one security line per event (issue 14,
deliverable 5; ASVS 5.0 V16.2.5, V16.3.1, V16.3.2).

Each test seeds canary strings (a password, a TOTP secret and code, an API token, the key
passphrase, a person's name, the facts, a document's bytes), drives one flow through the real
web, API and exchange entry points, and reads every record of every logger at DEBUG, formatted
as production formats it (tracebacks included). None of the canaries may appear, and each
authentication event and each denial is exactly one line on ``rogatory.security``.

SQL statements are not covered: Django logs them only with ``DEBUG = True``, which no node runs
(tests/web/test_error_pages.py::test_demo_and_production_settings_run_without_debug).
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rogatory.apps.accounts.services import api_token_issue
from rogatory.apps.cases.services.documents import document_add
from rogatory.apps.cases.services.inputs import NameInput, PersonInput
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.exchange.services.outbox import outbox_process_due
from rogatory.apps.incidents import SingleLineFormatter
from rogatory.apps.proceedings.services import case_transition
from rogatory.federation.fake import FakeTransport
from tests.exchange import conftest as exchange
from tests.exchange.conftest import PASSPHRASE, Network
from tests.exchange.test_send import FakeNodeA
from tests.web import conftest as web

pytestmark = pytest.mark.django_db

PASSWORD = "Canary-Passw0rd-4b1e"
WRONG_PASSWORD = "Canary-Wrong-9d2f"
PERSON = "Zorvathy Canarinova"
PERSON_ORIGINAL = "Зорвати Канаринова"
FACTS = "Canary facts: the proceeds moved through account QX-7731-canary."
DOCUMENT = b"%PDF-1.7 canary-document-body-51e0"
SECURITY = "rogatory.security"

# The in-process exchange (this database is node B) and the signed-in clients of the web tests.
network = exchange.network
client_for = web.client_for


@dataclass
class Logs:
    """Every record of every logger, as the production formatter writes it."""

    records: list[logging.LogRecord] = field(default_factory=list)
    formatter: logging.Formatter = field(
        default_factory=lambda: SingleLineFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s"
        )
    )

    def text(self) -> str:
        return "\n".join(self.formatter.format(r) for r in self.records)

    def security(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.name == SECURITY]

    def assert_free_of(self, *canaries: str) -> None:
        text = self.text()
        leaked = [c for c in canaries if c in text]
        assert leaked == []

    def assert_no_code(self, code: str) -> None:
        # A six-digit code may occur inside an id or a digest; it must not stand alone.
        assert not re.search(rf"(?<![0-9A-Za-z]){code}(?![0-9A-Za-z])", self.text())


class _Capture(logging.Handler):
    def __init__(self, logs: Logs) -> None:
        super().__init__(logging.DEBUG)
        self.logs = logs

    def emit(self, record: logging.LogRecord) -> None:
        # The handler sits on every logger, so a propagating record reaches it more than once.
        if not any(seen is record for seen in self.logs.records):
            self.logs.records.append(record)


@pytest.fixture
def logs() -> Iterator[Logs]:
    """A handler on every logger, root included, each at DEBUG (so a logger that stops
    propagating, as ``rogatory.security`` does in production, is read too); all restored
    afterwards."""
    captured = Logs()
    handler = _Capture(captured)
    loggers = [logging.getLogger()] + [
        value
        for value in logging.Logger.manager.loggerDict.values()
        if isinstance(value, logging.Logger)
    ]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    disabled = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
        lg.addHandler(handler)
    # The capture itself works: a DEBUG record on a fresh logger reaches it.
    logging.getLogger("tests.no_secrets_probe").debug("probe")
    assert [r.getMessage() for r in captured.records] == ["probe"]
    captured.records.clear()
    yield captured
    for lg, level, was_disabled in saved:
        lg.setLevel(level)
        lg.disabled = was_disabled
        lg.removeHandler(handler)
    logging.disable(disabled)


def _code(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{(totp.token() + offset) % 10**device.digits:0{device.digits}d}"


@pytest.fixture
def officer(people: dict[str, Any]) -> Any:
    officer = people["officer"]
    officer.set_password(PASSWORD)
    officer.save()
    return officer


def test_sign_in_failures_lockout_and_second_factor_leave_no_secret_and_one_line_each(
    officer: Any, logs: Logs
) -> None:
    # given an officer with an authenticator app
    device = TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    # when a wrong password is given once, then the right password and the right code, and in
    # another session the right password and a wrong code (a failure makes the device wait, so
    # it comes last)
    failed = Client().post("/signin/", {"username": "officer", "password": WRONG_PASSWORD})
    client, other = Client(), Client()
    signed_in = client.post("/signin/", {"username": "officer", "password": PASSWORD})
    right_code = _code(device)
    verified = client.post("/signin/code/", {"token": right_code})
    other.post("/signin/", {"username": "officer", "password": PASSWORD})
    wrong_code = _code(device, offset=1)
    refused = other.post("/signin/code/", {"token": wrong_code})
    # then each answer is as expected
    assert (failed.status_code, signed_in.status_code) == (200, 302)
    assert (verified.status_code, refused.status_code) == (302, 422)
    # and each event is exactly one line, with no secret in any log
    assert logs.security() == [
        "auth event='signin.failed' user='officer' ip='127.0.0.1'",
        "auth event='signin.ok' user='officer' ip='127.0.0.1'",
        "auth event='twofactor.ok' user='officer' ip='127.0.0.1' device='TOTPDevice'",
        "auth event='signin.ok' user='officer' ip='127.0.0.1'",
        "auth event='twofactor.failed' user='officer' ip='127.0.0.1'",
    ]
    logs.assert_free_of(PASSWORD, WRONG_PASSWORD, device.key)
    logs.assert_no_code(wrong_code)
    logs.assert_no_code(right_code)


def test_each_failed_password_and_the_lockout_it_triggers_are_one_line_each(
    officer: Any, logs: Logs
) -> None:
    # given four wrong passwords from one address
    client = Client()
    for n in range(4):
        client.post("/signin/", {"username": "officer", "password": f"{WRONG_PASSWORD}-{n}"})
    # when the fifth wrong password reaches the limit
    fifth = client.post("/signin/", {"username": "officer", "password": f"{WRONG_PASSWORD}-4"})
    # then it is refused; each failure is one line, and the lockout one more
    assert fifth.status_code == 429
    failed = "auth event='signin.failed' user='officer' ip='127.0.0.1'"
    lockout = "auth event='signin.lockout' user='officer' ip='127.0.0.1'"
    assert logs.security() == [failed] * 4 + [lockout, failed]
    logs.assert_free_of(PASSWORD, *(f"{WRONG_PASSWORD}-{n}" for n in range(5)))


def test_an_attempt_while_locked_out_is_one_line_and_its_password_is_not_logged(
    officer: Any, logs: Logs
) -> None:
    # given a user name locked out from this address
    client = Client()
    for n in range(5):
        client.post("/signin/", {"username": "officer", "password": f"{WRONG_PASSWORD}-{n}"})
    logs.records.clear()
    # when the right password is tried while locked out
    locked = client.post("/signin/", {"username": "officer", "password": PASSWORD})
    # then it is refused with one line, and the password is not logged
    assert locked.status_code == 429
    logs.assert_free_of(PASSWORD)
    assert logs.security() == ["auth event='signin.locked' user='officer' ip='127.0.0.1'"]


def test_setting_up_an_authenticator_logs_neither_its_secret_nor_the_recovery_codes(
    client_for: Any, people: dict[str, Any], logs: Logs
) -> None:
    # given the setup page, which shows the secret once
    client = client_for("officer")
    logs.records.clear()
    assert client.get("/account/two-factor/").status_code == 200
    device = TOTPDevice.objects.get(user=people["officer"], confirmed=False)
    # when the first code confirms it
    code = _code(device)
    response = client.post("/account/two-factor/", {"token": code})
    # then recovery codes were shown, and neither they, the secret nor the code were logged
    assert response.status_code == 200
    codes = list(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == 10
    assert all(c in response.content.decode() for c in codes)
    assert logs.security() == ["auth event='twofactor.enabled' user='officer' ip='127.0.0.1'"]
    logs.assert_free_of(device.key, *codes)
    logs.assert_no_code(code)


def test_an_api_token_is_never_logged_and_a_refused_case_is_one_denial_line(
    people: dict[str, Any], open_case: Any, logs: Logs
) -> None:
    # given an officer's case and API tokens for the officer and a colleague without a grant
    case = open_case(facts=FACTS)
    own = api_token_issue(actor=people["admin"], user=people["officer"], name="back-end")
    other = api_token_issue(actor=people["admin"], user=people["colleague"], name="back-end")
    logs.records.clear()
    # when each asks for the case, and an unknown token is tried
    allowed = Client(HTTP_AUTHORIZATION=f"Bearer {own}").get(f"/api/v1/cases/{case.pk}")
    denied = Client(HTTP_AUTHORIZATION=f"Bearer {other}").get(f"/api/v1/cases/{case.pk}")
    forged = Client(HTTP_AUTHORIZATION="Bearer Canary-forged-token-e71a").get("/api/v1/cases")
    # then the owner reads it, the colleague is refused with one line, the forgery is refused
    assert (allowed.status_code, denied.status_code, forged.status_code) == (200, 404, 401)
    assert FACTS in allowed.content.decode()
    assert logs.security() == [
        f"access_denied actor='colleague' action='case.read' object='case' id='{case.pk}'",
        "auth event='api_token.failed' user='' ip='127.0.0.1'",
    ]
    logs.assert_free_of(own, other, "Canary-forged-token-e71a", FACTS)


def test_a_refused_case_page_is_one_denial_line_without_case_content(
    client_for: Any, open_case: Any, logs: Logs
) -> None:
    case = open_case(facts=FACTS, title=f"Case about {PERSON}")
    client = client_for("colleague")
    logs.records.clear()
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 404
    assert logs.security() == [
        f"access_denied actor='colleague' action='case.read' object='case' id='{case.pk}'"
    ]
    logs.assert_free_of(FACTS, PERSON)


def _canary_case(open_case: Any, people: dict[str, Any]) -> Any:
    person = PersonInput(
        role="suspect",
        names=[NameInput(PERSON_ORIGINAL, "original_script", PERSON)],
        birth_date="1975-03",
        nationalities=["XA"],
    )
    case = open_case(requesting_state="XB", requested_state="XA", facts=FACTS, persons=[person])
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Bank statement",
        filename="statement.pdf",
        stream=io.BytesIO(DOCUMENT),
        content_type="application/pdf",
    )
    return case


def test_a_request_opened_transmitted_and_delivered_leaves_no_case_content_or_key_in_logs(
    network: Network, open_case: Any, people: dict[str, Any], logs: Logs
) -> None:
    # given an outgoing request with a named person, facts and a document, approved
    case = _canary_case(open_case, people)
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # when it is transmitted and the worker delivers it to node A
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")
    handled = outbox_process_due(transport=FakeTransport(FakeNodeA(network, network.a_keys)))
    # then it was delivered
    assert handled == 1
    assert OutboxMessage.objects.get().state == "delivered"
    # and no log holds the person, the facts, the document or the key passphrase
    logs.assert_free_of(PERSON, PERSON_ORIGINAL, FACTS, DOCUMENT.decode(), PASSPHRASE)
    assert logs.security() == []


def test_a_request_received_from_another_node_leaves_no_case_content_in_logs(
    network: Network, logs: Logs
) -> None:
    # given a request sealed by A with a named person, facts and a document
    payload = {
        "kind": "mla",
        "legal_bases": ["untoc"],
        "title": "Bank records",
        "facts": FACTS,
        "persons": [
            {
                "role": "suspect",
                "names": [
                    {"full_name": PERSON_ORIGINAL, "role": "original_script", "latin": PERSON}
                ],
                "nationalities": ["XB"],
            }
        ],
    }
    metadata = {"kind": "request", "payload": payload, "sender_reference": "XA/MLA/2026/000009"}
    sealed = network.seal(documents=[DOCUMENT], metadata=metadata)
    # when A uploads and commits it
    reply = network.send(sealed)
    # then B receipts it, and no log holds the case content or the passphrase
    assert reply.status_code == 201
    logs.assert_free_of(PERSON, PERSON_ORIGINAL, FACTS, DOCUMENT.decode(), PASSPHRASE)
    assert logs.security() == []


@pytest.mark.urls("tests.web.boom_urls")
def test_an_unexpected_error_logs_its_traceback_but_not_the_query_or_form(
    client_for: Any, logs: Logs
) -> None:
    # given a signed-in officer on a page that fails
    client = client_for("officer")
    client.raise_request_exception = False
    # when the page fails with a person's name in the query and the facts in a form
    response = client.post(f"/boom/?name={PERSON}", {"facts": FACTS, "password": PASSWORD})
    # then the incident is logged with its traceback, and neither the query nor the form is
    assert response.status_code == 500
    assert "Traceback (most recent call last)" in logs.text()
    assert [r.name for r in logs.records if r.levelno >= logging.ERROR].count(
        "rogatory.incident"
    ) == 1
    logs.assert_free_of(PERSON, FACTS, PASSWORD)


def test_reading_a_case_on_the_web_and_the_api_leaves_no_case_content_in_logs(
    client_for: Any, open_case: Any, people: dict[str, Any], logs: Logs
) -> None:
    # given the officer's case with a named person, facts and a document
    case = _canary_case(open_case, people)
    client = client_for("officer")
    logs.records.clear()
    # when the officer reads its page, its search and its API record
    page = client.get(f"/cases/{case.pk}/")
    found = client.get("/cases/", {"q": PERSON})
    api = client.get(f"/api/v1/cases/{case.pk}")
    # then they are shown to the officer, and no log holds them
    assert (page.status_code, found.status_code, api.status_code) == (200, 200, 200)
    assert PERSON in page.content.decode()
    logs.assert_free_of(PERSON, PERSON_ORIGINAL, FACTS, DOCUMENT.decode())
    assert logs.security() == []
