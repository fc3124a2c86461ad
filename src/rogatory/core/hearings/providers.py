"""Conference providers behind one small interface: a room for the hearing, a join link per
participant and role, the end of the meeting, and whether it runs.

* Jitsi Meet with token authentication: a JSON Web Token (RFC 7519, HS256 with the secret the
  node shares with the Prosody server) per participant, carrying ``iss`` and ``aud`` (the
  application id), ``sub`` (the deployment's domain), ``room``, ``exp``/``nbf`` and the
  identity in ``context.user`` with the ``moderator`` flag; passed as the ``jwt`` parameter.
* BigBlueButton: every API call is ``<server>/bigbluebutton/api/<call>?<query>&checksum=<hex>``
  where the checksum is SHA-256 of ``call + query + secret`` over the exact encoded query.
* A plain link, for any other system the two States agree on.

The secrets live only on the node (settings from the environment); a join link is made for
one participant when they open it and never travels in an invitation, a log or the exchange.
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from joserfc import jwt
from joserfc.jwk import OctKey

from rogatory.core.errors import DomainError

# A join token lives long enough to join a hearing about to start, not to be reused later.
TOKEN_LIFETIME = timedelta(minutes=15)
# Clock skew between the node and the conference server.
NOT_BEFORE_SKEW = timedelta(minutes=1)


class ProviderKind(StrEnum):
    JITSI = "jitsi"
    BIGBLUEBUTTON = "bigbluebutton"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Joiner:
    user_id: str
    name: str
    moderator: bool


class Provider(Protocol):
    @property
    def kind(self) -> ProviderKind: ...

    def create(self, room: str, title: str) -> None: ...
    def join_url(self, room: str, joiner: Joiner, *, now: datetime) -> str: ...
    def end(self, room: str) -> None: ...
    def running(self, room: str) -> bool: ...


def room_name() -> str:
    """An unguessable room name: a room is never found by trying names."""
    return "hearing-" + secrets.token_hex(16)


@dataclass(frozen=True, slots=True)
class Jitsi:
    base_url: str  # https://meet.example.org
    app_id: str
    secret: str
    domain: str  # the ``sub`` the server expects (its XMPP domain or tenant)
    kind: ProviderKind = ProviderKind.JITSI

    def claims(self, room: str, joiner: Joiner, *, now: datetime) -> dict[str, object]:
        return {
            "iss": self.app_id,
            "aud": self.app_id,
            "sub": self.domain,
            "room": room,
            "nbf": int((now - NOT_BEFORE_SKEW).timestamp()),
            "exp": int((now + TOKEN_LIFETIME).timestamp()),
            "context": {
                "user": {
                    "id": joiner.user_id,
                    "name": joiner.name,
                    "moderator": joiner.moderator,
                }
            },
        }

    def token(self, room: str, joiner: Joiner, *, now: datetime) -> str:
        key = OctKey.import_key(self.secret.encode())
        return jwt.encode(
            {"alg": "HS256", "typ": "JWT"}, dict(self.claims(room, joiner, now=now)), key
        )

    def create(self, room: str, title: str) -> None:
        # A Jitsi room exists once its first (moderator) participant joins.
        return None

    def join_url(self, room: str, joiner: Joiner, *, now: datetime) -> str:
        query = urllib.parse.urlencode({"jwt": self.token(room, joiner, now=now)})
        return f"{self.base_url.rstrip('/')}/{urllib.parse.quote(room)}?{query}"

    def end(self, room: str) -> None:
        return None

    def running(self, room: str) -> bool:
        return False


def bbb_checksum(call: str, query: str, secret: str) -> str:
    """SHA-256 of the call name, the exact encoded query string and the shared secret."""
    return hashlib.sha256((call + query + secret).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class BigBlueButton:
    base_url: str  # https://bbb.example.org/bigbluebutton/
    secret: str
    timeout: float = 10.0
    kind: ProviderKind = ProviderKind.BIGBLUEBUTTON

    def url(self, call: str, params: dict[str, str]) -> str:
        query = urllib.parse.urlencode(params)
        checksum = bbb_checksum(call, query, self.secret)
        sep = "&" if query else ""
        return f"{self.base_url.rstrip('/')}/api/{call}?{query}{sep}checksum={checksum}"

    def call(self, call: str, params: dict[str, str]) -> ET.Element:
        url = self.url(call, params)
        if not url.startswith(("https://", "http://")):
            raise DomainError("hearing.provider_failed", call=call)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as answer:  # noqa: S310
                root = ET.fromstring(answer.read(1_000_000))  # noqa: S314
        except (OSError, ET.ParseError):
            # The URL holds the checksum, never the secret; still, only the call is named.
            raise DomainError("hearing.provider_failed", call=call) from None
        if root.findtext("returncode") != "SUCCESS":
            raise DomainError(
                "hearing.provider_refused", call=call, key=(root.findtext("messageKey") or "")[:64]
            )
        return root

    def create(self, room: str, title: str) -> None:
        self.call("create", {"meetingID": room, "name": title, "record": "false"})

    def join_url(self, room: str, joiner: Joiner, *, now: datetime) -> str:
        role = "MODERATOR" if joiner.moderator else "VIEWER"
        params = {
            "fullName": joiner.name,
            "meetingID": room,
            "role": role,
            "userID": joiner.user_id,
        }
        return self.url("join", params)

    def end(self, room: str) -> None:
        self.call("end", {"meetingID": room})

    def running(self, room: str) -> bool:
        return self.call("getMeetingInfo", {"meetingID": room}).findtext("running") == "true"


@dataclass(frozen=True, slots=True)
class PlainLink:
    link: str
    kind: ProviderKind = ProviderKind.LINK

    def create(self, room: str, title: str) -> None:
        return None

    def join_url(self, room: str, joiner: Joiner, *, now: datetime) -> str:
        return self.link

    def end(self, room: str) -> None:
        return None

    def running(self, room: str) -> bool:
        return False
