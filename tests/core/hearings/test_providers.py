"""Each provider adapter against a local fake server that checks what the provider's
documentation requires: for Jitsi the token's HS256 signature and its ``iss``, ``aud``,
``sub``, ``room``, ``nbf``/``exp`` and ``context.user``; for BigBlueButton the SHA-256
checksum over the call name and the exact query string, with XML answers."""

from __future__ import annotations

import hashlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from rogatory.core.errors import DomainError
from rogatory.core.hearings.providers import (
    BigBlueButton,
    Jitsi,
    Joiner,
    PlainLink,
    bbb_checksum,
    room_name,
)

APP_ID, DOMAIN = "rogatory-xa", "meet.xa.example"
JITSI_SECRET = "jitsi-canary-3c9e51"
BBB_SECRET = "bbb-canary-77aa20"


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _JitsiFake(BaseHTTPRequestHandler):
    """Prosody's token check, as the token authentication module does it."""

    seen: list[dict[str, Any]] = []

    def do_GET(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        room = urllib.parse.unquote(parsed.path.lstrip("/"))
        token = urllib.parse.parse_qs(parsed.query).get("jwt", [""])[0]
        try:
            decoded = jwt.decode(token, OctKey.import_key(JITSI_SECRET.encode()), ["HS256"])
            claims = decoded.claims
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": APP_ID},
                aud={"essential": True, "value": APP_ID},
                sub={"essential": True, "value": DOMAIN},
                room={"essential": True, "values": [room, "*"]},
                exp={"essential": True},
                nbf={"essential": True},
            ).validate(claims)
            user = claims["context"]["user"]
            assert isinstance(user["moderator"], bool) and user["name"] and user["id"]  # noqa: PT018
        except (JoseError, KeyError, TypeError, AssertionError, ValueError):
            self.send_response(403)
            self.end_headers()
            return
        type(self).seen.append(claims)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return None


class _BbbFake(BaseHTTPRequestHandler):
    """BigBlueButton's API: the checksum over the exact query string, then the call."""

    meetings: dict[str, bool] = {}
    joined: list[dict[str, str]] = []

    def _answer(self, body: str, status: int = 200) -> None:
        data = f"<response>{body}</response>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        call = parsed.path.rsplit("/", 1)[-1]
        if not parsed.path.startswith("/bigbluebutton/api/"):
            self._answer("<returncode>FAILED</returncode>", 404)
            return
        query, _, checksum = parsed.query.rpartition("&checksum=")
        if not checksum:
            query, checksum = "", parsed.query.removeprefix("checksum=")
        expected = hashlib.sha256((call + query + BBB_SECRET).encode()).hexdigest()
        if checksum != expected:
            self._answer("<returncode>FAILED</returncode><messageKey>checksumError</messageKey>")
            return
        params = dict(urllib.parse.parse_qsl(query))
        meeting = params.get("meetingID", "")
        if call == "create":
            type(self).meetings[meeting] = True
            self._answer(f"<returncode>SUCCESS</returncode><meetingID>{meeting}</meetingID>")
        elif call == "getMeetingInfo" and meeting in type(self).meetings:
            running = "true" if type(self).meetings[meeting] else "false"
            self._answer(f"<returncode>SUCCESS</returncode><running>{running}</running>")
        elif call == "end" and meeting in type(self).meetings:
            type(self).meetings[meeting] = False
            self._answer("<returncode>SUCCESS</returncode>")
        elif call == "join" and meeting in type(self).meetings:
            if params.get("role") not in ("MODERATOR", "VIEWER"):
                self._answer("<returncode>FAILED</returncode><messageKey>invalidRole</messageKey>")
                return
            type(self).joined.append(params)
            self._answer("<returncode>SUCCESS</returncode>")
        else:
            self._answer("<returncode>FAILED</returncode><messageKey>notFound</messageKey>")

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def jitsi() -> Iterator[_Server]:
    _JitsiFake.seen = []
    server = _Server(_JitsiFake)
    yield server
    server.close()


@pytest.fixture
def bbb() -> Iterator[_Server]:
    _BbbFake.meetings, _BbbFake.joined = {}, []
    server = _Server(_BbbFake)
    yield server
    server.close()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback fake
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


JUDGE = Joiner("p-1", "Judge Rivera", moderator=True)
PERSON = Joiner("p-2", "Лена Морозова", moderator=False)


