"""Whole envelopes: seal to files, open with registry checks, and interoperate with age tools."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from rogatory.core.envelope import age
from rogatory.core.envelope.errors import (
    AgeNoMatchError,
    AgePayloadError,
    IntegrityError,
    RegistryError,
    SignatureError,
    ValidationError,
)
from rogatory.core.envelope.header import EnvelopeHeader, sign_header
from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.registry import KeyStatus, NodeRegistry, NodeStatus
from rogatory.core.envelope.seal import (
    Document,
    OpenedEnvelope,
    SealedEnvelope,
    open_envelope,
    seal_envelope,
)
from tests.core.envelope.helpers import (
    AGE_BINARY,
    NOW,
    Node,
    flip_bit,
    make_registry,
    registry_node,
    requires_age_tool,
)


@dataclass(frozen=True)
class Exchange:
    sealed: SealedEnvelope
    plaintexts: dict[str, bytes]
    inbox: Path


@pytest.fixture
def exchange(tmp_path: Path, xa: Node, xb: Node) -> Exchange:
    sources = tmp_path / "sources"
    outbox = tmp_path / "outbox"
    inbox = tmp_path / "inbox"
    for folder in (sources, outbox, inbox):
        folder.mkdir()
    plaintexts = {
        "request.pdf": os.urandom(3 * age.CHUNK_SIZE + 77),
        "annex-محضر.txt": "Témoin / شاهد / 证人".encode(),
        "empty.bin": b"",
    }
    documents: list[Document] = []
    for name, content in plaintexts.items():
        path = sources / f"{len(documents)}.src"
        path.write_bytes(content)
        documents.append(
            Document(path, name, "application/pdf" if name.endswith("pdf") else "text/plain")
        )
    sealed = seal_envelope(
        documents=documents,
        output_dir=outbox,
        sender=xa.node_id,
        sender_keys=xa.keys,
        recipient=xb.node_id,
        registry=make_registry(registry_node(xa), registry_node(xb)),
        now=NOW,
        case_reference="XA-2026-000123",
        metadata={"kind": "mla-request", "urgent": True},
    )
    return Exchange(sealed, plaintexts, inbox)


def _open(
    exchange: Exchange,
    registry: NodeRegistry,
    node: Node,
    *,
    header_jws: str | None = None,
    parts: Sequence[Path] | None = None,
) -> OpenedEnvelope:
    return open_envelope(
        header_jws=header_jws or exchange.sealed.header_jws,
        parts=list(parts if parts is not None else exchange.sealed.part_paths),
        output_dir=exchange.inbox,
        recipient=node.node_id,
        identities=[node.keys.age_identity],
        registry=registry,
        now=NOW,
    )


def test_open_restores_every_document_and_the_manifest(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # when
    opened = _open(exchange, registry, xb)
    # then
    restored = {d.entry.file_name: d.path.read_bytes() for d in opened.documents}
    assert restored == exchange.plaintexts
    assert opened.manifest.metadata == {"kind": "mla-request", "urgent": True}
    assert opened.header == exchange.sealed.header
    assert [d.path.name for d in opened.documents] == [
        f"{opened.header.message_id}.{i}" for i in (1, 2, 3)
    ]


def test_header_lists_ciphertext_sizes_and_hashes(exchange: Exchange) -> None:
    # when
    header = exchange.sealed.header
    # then
    assert [p.name for p in header.parts] == ["manifest", "part-1", "part-2", "part-3"]
    for descriptor, path in zip(header.parts, exchange.sealed.part_paths, strict=True):
        content = path.read_bytes()
        assert (descriptor.size, descriptor.sha256) == (
            len(content),
            hashlib.sha256(content).hexdigest(),
        )


def test_manifest_records_plaintext_hashes(exchange: Exchange) -> None:
    # when
    entries = exchange.sealed.manifest.documents
    # then
    assert [(e.index, e.file_name, e.size, e.sha256) for e in entries] == [
        (i, name, len(data), hashlib.sha256(data).hexdigest())
        for i, (name, data) in enumerate(exchange.plaintexts.items(), start=1)
    ]


def test_public_header_does_not_reveal_file_names(exchange: Exchange) -> None:
    # when
    payload = json.dumps(exchange.sealed.header.to_payload())
    # then
    assert "request.pdf" not in payload
    assert "annex" not in payload


def test_sender_can_read_its_own_archive_copy(exchange: Exchange, xa: Node) -> None:
    # given
    blob = exchange.sealed.part_paths[1].read_bytes()
    # when
    plaintext = pyrage.decrypt(blob, [pyrage.x25519.Identity.from_str(str(xa.keys.age_identity))])
    # then
    assert plaintext == exchange.plaintexts["request.pdf"]


@requires_age_tool
def test_age_tool_decrypts_a_part_with_the_node_identity(
    exchange: Exchange, xb: Node, tmp_path: Path
) -> None:
    # given
    identity_file = tmp_path / "xb.age-identity"
    identity_file.write_text(f"{xb.keys.age_identity}\n")
    # when
    result = subprocess.run(
        [str(AGE_BINARY), "-d", "-i", str(identity_file), str(exchange.sealed.part_paths[1])],
        capture_output=True,
    )
    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout == exchange.plaintexts["request.pdf"]


def test_another_node_cannot_open_the_envelope(
    exchange: Exchange, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given: a third node, trusted, that intercepted the files
    xc = Node("xc-central", "XC", NodeKeys.generate())
    wider = make_registry(registry_node(xa), registry_node(xb), registry_node(xc))
    # when / then: its header check fails first (the envelope names XB)
    with pytest.raises(ValidationError) as caught:
        _open(exchange, wider, xc)
    assert caught.value.code == "envelope.wrong_recipient"


def test_wrong_identity_cannot_decrypt_parts(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given
    impostor = Node(xb.node_id, xb.state, NodeKeys.generate())
    # when / then
    with pytest.raises(AgeNoMatchError):
        _open(exchange, registry, impostor)


def test_flipped_bit_in_ciphertext_is_rejected_and_nothing_is_committed(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given
    part = exchange.sealed.part_paths[1]
    part.write_bytes(flip_bit(part.read_bytes(), 8 * (part.stat().st_size - 100)))
    # when
    with pytest.raises((AgePayloadError, IntegrityError)):
        _open(exchange, registry, xb)
    # then
    assert list(exchange.inbox.iterdir()) == []


def test_failure_in_a_later_part_removes_documents_already_committed(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given: the third document is corrupted, the first two are fine
    part = exchange.sealed.part_paths[3]
    part.write_bytes(flip_bit(part.read_bytes(), 8 * (part.stat().st_size - 1)))
    # when
    with pytest.raises(AgePayloadError):
        _open(exchange, registry, xb)
    # then
    assert list(exchange.inbox.iterdir()) == []


def test_part_of_wrong_size_is_rejected_before_decryption(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given
    part = exchange.sealed.part_paths[1]
    with part.open("ab") as handle:
        handle.write(b"\x00")
    # when / then
    with pytest.raises(IntegrityError) as caught:
        _open(exchange, registry, xb)
    assert caught.value.code == "integrity.ciphertext_size"
    assert caught.value.params["part"] == 1


def test_parts_swapped_between_positions_are_rejected(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given: two same-sized parts would pass the size check; the hashes catch the swap
    paths = list(exchange.sealed.part_paths)
    paths[1], paths[2] = paths[2], paths[1]
    # when / then
    with pytest.raises(IntegrityError):
        _open(exchange, registry, xb, parts=paths)


def test_missing_part_is_rejected(exchange: Exchange, xb: Node, registry: NodeRegistry) -> None:
    # when / then
    with pytest.raises(IntegrityError) as caught:
        _open(exchange, registry, xb, parts=exchange.sealed.part_paths[:-1])
    assert caught.value.code == "integrity.part_count"


def test_part_replaced_by_a_valid_age_file_of_the_sender_is_rejected(
    exchange: Exchange, xa: Node, xb: Node, registry: NodeRegistry, tmp_path: Path
) -> None:
    # given: someone re-encrypts other content of the same length to the same two recipients
    original = exchange.sealed.part_paths[2]
    replacement = tmp_path / "replacement.age"
    content = b"X" * len(exchange.plaintexts["annex-محضر.txt"])
    recipients = [xb.keys.public().age_recipient, xa.keys.public().age_recipient]
    with replacement.open("wb") as out:
        age.encrypt(io.BytesIO(content), out, recipients)
    assert replacement.stat().st_size == original.stat().st_size
    paths = list(exchange.sealed.part_paths)
    paths[2] = replacement
    # when / then
    with pytest.raises(IntegrityError) as caught:
        _open(exchange, registry, xb, parts=paths)
    assert caught.value.code == "integrity.ciphertext_sha256"
    assert list(exchange.inbox.iterdir()) == []


def test_header_from_another_sender_is_rejected(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given: the header re-signed by XB pretending to be XA
    forged = sign_header(exchange.sealed.header, key=xb.keys.signing)
    # when / then
    with pytest.raises(RegistryError):
        _open(exchange, registry, xb, header_jws=forged)


def test_flipped_bit_in_header_signature_is_rejected(
    exchange: Exchange, xb: Node, registry: NodeRegistry
) -> None:
    # given
    token = exchange.sealed.header_jws
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    # when / then
    with pytest.raises(SignatureError):
        _open(exchange, registry, xb, header_jws=tampered)
    assert list(exchange.inbox.iterdir()) == []


def test_sealing_refuses_to_overwrite_existing_parts(
    exchange: Exchange, xa: Node, xb: Node, tmp_path: Path
) -> None:
    # given: same message id, same output folder
    header: EnvelopeHeader = exchange.sealed.header
    source = tmp_path / "sources" / "0.src"
    # when / then
    with pytest.raises(FileExistsError):
        seal_envelope(
            documents=[Document(source, "again.pdf")],
            output_dir=exchange.sealed.part_paths[0].parent,
            sender=xa.node_id,
            sender_keys=xa.keys,
            recipient=xb.node_id,
            recipient_key=xb.keys.encryption.public_key(),
            now=NOW,
            message_id=header.message_id,
        )


def test_documents_can_be_sealed_from_streams(
    tmp_path: Path, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # given
    content = os.urandom(age.CHUNK_SIZE + 1)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # when
    sealed = seal_envelope(
        documents=[Document(io.BytesIO(content), "scan.tiff", "image/tiff")],
        output_dir=tmp_path,
        sender=xa.node_id,
        sender_keys=xa.keys,
        recipient=xb.node_id,
        recipient_key=xb.keys.encryption.public_key(),
        now=NOW,
    )
    opened = open_envelope(
        header_jws=sealed.header_jws,
        parts=sealed.part_paths,
        output_dir=inbox,
        recipient=xb.node_id,
        identities=[xb.keys.age_identity],
        registry=registry,
        now=NOW,
    )
    # then
    assert opened.documents[0].path.read_bytes() == content
    assert opened.manifest.documents[0].media_type == "image/tiff"


def test_open_trusting_transport_hashes_still_checks_plaintext_hashes(
    exchange: Exchange, xa: Node, xb: Node, registry: NodeRegistry, tmp_path: Path
) -> None:
    # given: a substituted part of the same size; the caller claims ciphertext was checked
    replacement = tmp_path / "replacement.age"
    content = b"Y" * len(exchange.plaintexts["annex-محضر.txt"])
    recipients = [xb.keys.public().age_recipient, xa.keys.public().age_recipient]
    with replacement.open("wb") as out:
        age.encrypt(io.BytesIO(content), out, recipients)
    paths = list(exchange.sealed.part_paths)
    paths[2] = replacement
    # when
    with pytest.raises(IntegrityError) as caught:
        open_envelope(
            header_jws=exchange.sealed.header_jws,
            parts=paths,
            output_dir=exchange.inbox,
            recipient=xb.node_id,
            identities=[xb.keys.age_identity],
            registry=registry,
            now=NOW,
            ciphertext_hashes_verified=True,
        )
    # then
    assert caught.value.code == "integrity.plaintext_sha256"
    assert list(exchange.inbox.iterdir()) == []


@pytest.mark.parametrize(
    ("sender_status", "recipient_status", "code"),
    [
        (KeyStatus.ACTIVE, NodeStatus.REVOKED, "registry.node_revoked"),
        (KeyStatus.REVOKED, NodeStatus.ACTIVE, "registry.key_revoked"),
    ],
)
def test_sending_is_refused_when_registry_does_not_vouch(
    tmp_path: Path,
    xa: Node,
    xb: Node,
    sender_status: KeyStatus,
    recipient_status: NodeStatus,
    code: str,
) -> None:
    # given
    registry = make_registry(
        registry_node(xa, key_status=sender_status), registry_node(xb, status=recipient_status)
    )
    # when
    with pytest.raises(RegistryError) as caught:
        seal_envelope(
            documents=[Document(io.BytesIO(b"request"), "request.pdf")],
            output_dir=tmp_path,
            sender=xa.node_id,
            sender_keys=xa.keys,
            recipient=xb.node_id,
            registry=registry,
            now=NOW,
        )
    # then
    assert caught.value.code == code
    assert list(tmp_path.iterdir()) == []


def test_recipient_key_not_in_registry_is_refused(
    tmp_path: Path, xa: Node, xb: Node, registry: NodeRegistry
) -> None:
    # when / then
    with pytest.raises(RegistryError) as caught:
        seal_envelope(
            documents=[Document(io.BytesIO(b"request"), "request.pdf")],
            output_dir=tmp_path,
            sender=xa.node_id,
            sender_keys=xa.keys,
            recipient=xb.node_id,
            registry=registry,
            recipient_key=NodeKeys.generate().encryption.public_key(),
            now=NOW,
        )
    assert caught.value.code == "registry.key_unknown"
