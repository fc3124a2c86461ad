"""The receiving side: chunk upload, commit (verify everything, then one transaction), dedup.

Order on commit follows docs/protocol.md §8. Nothing a peer sends is visible before the commit
transaction: chunks sit in a private directory, documents are decrypted into temporary files
renamed only once authenticated, and the inbox row, the signed receipt and the incoming case
are written in one transaction. A failure before the sender is authenticated stores nothing;
a failure of an authenticated message (bad part hash, undecryptable part, expired) is stored as
a signed rejection so a duplicate gets the same rejection, never a receipt.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError as DbIntegrityError
from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.models import AuditHead
from rogatory.apps.audit.services import latest_audit_checkpoint
from rogatory.apps.exchange.errors import exchange_message, status_for
from rogatory.apps.exchange.models import (
    EvidenceKind,
    InboxDocument,
    InboxMessage,
    InboxState,
)
from rogatory.apps.exchange.services.business import evidence_from_message, evidence_issue
from rogatory.apps.exchange.services.cases import incoming_case_from_message
from rogatory.apps.exchange.services.evidence import evidence_record, evidence_record_many
from rogatory.apps.exchange.services.keys import LoadedIdentity, node_identity
from rogatory.apps.exchange.services.payload import payload_schema_check
from rogatory.apps.exchange.services.quota import (
    chunk_space_reserve,
    commit_space_check,
    incoming_owner_check,
)
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.apps.exchange.storage import (
    documents_dir,
    incoming_dir,
    sync_files,
)
from rogatory.core.envelope.age_files import fsync_directory
from rogatory.core.envelope.errors import EnvelopeError, IntegrityError
from rogatory.core.envelope.fields import is_uuid7, new_uuid7
from rogatory.core.envelope.header import (
    ENVELOPE_TYP,
    MAX_HEADER_JWS_SIZE,
    EnvelopeHeader,
    header_sha256,
    verify_header,
)
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import (
    Evidence as EvidenceSignal,
)
from rogatory.core.envelope.receipts import (
    EvidenceType,
    Receipt,
    sign_evidence,
    sign_receipt,
)
from rogatory.core.envelope.registry import NodeRegistry
from rogatory.core.envelope.seal import OpenedEnvelope, open_envelope
from rogatory.core.errors import DomainError
from rogatory.federation.chunks import CHUNK_SIZE, chunk_count

__all__ = [
    "CommitOutcome",
    "OpenedCommit",
    "VerifiedCommit",
    "accept_commit",
    "accept_commits",
    "chunk_store",
    "chunks_received",
    "incoming_case_from_message",
    "message_commit",
    "open_commit",
    "stored_answer",
    "sync_opened",
    "verify_commit",
]

log = logging.getLogger("rogatory.exchange")
MAX_PART_INDEX = 999
MAX_CHUNK_INDEX = 2**53 // CHUNK_SIZE
# Signature already verified when verify_header raises these (it checks time after the key).
_AUTHENTICATED_TIME_CODES = frozenset({"envelope.expired", "envelope.not_yet_valid"})
# Failures that may pass (clock skew, chunks still on their way): answered, never stored.
_TRANSIENT_CODES = frozenset({"envelope.not_yet_valid", "exchange.chunks_missing"})


@dataclass(frozen=True, slots=True)
class CommitOutcome:
    status: int
    content_type: str
    body: bytes


def _check_address(message_id: str, part: int, chunk: int | None = None) -> None:
    if not is_uuid7(message_id):
        raise DomainError("exchange.message_id_invalid")
    if not 0 <= part <= MAX_PART_INDEX or (chunk is not None and not 0 <= chunk <= MAX_CHUNK_INDEX):
        raise DomainError("exchange.chunk_address_invalid")


def chunk_store(
    *, message_id: str, part: int, chunk: int, data: bytes, digest: bytes | None, owner: str
) -> int:
    """Store one chunk durably (fsync) and return 201, or 204 if the same bytes are stored.

    ``digest`` is the SHA-256 from the request's ``Repr-Digest``; it is required. ``owner`` is
    the peer uploading (services.quota): the first to upload a message owns it, and its quota
    and the free space are checked before anything is written.
    """
    _check_address(message_id, part, chunk)
    if len(data) > CHUNK_SIZE:
        raise DomainError("exchange.chunk_too_large", limit=CHUNK_SIZE)
    actual = hashlib.sha256(data).digest()
    if digest is None:
        raise DomainError("exchange.digest_missing")
    if not hmac.compare_digest(actual, digest):
        raise DomainError("exchange.digest_mismatch")
    if InboxMessage.objects.filter(message_id=message_id).exists():
        return 204  # already committed: a sender's retry after a lost receipt
    directory = incoming_dir(message_id)
    incoming_owner_check(directory=directory, owner=owner, message_id=message_id)
    path = directory / f"{part}.{chunk}"
    if path.exists():
        if hmac.compare_digest(hashlib.sha256(path.read_bytes()).digest(), actual):
            return 204
        raise DomainError("exchange.chunk_conflict", part=part, chunk=chunk)
    temporary: Path | None = None
    try:
        temporary = chunk_space_reserve(
            directory=directory,
            owner=owner,
            message_id=message_id,
            name=f"{part}.{chunk}",
            size=len(data),
        )
        with temporary.open("r+b") as out:
            out.write(data)
            out.flush()
            # The 2xx promises the bytes survive a crash: fsync the file, then its directory.
            os.fsync(out.fileno())
        temporary.replace(path)
        fsync_directory(directory)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DomainError("exchange.storage_full") from exc
        raise
    return 201


def chunks_received(*, message_id: str, part: int, owner: str) -> list[int]:
    """Chunk indexes of ``part`` stored so far; only the peer uploading the message may ask."""
    _check_address(message_id, part)
    directory = incoming_dir(message_id)
    if not directory.is_dir():
        return []
    incoming_owner_check(directory=directory, owner=owner, message_id=message_id)
    prefix = f"{part}."
    found = []
    for entry in directory.iterdir():
        name = entry.name
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            found.append(int(name[len(prefix) :]))
    return sorted(found)


class _RefusedError(Exception):
    """A refusal answered with an unsigned 4xx; nothing is stored."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