def test_jitsi_tokens_are_accepted_per_participant_and_role(jitsi: _Server) -> None:
    provider = Jitsi(jitsi.url, APP_ID, JITSI_SECRET, DOMAIN)
    room = room_name()
    now = datetime.now(UTC)
    assert _get(provider.join_url(room, JUDGE, now=now)) == 200
    assert _get(provider.join_url(room, PERSON, now=now)) == 200
    judge, person = _JitsiFake.seen
    assert (judge["context"]["user"]["moderator"], person["context"]["user"]["moderator"]) == (
        True,
        False,
    )
    assert person["context"]["user"]["name"] == "Лена Морозова"
    # and each token is short-lived
    assert judge["exp"] - int(now.timestamp()) == 15 * 60


def test_jitsi_refuses_another_room_an_expired_token_or_another_secret(jitsi: _Server) -> None:
    good = Jitsi(jitsi.url, APP_ID, JITSI_SECRET, DOMAIN)
    room = room_name()
    other_room = good.join_url(room, JUDGE, now=datetime.now(UTC)).replace(room, room_name())
    expired = good.join_url(room, JUDGE, now=datetime.fromtimestamp(time.time() - 3600, UTC))
    forged = Jitsi(jitsi.url, APP_ID, "another secret", DOMAIN).join_url(
        room, JUDGE, now=datetime.now(UTC)
    )
    assert [_get(u) for u in (other_room, expired, forged)] == [403, 403, 403]


def test_the_jitsi_secret_is_never_in_the_join_link(jitsi: _Server) -> None:
    url = Jitsi(jitsi.url, APP_ID, JITSI_SECRET, DOMAIN).join_url(
        room_name(), JUDGE, now=datetime.now(UTC)
    )
    assert JITSI_SECRET not in url


def test_bigbluebutton_create_join_info_and_end_pass_the_checksum(bbb: _Server) -> None:
    provider = BigBlueButton(f"{bbb.url}/bigbluebutton/", BBB_SECRET)
    room = room_name()
    provider.create(room, "Hearing XA/EXT/2026/000001 — ü & ä")
    assert provider.running(room) is True
    assert _get(provider.join_url(room, JUDGE, now=datetime.now(UTC))) == 200
    assert _get(provider.join_url(room, PERSON, now=datetime.now(UTC))) == 200
    assert [(j["fullName"], j["role"]) for j in _BbbFake.joined] == [
        ("Judge Rivera", "MODERATOR"),
        ("Лена Морозова", "VIEWER"),
    ]
    provider.end(room)
    assert provider.running(room) is False


def test_bigbluebutton_refuses_a_wrong_secret_naming_no_secret(bbb: _Server) -> None:
    provider = BigBlueButton(f"{bbb.url}/bigbluebutton/", "wrong secret")
    with pytest.raises(DomainError) as refused:
        provider.create(room_name(), "Hearing")
    assert (refused.value.code, refused.value.params["key"]) == (
        "hearing.provider_refused",
        "checksumError",
    )
    assert BBB_SECRET not in repr(refused.value.params)


def test_the_bbb_checksum_is_sha256_of_call_query_and_secret() -> None:
    # the documented construction, on a fixed example
    query = "name=Test+Meeting&meetingID=abc123"
    assert (
        bbb_checksum("create", query, "secret")
        == hashlib.sha256(b"createname=Test+Meeting&meetingID=abc123secret").hexdigest()
    )
    url = BigBlueButton("https://bbb.example/bigbluebutton/", "secret").url(
        "create", {"name": "Test Meeting", "meetingID": "abc123"}
    )
    assert url == (
        "https://bbb.example/bigbluebutton/api/create?name=Test+Meeting&meetingID=abc123"
        f"&checksum={bbb_checksum('create', query, 'secret')}"
    )


def test_an_unreachable_bigbluebutton_server_is_a_domain_error() -> None:
    provider = BigBlueButton("http://127.0.0.1:9/bigbluebutton/", BBB_SECRET, timeout=1)
    with pytest.raises(DomainError) as failed:
        provider.running(room_name())
    assert failed.value.code == "hearing.provider_failed"


def test_a_plain_link_is_the_same_for_everyone() -> None:
    link = PlainLink("https://video.court.xb.example/room/118")
    assert link.join_url("r", JUDGE, now=datetime.now(UTC)) == link.link
