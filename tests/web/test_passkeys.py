"""Passkeys (WebAuthn) as the second factor, driven by a software authenticator that signs
exactly as a browser's would (P-256, "none" attestation, user verified)."""

import base64
import hashlib
import json
import logging
import os
import struct
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client

from rogatory.apps.accounts.models import Passkey
from rogatory.apps.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
RP_ID = "testserver"
_UP_UV = 0x01 | 0x04
_ATTESTED = 0x40


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftAuthenticator:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.count = 0

    def _client_data(self, kind: str, options: dict[str, Any], origin: str) -> bytes:
        data = {"type": kind, "challenge": options["challenge"], "origin": origin}
        return json.dumps(data).encode()

    def create(self, options: dict[str, Any], origin: str = ORIGIN) -> dict[str, Any]:
        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        auth_data = (
            hashlib.sha256(options["rp"]["id"].encode()).digest()
            + bytes([_UP_UV | _ATTESTED])
            + struct.pack(">I", self.count)
            + bytes(16)
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + cose
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(self._client_data("webauthn.create", options, origin)),
                "attestationObject": b64(attestation),
            },
        }

    def get(self, options: dict[str, Any], origin: str = ORIGIN) -> dict[str, Any]:
        self.count += 1
        auth_data = (
            hashlib.sha256(options["rpId"].encode()).digest()
            + bytes([_UP_UV])
            + struct.pack(">I", self.count)
        )
        client_data = self._client_data("webauthn.get", options, origin)
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(signature),
            },
        }


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _register(client: Client, device: SoftAuthenticator) -> Any:
    options = _post(client, "/account/passkeys/options/").json()
    return _post(
        client, "/account/passkeys/", {"credential": device.create(options), "name": "Laptop"}
    )


def test_a_user_adds_a_passkey_and_signs_in_with_it(
    client_for: Any, people: Any, settings: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="rogatory.security")
    device = SoftAuthenticator()
    # given the officer adds a passkey
    client = client_for("officer")
    response = _register(client, device)
    assert response.json() == {"next": "/account/"}
    passkey = Passkey.objects.get(user=people["officer"])
    assert (passkey.name, passkey.credential_id) == ("Laptop", b64(device.credential_id))
    assert AuditEvent.objects.filter(action="passkey.add").count() == 1
    # when two-step verification is required and they sign in again: password, then passkey
    settings.ROGATORY_REQUIRE_2FA = True
    other = Client()
    other.post("/signin/", {"username": "officer", "password": "pw-officer"})
    assert other.get("/cases/")["Location"] == "/signin/code/?next=%2Fcases%2F"
    page = other.get("/signin/code/?next=/cases/").content.decode()
    assert 'src="/static/web/passkeys.js"' in page
    options = _post(other, "/signin/passkey/options/").json()
    assert options["userVerification"] == "required"
    assert [c["id"] for c in options["allowCredentials"]] == [b64(device.credential_id)]
    answer = _post(
        other, "/signin/passkey/", {"credential": device.get(options), "next": "/cases/"}
    )
    # then they are in, and the signature counter moved on
    assert answer.json() == {"next": "/cases/"}
    assert other.get("/cases/").status_code == 200
    passkey.refresh_from_db()
    assert passkey.sign_count == 1
    assert "auth event='twofactor.ok' user='officer' ip='127.0.0.1' device='Passkey'" in [
        r.getMessage() for r in caplog.records if r.name == "rogatory.security"
    ]


def _half_signed_in_with_passkey(
    client_for: Any, settings: Any
) -> tuple[Client, SoftAuthenticator]:
    device = SoftAuthenticator()
    _register(client_for("officer"), device)
    settings.ROGATORY_REQUIRE_2FA = True
    client = Client()
    client.post("/signin/", {"username": "officer", "password": "pw-officer"})
    return client, device


@pytest.mark.parametrize("forgery", ["other_origin", "replayed_challenge", "other_key"])
def test_a_forged_passkey_answer_is_refused(client_for: Any, settings: Any, forgery: str) -> None:
    client, device = _half_signed_in_with_passkey(client_for, settings)
    options = _post(client, "/signin/passkey/options/").json()
    if forgery == "other_origin":
        credential = device.get(options, origin="https://evil.example")
    elif forgery == "replayed_challenge":
        credential = device.get(options)
        assert _post(client, "/signin/passkey/", {"credential": credential}).status_code == 200
        client = Client()
        client.post("/signin/", {"username": "officer", "password": "pw-officer"})
        _post(client, "/signin/passkey/options/")
    else:
        impostor = SoftAuthenticator()
        impostor.credential_id = device.credential_id
        credential = impostor.get(options)
    response = _post(client, "/signin/passkey/", {"credential": credential})
    assert response.status_code == 400
    assert response.json() == {"error": "The passkey could not be verified. Try again."}
    assert client.get("/cases/").status_code == 302


def test_adding_a_passkey_needs_a_recent_password(client_for: Any, people: Any) -> None:
    client = client_for("officer")
    session = client.session
    session["rogatory.authenticated_at"] -= 600
    session.save()
    assert client.get("/account/passkeys/new/")["Location"].startswith("/signin/confirm/")
    assert _post(client, "/account/passkeys/options/").status_code == 403
    assert not Passkey.objects.exists()


def test_a_user_removes_their_own_passkey_but_not_another_s(client_for: Any, people: Any) -> None:
    _register(client_for("colleague"), SoftAuthenticator())
    theirs = Passkey.objects.get(user=people["colleague"])
    client = client_for("officer")
    _register(client, SoftAuthenticator())
    mine = Passkey.objects.get(user=people["officer"])
    # another user's passkey is not found, and stays
    assert client.post(f"/account/passkeys/{theirs.pk}/remove/").status_code == 404
    # their own is removed, audited
    assert client.post(f"/account/passkeys/{mine.pk}/remove/")["Location"] == "/account/"
    assert list(Passkey.objects.all()) == [theirs]
    assert AuditEvent.objects.filter(action="passkey.remove").count() == 1