def _error_body(code: str, params: dict[str, Any], evidence: str | None = None) -> bytes:
    body: dict[str, Any] = {
        "code": code,
        "message": exchange_message(code, params),
        "params": {k: v if isinstance(v, int | str) else str(v) for k, v in params.items()},
    }
    if evidence is not None:
        body["evidence"] = evidence
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def refusal(code: str, params: dict[str, Any] | None = None) -> CommitOutcome:
    return CommitOutcome(status_for(code), "application/json", _error_body(code, params or {}))


STORED_ANSWER_FIELDS = ("state", "receipt_jws", "rejection_status", "rejection_body")


def stored_answer(row: InboxMessage) -> CommitOutcome:
    """What a duplicate commit gets: the stored receipt or rejection, byte for byte."""
    if row.state == InboxState.ACCEPTED:
        return CommitOutcome(200, "application/jose", row.receipt_jws.encode("ascii"))
    return CommitOutcome(row.rejection_status or 422, "application/json", bytes(row.rejection_body))


def _stored(sender: str, message_id: str) -> CommitOutcome | None:
    row = (
        InboxMessage.objects.filter(sender_node=sender, message_id=message_id)
        .only(*STORED_ANSWER_FIELDS)
        .first()
    )
    return None if row is None else stored_answer(row)


def _checkpoint() -> str:
    """The signed audit checkpoint a receipt quotes (protocol §10, §13), with cosignatures.

    A node whose audit log is still empty has no checkpoint yet: its receipts quote the empty
    chain head instead, which any later checkpoint extends.
    """
    try:
        return latest_audit_checkpoint()
    except DomainError:
        head = AuditHead.objects.filter(id=1).values_list("seq", "hash").first()
        seq, digest = head if head is not None else (0, "0" * 64)
        return f"rogatory-audit-head seq={seq} sha256={digest}"


