"""Operator commands: keys, registry, envelope (thin wrappers over core.envelope)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rogatory.apps.exchange.models import NodeIdentity, RegistrySnapshot
from rogatory.core.envelope.keys import public_key_from_jwk
from tests.exchange.conftest import Network
from tests.exchange.support import build_registry

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_keys_export_gives_public_jwks_and_on_request_the_age_identity(network: Network) -> None:
    # given node B's keys / when
    public = json.loads(run("keys", "export"))
    private = json.loads(run("keys", "export", "--age-identity"))
    # then
    assert public["node_id"] == "xb-central"
    assert [public_key_from_jwk(j) is not None for j in public["keys"]] == [True, True]
    assert all("d" not in j for j in public["keys"])
    assert "age_identity" not in public
    assert public["age_recipient"].startswith("age1")
    assert private["age_identity"].startswith("AGE-SECRET-KEY-1")


def test_keys_init_refuses_to_replace_existing_keys(network: Network) -> None:
    # given keys exist / when / then
    with pytest.raises(CommandError, match=r"keys\.exist"):
        run("keys", "init", "--node-id", "xb-central", "--kdf-cost", "10")
    assert NodeIdentity.objects.count() == 1


def test_registry_keygen_sign_verify_import(network: Network, tmp_path: Path) -> None:
    # given two operator keys made by the command
    jwks = [
        json.loads(
            run("registry", "keygen", "--out", str(tmp_path / f"op{i}.key"), "--kdf-cost", "10")
        )
        for i in (1, 2)
    ]
    operators = tmp_path / "operators.json"
    operators.write_text(json.dumps({"threshold": 2, "keys": jwks}))
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(build_registry(network.entries(), version=5).to_payload()))
    signed = tmp_path / "registry.json"
    # when it signs, verifies and imports a registry
    run(
        "registry",
        "sign",
        str(payload),
        "--key",
        str(tmp_path / "op1.key"),
        "--key",
        str(tmp_path / "op2.key"),
        "--out",
        str(signed),
    )
    verified = json.loads(
        run("registry", "verify", str(signed), "--operators", str(operators), "--json")
    )
    imported = json.loads(
        run("registry", "import", str(signed), "--operators", str(operators), "--json")
    )
    # then
    assert verified == {"version": 5, "nodes": ["xa-central", "xb-central", "xc-central"]}
    assert imported["version"] == 5
    assert RegistrySnapshot.objects.first().version == 5


def test_registry_import_refuses_a_rollback(network: Network, tmp_path: Path) -> None:
    # given version 3 accepted
    run_import = tmp_path / "v3.json"
    run_import.write_bytes(network.operators.sign(build_registry(network.entries(), version=3)))
    run("registry", "import", str(run_import))
    older = tmp_path / "v2.json"
    older.write_bytes(network.operators.sign(build_registry(network.entries(), version=2)))
    # when an older list is imported / then it is refused and nothing is recorded
    with pytest.raises(CommandError, match=r"registry\.rollback"):
        run("registry", "import", str(older))
    assert sorted(RegistrySnapshot.objects.values_list("version", flat=True)) == [1, 3]


def test_envelope_seal_then_open_round_trips(network: Network, tmp_path: Path) -> None:
    # given a document
    document = tmp_path / "request.pdf"
    document.write_bytes(b"%PDF-1.7 request for assistance")
    # when B seals it to itself and opens it
    sealed = json.loads(
        run(
            "envelope",
            "seal",
            str(document),
            "--to",
            "xb-central",
            "--dir",
            str(tmp_path / "env"),
            "--json",
        )
    )
    opened = json.loads(
        run(
            "envelope",
            "open",
            "--dir",
            str(tmp_path / "env"),
            "--out",
            str(tmp_path / "out"),
            "--json",
        )
    )
    # then
    assert sealed["parts"] == 2
    assert opened["message_id"] == sealed["message_id"]
    assert opened["sender"] == "xb-central"
    [entry] = opened["documents"]
    assert entry["file_name"] == "request.pdf"
    assert Path(entry["path"]).read_bytes() == document.read_bytes()


def test_envelope_open_refuses_a_tampered_part(network: Network, tmp_path: Path) -> None:
    # given a sealed envelope with one byte of a part changed
    document = tmp_path / "request.pdf"
    document.write_bytes(b"x" * 100)
    sealed = json.loads(
        run(
            "envelope",
            "seal",
            str(document),
            "--to",
            "xb-central",
            "--dir",
            str(tmp_path / "env"),
            "--json",
        )
    )
    part = tmp_path / "env" / f"{sealed['message_id']}.1.age"
    data = bytearray(part.read_bytes())
    data[-1] ^= 1
    part.write_bytes(bytes(data))
    # when / then
    with pytest.raises(CommandError, match=r"integrity\.ciphertext_sha256|age\.payload_failure"):
        run("envelope", "open", "--dir", str(tmp_path / "env"), "--out", str(tmp_path / "out"))
    assert list((tmp_path / "out").iterdir()) == []
