"""Forged, altered, confused and replayed messages: each refused with a 4xx, nothing stored.

Failures before the sender is authenticated store nothing at all. Failures of a message the
sender did sign (bad part hash, broken age stream, expired) store only the signed rejection,
so a duplicate gets the same rejection and never a receipt; no case, receipt or document.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from rogatory.apps.cases.models import Case
from rogatory.apps.exchange.models import Evidence, InboxMessage
from rogatory.apps.exchange.services.registry import registry_import
from rogatory.core.envelope.encoding import b64url_decode, b64url_encode
from rogatory.core.envelope.header import EnvelopeHeader, PartDescriptor, sign_header
from rogatory.core.envelope.keys import canonical_json, public_jwk
from rogatory.core.envelope.receipts import verify_evidence
from rogatory.core.envelope.registry import KeyStatus
from tests.exchange.conftest import Network
from tests.exchange.support import build_registry

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_nothing_stored() -> None:
    assert InboxMessage.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert Case.objects.count() == 0
    assert _stored_files() == []


def assert_only_rejection_stored(code: str) -> None:
    assert list(InboxMessage.objects.values_list("state", "rejection_code")) == [("rejected", code)]
    assert list(Evidence.objects.values_list("kind", "reason")) == [("rejected", code)]
    assert Case.objects.count() == 0
    assert _stored_files() == []


def _flip(token: str, segment: int, position: int = 5) -> str:
    pieces = token.split(".")
    raw = bytearray(b64url_decode(pieces[segment]))
    raw[position % len(raw)] ^= 0x01
    pieces[segment] = b64url_encode(bytes(raw))
    return ".".join(pieces)


def _forge(protected: dict[str, Any], token: str, signature: bytes = b"\0" * 64) -> str:
    payload = token.split(".")[1]
    return ".".join([b64url_encode(canonical_json(protected)), payload, b64url_encode(signature)])


@pytest.mark.parametrize(
    ("segment", "code"),
    [(0, "jws.header_invalid"), (1, "jws.payload_invalid"), (2, "jws.signature_invalid")],
)
def test_a_flipped_bit_in_the_header_is_refused(network: Network, segment: int, code: str) -> None:
    # given a valid envelope whose header JWS has one bit flipped
    sealed = network.seal()
    network.upload(sealed)
    forged = _flip(sealed.header_jws, segment)
    # when it is committed
    reply = network.commit(sealed.header.message_id, forged)
    # then it is refused before anything is stored
    assert reply.status_code in (400, 403)
    assert json.loads(reply.content)["code"] in {
        code,
        "jws.signature_invalid",
        "jws.header_invalid",
        "jws.payload_invalid",
        "envelope.header_invalid",
    }
    assert_nothing_stored()


def test_another_trusted_node_cannot_pose_as_the_sender(network: Network) -> None:
    # given C, listed in the registry, signs a header claiming to come from A
    sealed = network.seal(
        sender="xa-central",
        keys=network.c_keys,
        registry=None,
        recipient_key=network.registry.encryption_key("xb-central", datetime.now(UTC)),
    )
    # when it is delivered to B
    reply = network.send(sealed)
    # then the key is not one of A's keys
    assert reply.status_code == 403
    assert json.loads(reply.content)["code"] == "registry.key_unknown"
    assert_nothing_stored()


def _public_key_bytes(network: Network) -> list[bytes]:
    jwk = public_jwk(network.a_keys.signing.public_key())
    raw = b64url_decode(jwk["x"])
    pem = network.a_keys.signing.public_key().public_bytes(
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["x"]).Encoding.PEM,
        __import__(
            "cryptography.hazmat.primitives.serialization", fromlist=["x"]
        ).PublicFormat.SubjectPublicKeyInfo,
    )
    return [raw, pem, json.dumps(jwk).encode()]


@pytest.mark.parametrize(
    ("protected", "code"),
    [
        ({"alg": "none", "typ": "rogatory-envelope+jws"}, "jws.alg_not_allowed"),
        ({"alg": "EdDSA", "typ": "rogatory-envelope+jws"}, "jws.alg_not_allowed"),
        ({"alg": "ES256", "typ": "rogatory-envelope+jws"}, "jws.alg_not_allowed"),
        ({"alg": "RS256", "typ": "rogatory-envelope+jws"}, "jws.alg_not_allowed"),
        ({"alg": "Ed25519", "typ": "JWT"}, "jws.typ_mismatch"),
        ({"alg": "Ed25519", "typ": "rogatory-receipt+jws"}, "jws.typ_mismatch"),
        (
            {"alg": "Ed25519", "typ": "rogatory-envelope+jws", "crit": ["b64"]},
            "jws.crit_unsupported",
        ),
        ({"alg": "Ed25519", "typ": "rogatory-envelope+jws", "jwk": {}}, "jws.header_invalid"),
    ],
)
def test_algorithm_and_type_confusion_is_refused(
    network: Network, protected: dict[str, Any], code: str
) -> None:
    # given a header re-wrapped with a confusing protected header
    sealed = network.seal()
    network.upload(sealed)
    forged = _forge({**protected, "kid": network.a_keys.signing_kid}, sealed.header_jws)
    # when it is committed
    reply = network.commit(sealed.header.message_id, forged)
    # then it is refused before any key is used, and nothing is stored
    assert (reply.status_code, json.loads(reply.content)["code"]) == (400, code)
    assert_nothing_stored()


def test_hs256_keyed_with_the_public_key_is_refused(network: Network) -> None:
    # given HMAC tokens keyed with A's public key in raw, PEM and JWK form
    sealed = network.seal()
    network.upload(sealed)
    header = {"alg": "HS256", "typ": "rogatory-envelope+jws", "kid": network.a_keys.signing_kid}
    protected_b64 = b64url_encode(canonical_json(header))
    payload_b64 = sealed.header_jws.split(".")[1]
    for secret in _public_key_bytes(network):
        mac = hmac.new(secret, f"{protected_b64}.{payload_b64}".encode(), hashlib.sha256)
        forged = f"{protected_b64}.{payload_b64}.{b64url_encode(mac.digest())}"
        # when it is committed
        reply = network.commit(sealed.header.message_id, forged)
        # then
        assert (reply.status_code, json.loads(reply.content)["code"]) == (
            400,
            "jws.alg_not_allowed",
        )
    assert_nothing_stored()


def test_a_jwe_where_a_jws_is_expected_is_refused(network: Network) -> None:
    # given five segments (a JWE compact form)
    sealed = network.seal()
    # when / then
    reply = network.commit(sealed.header.message_id, "a.b.c.d.e")
    assert (reply.status_code, json.loads(reply.content)["code"]) == (400, "jws.jwe_rejected")
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signing_status": KeyStatus.REVOKED}, "registry.key_revoked"),
        ({"signing_not_after": datetime(2026, 2, 1, tzinfo=UTC)}, "registry.key_expired"),
    ],
)
def test_revoked_or_expired_sender_keys_are_refused(
    network: Network, change: dict[str, Any], code: str
) -> None:
    # given a message sealed while A's key was valid, and a newer registry without that
    sealed = network.seal()
    newer = build_registry(network.entries(**{"xa-central": change}), version=2)
    registry_import(document=network.operators.sign(newer))
    # when it is delivered
    reply = network.send(sealed)
    # then
    assert (reply.status_code, json.loads(reply.content)["code"]) == (403, code)
    assert_nothing_stored()


def test_a_message_for_another_node_is_refused(network: Network) -> None:
    # given A's message to C replayed to B
    sealed = network.seal(recipient="xc-central")
    # when
    reply = network.send(sealed)
    # then
    assert (reply.status_code, json.loads(reply.content)["code"]) == (
        403,
        "envelope.wrong_recipient",
    )
    assert_nothing_stored()


def test_a_header_from_the_future_is_refused_without_storing(network: Network) -> None:
    # given a header created 10 minutes ahead of B's clock
    sealed = network.seal(now=datetime.now(UTC) + timedelta(minutes=10))
    # when
    reply = network.send(sealed)
    # then (retryable: the sender's clock may be fixed)
    assert (reply.status_code, json.loads(reply.content)["code"]) == (422, "envelope.not_yet_valid")
    assert_nothing_stored()


def test_an_expired_message_is_rejected_and_the_rejection_is_kept(network: Network) -> None:
    # given a message that expired yesterday
    sealed = network.seal(now=datetime.now(UTC) - timedelta(days=2), ttl=timedelta(days=1))
    # when it is delivered twice
    first = network.send(sealed)
    again = network.send(sealed)
    # then the same signed rejection answers both; no receipt, no case
    assert (first.status_code, again.status_code) == (422, 422)
    assert again.content == first.content
    evidence = verify_evidence(
        json.loads(first.content)["evidence"],
        jwks=network.b_node.public_jwks,
        expected_issuer="xb-central",
    )
    assert (evidence.evidence_type.value, evidence.reason) == ("rejected", "envelope.expired")
    assert_only_rejection_stored("envelope.expired")


def test_a_flipped_ciphertext_bit_is_rejected_and_duplicates_get_the_rejection(
    network: Network,
) -> None:
    # given a document part with one bit flipped in transit (its chunk digest recomputed)
    sealed = network.seal(documents=[b"x" * 1000])
    data = bytearray(sealed.part_paths[1].read_bytes())
    data[-20] ^= 0x80
    network.put_chunk(sealed.header.message_id, 0, 0, sealed.part_paths[0].read_bytes())
    network.put_chunk(sealed.header.message_id, 1, 0, bytes(data))
    # when it is committed three times
    replies = [network.commit(sealed.header.message_id, sealed.header_jws) for _ in range(3)]
    # then every answer is the stored rejection (R4), never a receipt
    assert [r.status_code for r in replies] == [422, 422, 422]
    assert replies[1].content == replies[0].content == replies[2].content
    assert json.loads(replies[0].content)["code"] == "integrity.ciphertext_sha256"
    assert_only_rejection_stored("integrity.ciphertext_sha256")


def _resign(network: Network, sealed: Any, part: bytes) -> str:
    """A header the sender really signed over a tampered document part (S4)."""
    header = sealed.header
    parts = list(header.parts)
    parts[1] = PartDescriptor(1, "part-1", len(part), hashlib.sha256(part).hexdigest())
    changed = EnvelopeHeader(
        message_id=header.message_id,
        sender=header.sender,
        recipient=header.recipient,
        created=header.created,
        expires=header.expires,
        case_reference=header.case_reference,
        parts=tuple(parts),
    )
    return sign_header(changed, key=network.a_keys.signing)


CHUNK = 64 * 1024 + 16


@pytest.mark.parametrize("tamper", ["drop_last", "swap", "append", "cut_header"])
def test_truncated_reordered_or_extended_age_streams_are_rejected(
    network: Network, tamper: str
) -> None:
    # given a 3-chunk document whose age stream is altered, under a header A signed
    sealed = network.seal(documents=[bytes(range(256)) * 700])
    raw = sealed.part_paths[1].read_bytes()
    start = _age_header_size(raw)
    prefix, payload = raw[:start], raw[start:]
    c0, c1, c2 = (payload[i : i + CHUNK] for i in range(0, len(payload), CHUNK))
    altered = {
        "drop_last": prefix + c0 + c1,
        "swap": prefix + c1 + c0 + c2,
        "append": raw + c2,
        "cut_header": raw[40:],
    }[tamper]
    token = _resign(network, sealed, altered)
    network.put_chunk(sealed.header.message_id, 0, 0, sealed.part_paths[0].read_bytes())
    network.put_chunk(sealed.header.message_id, 1, 0, altered)
    # when it is committed
    reply = network.commit(sealed.header.message_id, token)
    # then the stream does not authenticate; no plaintext is left anywhere
    code = json.loads(reply.content)["code"]
    assert reply.status_code == 422
    assert code.startswith("age.")
    assert_only_rejection_stored(code)


def _age_header_size(raw: bytes) -> int:
    end = raw.index(b"\n---") + 1
    end = raw.index(b"\n", end) + 1
    return end + 16  # the payload nonce


def test_an_oversized_header_is_refused_cheaply(network: Network) -> None:
    # given a 300 KiB body
    sealed = network.seal()
    # when
    reply = network.commit(sealed.header.message_id, b"a" * (300 * 1024))
    # then
    assert (reply.status_code, json.loads(reply.content)["code"]) == (413, "jws.too_large")
    assert_nothing_stored()


def test_a_header_for_another_message_id_than_the_url_is_refused(network: Network) -> None:
    # given two sealed messages
    one, other = network.seal(), network.seal()
    network.upload(one)
    # when one's header is committed at the other's URL
    reply = network.commit(other.header.message_id, one.header_jws)
    # then
    assert (reply.status_code, json.loads(reply.content)["code"]) == (
        400,
        "envelope.message_mismatch",
    )
    assert_nothing_stored()


def test_error_bodies_have_code_message_and_params(network: Network) -> None:
    # given / when
    reply = network.commit(network.seal().header.message_id, "x.y")
    # then
    assert set(json.loads(reply.content)) == {"code", "message", "params"}