def _unverified_header(token: str) -> EnvelopeHeader | None:
    try:
        return EnvelopeHeader.from_payload(
            parse_compact(token, typ=ENVELOPE_TYP, max_size=MAX_HEADER_JWS_SIZE).payload
        )
    except EnvelopeError:
        return None


def _reject(
    *,
    header: EnvelopeHeader,
    token: str,
    code: str,
    params: dict[str, Any],
    identity: LoadedIdentity,
    now: datetime,
) -> CommitOutcome:
    """Store and return a signed rejection of an authenticated message."""
    evidence = EvidenceSignal(
        evidence_id=new_uuid7(now),
        evidence_type=EvidenceType.REJECTED,
        message_id=header.message_id,
        sender=header.sender,
        recipient=header.recipient,
        issuer=header.recipient,
        header_sha256=header_sha256(token),
        issued_at=now,
        reason=code[:64],
        audit_checkpoint=None,
    )
    signed = sign_evidence(evidence, key=identity.keys.signing)
    status = status_for(code)
    body = _error_body(code, params, signed)
    try:
        with transaction.atomic():
            InboxMessage.objects.create(
                sender_node=header.sender,
                message_id=header.message_id,
                state=InboxState.REJECTED,
                header_jws=token,
                header_sha256=evidence.header_sha256,
                case_reference=header.case_reference or "",
                received_at=now,
                rejection_status=status,
                rejection_body=body,
                rejection_code=code[:64],
            )
            evidence_record(token=signed, kind=EvidenceKind.REJECTED, signal=evidence, at=now)
    except DbIntegrityError:
        stored = _stored(header.sender, header.message_id)
        if stored is not None:
            return stored
        raise
    _discard_chunks(header.message_id)
    log.info(
        "exchange.rejected sender=%s message=%s code=%s", header.sender, header.message_id, code
    )
    return CommitOutcome(status, "application/json", body)


def _discard_chunks(message_id: str) -> None:
    shutil.rmtree(incoming_dir(message_id), ignore_errors=True)


def _assemble_parts(header: EnvelopeHeader) -> list[Path]:
    """Check chunk presence and sizes (cheap), then each part's SHA-256; return part files."""
    directory = incoming_dir(header.message_id)
    names = {p.name for p in directory.iterdir()} if directory.is_dir() else set()
    expected: set[str] = set()
    missing = 0
    for part in header.parts:
        count = chunk_count(part.size)
        for k in range(count):
            name = f"{part.index}.{k}"
            expected.add(name)
            if name not in names:
                missing += 1
    if missing:
        raise _RefusedError("exchange.chunks_missing", {"missing": missing})
    if {n for n in names if not n.startswith(".") and not n.startswith("part-")} - expected:
        raise IntegrityError("integrity.part_count", {"reason": "extra_chunks"})
    for part in header.parts:
        count = chunk_count(part.size)
        for k in range(count):
            size = (directory / f"{part.index}.{k}").stat().st_size
            want = CHUNK_SIZE if k < count - 1 else part.size - CHUNK_SIZE * (count - 1)
            if size != want:
                raise IntegrityError("integrity.ciphertext_size", {"part": part.index})
    paths = []
    for part in header.parts:
        count = chunk_count(part.size)
        digest = hashlib.sha256()
        if count == 1:
            path = directory / f"{part.index}.0"
            digest.update(path.read_bytes())
        else:
            # A private name: a concurrent commit of the same message assembles its own copy.
            path = directory / f"part-{part.index}.{uuid.uuid4().hex}.age"
            with path.open("wb") as out:
                for k in range(count):
                    with (directory / f"{part.index}.{k}").open("rb") as src:
                        while block := src.read(1024 * 1024):
                            digest.update(block)
                            out.write(block)
        if not hmac.compare_digest(digest.hexdigest(), part.sha256):
            raise IntegrityError("integrity.ciphertext_sha256", {"part": part.index})
        paths.append(path)
    return paths


@dataclass(frozen=True, slots=True)
class VerifiedCommit:
    """A commit whose header verified and which is not yet stored: to open and accept."""

    header: EnvelopeHeader
    token: str


@dataclass(frozen=True, slots=True)
class OpenedCommit:
    header: EnvelopeHeader
    token: str
    opened: OpenedEnvelope
    output: Path
    # The folder holds other messages' documents too (a batch): discard file by file.
    shared: bool = False

    def discard(self) -> None:
        """Remove this message's decrypted documents (its commit did not take place)."""
        if not self.shared:
            shutil.rmtree(self.output, ignore_errors=True)
            return
        for document in self.opened.documents:
            with contextlib.suppress(FileNotFoundError):
                document.path.unlink()


def verify_commit(
    *,
    message_id: str,
    header_jws: bytes,
    identity: LoadedIdentity,
    registry: NodeRegistry,
    now: datetime,
    stored: dict[tuple[str, str], CommitOutcome] | None = None,
    peer: str | None = None,
) -> VerifiedCommit | CommitOutcome:
    """Steps 1-3 of docs/protocol.md §8: the header, then the dedup table.

    ``stored`` holds the answers already stored for this batch's messages (one query for a
    whole batch); without it the inbox is asked for this message alone. ``peer`` is the node
    mutual TLS authenticated, if any: a header signed by another node is refused (a trusted
    node relaying or replaying someone else's message, design point 4).
    """
    if len(header_jws) > MAX_HEADER_JWS_SIZE:
        return refusal("jws.too_large", {"limit": MAX_HEADER_JWS_SIZE})
    try:
        token = header_jws.decode("ascii")
    except UnicodeDecodeError:
        return refusal("jws.malformed")

    def lookup(sender: str, message_id: str) -> CommitOutcome | None:
        if stored is not None:
            return stored.get((sender, message_id))
        return _stored(sender, message_id)

    try:
        header = verify_header(token, registry=registry, recipient=identity.node_id, now=now)
    except EnvelopeError as exc:
        if exc.code not in _AUTHENTICATED_TIME_CODES:
            return refusal(exc.code, dict(exc.params))
        unverified = _unverified_header(token)
        if unverified is None or unverified.message_id != message_id:
            return refusal(exc.code, dict(exc.params))
        previous = lookup(unverified.sender, unverified.message_id)
        if previous is not None:
            return previous
        if exc.code in _TRANSIENT_CODES:
            return refusal(exc.code, dict(exc.params))
        return _reject(
            header=unverified,
            token=token,
            code=exc.code,
            params=dict(exc.params),
            identity=identity,
            now=now,
        )
    if header.message_id != message_id:
        return refusal("envelope.message_mismatch")
    if peer is not None and peer != header.sender:
        return refusal("exchange.peer_mismatch", {"peer": peer})
    previous = lookup(header.sender, header.message_id)
    if previous is not None:
        return previous
    return VerifiedCommit(header, token)


def open_commit(
    commit: VerifiedCommit,
    *,
    parts: list[Path | bytes] | None,
    identity: LoadedIdentity,
    registry: NodeRegistry,
    now: datetime,
    shared_output: Path | None = None,
) -> OpenedCommit | CommitOutcome:
    """Steps 4-6: check and decrypt the parts (``None``: the uploaded chunks) into a folder.

    Inline ``parts`` (a batch) are not fsynced here: the caller syncs the whole batch once,
    before any receipt is signed (:func:`sync_opened`). A batch passes one ``shared_output``
    folder for all its messages (document names carry the message id).
    """
    header, token = commit.header, commit.token
    output = shared_output or (
        documents_dir() / header.sender / f"{header.message_id}.{uuid.uuid4().hex[:12]}"
    )

    def clear() -> None:
        if shared_output is None:
            shutil.rmtree(output, ignore_errors=True)

    # Protocol R9: the reserve is checked before anything is written. An uploaded part of
    # several chunks is first assembled into one file, then decrypted beside it; the
    # plaintext is no larger than the ciphertext.
    try:
        commit_space_check(
            path=output,
            size=sum(
                p.size * (2 if parts is None and chunk_count(p.size) > 1 else 1)
                for p in header.parts
            ),
            sender=header.sender,
            message_id=header.message_id,
        )
    except DomainError as exc:
        return refusal(exc.code, dict(exc.params))
    assembled: list[Path] = []
    try:
        if parts is None:
            assembled = _assemble_parts(header)
            sources: list[Path | bytes] = list(assembled)
        else:
            _check_inline_parts(header, parts)
            sources = parts
        output.mkdir(parents=True, exist_ok=True)
        opened = open_envelope(
            header_jws=token,
            parts=sources,
            output_dir=output,
            recipient=identity.node_id,
            identities=identity.decryption,
            registry=registry,
            now=now,
            ciphertext_hashes_verified=True,
            durable=parts is None,
            verified_header=header,
        )
    except _RefusedError as exc:
        clear()
        return refusal(exc.code, exc.params)
    except EnvelopeError as exc:
        clear()
        return _reject(
            header=header,
            token=token,
            code=exc.code,
            params=dict(exc.params),
            identity=identity,
            now=now,
        )
    except OSError as exc:
        clear()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return refusal("exchange.storage_full")
        if exc.errno != errno.ENOENT:
            raise
        # A concurrent commit of the same message finished and removed the chunks.
        return _stored(header.sender, header.message_id) or refusal(
            "exchange.chunks_missing", {"missing": 1}
        )
    finally:
        for path in assembled:
            if path.name.startswith("part-"):
                with contextlib.suppress(OSError):
                    path.unlink()
    result = OpenedCommit(header, token, opened, output, shared=shared_output is not None)
    try:
        payload_schema_check(opened.manifest.metadata)
    except DomainError as exc:
        # A case payload of a schema major this node cannot read: refused and signed before
        # anything is stored (docs/protocol.md §8 step 9, §14).
        result.discard()
        return _reject(
            header=header,
            token=token,
            code=exc.code,
            params=dict(exc.params),
            identity=identity,
            now=now,
        )
    return result


def _check_inline_parts(header: EnvelopeHeader, parts: list[Path | bytes]) -> None:
    if len(parts) != len(header.parts):
        raise IntegrityError(
            "integrity.part_count", {"expected": len(header.parts), "actual": len(parts)}
        )
    for descriptor, data in zip(header.parts, parts, strict=True):
        if not isinstance(data, bytes) or len(data) != descriptor.size:
            raise IntegrityError("integrity.ciphertext_size", {"part": descriptor.index})
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), descriptor.sha256):
            raise IntegrityError("integrity.ciphertext_sha256", {"part": descriptor.index})


def sync_opened(commits: list[OpenedCommit]) -> None:
    """Make every decrypted document of a batch durable before its receipt (protocol §9)."""
    sync_files([d.path for c in commits for d in c.opened.documents], [c.output for c in commits])


def message_commit(
    *, message_id: str, header_jws: bytes, now: datetime | None = None, peer: str | None = None
) -> CommitOutcome:
    """Run docs/protocol.md §8 on a committed header and answer (receipt, rejection, refusal)."""
    now = now or timezone.now()
    try:
        identity = node_identity()
        registry = current_registry(now=now)
    except DomainError as exc:
        return refusal(exc.code, dict(exc.params))
    verified = verify_commit(
        message_id=message_id,
        header_jws=header_jws,
        identity=identity,
        registry=registry,
        now=now,
        peer=peer,
    )
    if isinstance(verified, CommitOutcome):
        return verified
    opened = open_commit(verified, parts=None, identity=identity, registry=registry, now=now)
    if isinstance(opened, CommitOutcome):
        return opened
    try:
        answer = accept_commit(opened, identity=identity, registry=registry, now=now)
    except BaseException:
        opened.discard()
        raise
    _discard_chunks(opened.header.message_id)
    return answer


def accept_commit(
    commit: OpenedCommit, *, identity: LoadedIdentity, registry: NodeRegistry, now: datetime
) -> CommitOutcome:
    """:func:`accept_commits` for one message, answering a lost race with what was stored."""
    try:
        (token,) = accept_commits([commit], identity=identity, registry=registry, now=now)
    except DbIntegrityError:
        # A concurrent commit of the same message won: answer with what it stored.
        commit.discard()
        stored = _stored(commit.header.sender, commit.header.message_id)
        if stored is None:
            raise
        return stored
    return CommitOutcome(201, "application/jose", token.encode("ascii"))


def accept_commits(
    commits: list[OpenedCommit],
    *,
    identity: LoadedIdentity,
    registry: NodeRegistry,
    now: datetime,
) -> list[str]:
    """Step 7: one transaction writes the inbox rows, their documents and signed receipts.

    Raises the database's IntegrityError if another commit stored one of them first (the
    caller answers with what that one stored). Returns the receipts, in order.
    """
    media_root = Path(settings.MEDIA_ROOT)
    with transaction.atomic():
        checkpoint = _checkpoint()
        receipts = [
            Receipt(
                receipt_id=new_uuid7(now),
                message_id=c.header.message_id,
                sender=c.header.sender,
                recipient=c.header.recipient,
                header_sha256=header_sha256(c.token),
                received_at=now,
                audit_checkpoint=checkpoint,
            )
            for c in commits
        ]
        signed = [sign_receipt(r, key=identity.keys.signing) for r in receipts]
        rows = []
        for c, receipt, token in zip(commits, receipts, signed, strict=True):
            metadata = dict(c.opened.manifest.metadata)
            kind = metadata.get("kind")
            rows.append(
                InboxMessage(
                    sender_node=c.header.sender,
                    message_id=c.header.message_id,
                    state=InboxState.ACCEPTED,
                    header_jws=c.token,
                    header_sha256=receipt.header_sha256,
                    case_reference=c.header.case_reference or "",
                    kind=kind if isinstance(kind, str) else "",
                    metadata=metadata,
                    received_at=now,
                    receipt_jws=token,
                )
            )
        if len(rows) == 1:
            rows[0].save(force_insert=True)  # gives the primary key on every database
        else:
            rows = InboxMessage.objects.bulk_create(rows)
        documents = InboxDocument.objects.bulk_create(
            [
                InboxDocument(
                    inbox=inbox,
                    index=d.entry.index,
                    file_name=d.entry.file_name,
                    media_type=d.entry.media_type,
                    size=d.entry.size,
                    sha256=d.entry.sha256,
                    path=str(d.path.relative_to(media_root)),
                )
                for inbox, c in zip(rows, commits, strict=True)
                for d in c.opened.documents
            ]
        )
        evidence_record_many(
            [(token, EvidenceKind.RECEIPT, r) for token, r in zip(signed, receipts, strict=True)],
            at=now,
        )
        for inbox, c in zip(rows, commits, strict=True):
            if inbox.kind == "ping":
                continue  # a connectivity check: received and receipted, nothing to deliver
            _deliver(
                inbox,
                [d for d in documents if d.inbox_id == inbox.pk],
                sender_state=registry.node(c.header.sender).state,
                now=now,
            )
    return signed


def _deliver(
    inbox: InboxMessage, documents: list[InboxDocument], *, sender_state: str, now: datetime
) -> None:
    try:
        # A savepoint: a message the case system cannot take is still received (and
        # receipted); the error is kept on the inbox row for the registry clerk.
        with transaction.atomic():
            if inbox.kind == "evidence":
                evidence_from_message(inbox=inbox, now=now)
            else:
                case = incoming_case_from_message(
                    inbox=inbox, sender_state=sender_state, documents=documents, now=now
                )
                if case is not None:
                    # Delivered to the case system: tell the sender, signed (§5.2).
                    evidence_issue(
                        inbox=inbox, evidence_type=EvidenceType.DELIVERED, case=case, now=now
                    )
    except DomainError as exc:
        inbox.delivery_error = exc.code[:64]
        inbox.save(update_fields=["delivery_error"])
        if inbox.kind != "evidence":  # an evidence is never answered with one (no ping-pong)
            evidence_issue(
                inbox=inbox, evidence_type=EvidenceType.NOT_DELIVERED, case=None, reason=exc.code
            )
