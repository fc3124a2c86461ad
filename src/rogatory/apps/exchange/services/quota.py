"""Room for incoming chunks: who owns a message being uploaded, a quota per peer, free space.

* **Owner.** The folder of a message being uploaded records the peer that started it (the
  mutual-TLS node id, :data:`ANONYMOUS_OWNER` for a caller the loopback opt-out let in, or the
  polled node in pull mode). Another peer cannot add chunks to it, nor list them.
* **Quota.** The bytes of a peer's chunks not yet committed (every file in the folders it owns,
  temporary files at their reserved size) stay under ``EXCHANGE_PEER_QUOTA_BYTES``. Each file
  counts at least :data:`MIN_CHARGE`, so one-byte chunks cannot fill the disk's inodes under a
  byte quota. Checking and reserving the new chunk's file happen under a per-owner file lock,
  so concurrent uploads of one peer, even in several server processes, cannot pass it together.
* **Free space.** A chunk is refused when the data filesystem would keep less than
  ``EXCHANGE_MIN_FREE_BYTES`` free after it: the database and the documents of committed
  messages live beside the chunks and must never be the ones to fail.

Every check runs before anything is created, and every refusal is logged on
``rogatory.security``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from rogatory.apps.exchange.security import exchange_denied
from rogatory.core.errors import DomainError

__all__ = [
    "ANONYMOUS_OWNER",
    "MIN_CHARGE",
    "OWNER_FILE",
    "chunk_space_reserve",
    "incoming_owner",
    "incoming_owner_check",
    "incoming_usage",
]

OWNER_FILE = ".owner"
# "~" never appears in a node id (core.envelope.fields), so no peer can pose as this owner.
ANONYMOUS_OWNER = "~anonymous"
MIN_CHARGE = 64 * 1024


def incoming_owner(directory: Path) -> str | None:
    """The owner recorded for a message folder; None if there is no folder or no owner yet."""
    try:
        return (directory / OWNER_FILE).read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError):
        return None


def incoming_owner_check(*, directory: Path, owner: str, message_id: str) -> None:
    """Refuse ``owner`` when another peer started uploading this message."""
    current = incoming_owner(directory)
    if current is not None and current != owner:
        exchange_denied(actor=owner, action="exchange.chunk_owner", object_id=message_id)
        raise DomainError("exchange.peer_not_owner")


def incoming_usage(root: Path, owner: str) -> int:
    """Bytes charged to ``owner`` for chunks not yet committed (see the module docstring)."""
    total = 0
    try:
        folders = list(root.iterdir())
    except FileNotFoundError:
        return 0
    for folder in folders:
        if folder.name.startswith(".") or incoming_owner(folder) != owner:
            continue
        try:
            entries = list(folder.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            continue  # committed (and removed) while we looked
        for entry in entries:
            if entry.name == OWNER_FILE:
                continue
            try:
                total += max(entry.stat().st_size, MIN_CHARGE)
            except FileNotFoundError:
                continue
    return total


@contextlib.contextmanager
def _owner_lock(owner: str) -> Iterator[None]:
    locks = Path(settings.DATA_DIR) / "exchange" / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(owner.encode("utf-8")).hexdigest()[:32]
    descriptor = os.open(locks / f"quota-{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def free_bytes(path: Path) -> int:
    """Free bytes on the filesystem that holds ``path`` (or its nearest existing folder)."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def _free_space_check(*, path: Path, size: int, owner: str, message_id: str) -> None:
    minimum = int(getattr(settings, "EXCHANGE_MIN_FREE_BYTES", 0) or 0)
    if free_bytes(path) - size < minimum:
        exchange_denied(actor=owner, action="exchange.storage_full", object_id=message_id)
        raise DomainError("exchange.storage_full")


def commit_space_check(*, path: Path, size: int, sender: str, message_id: str) -> None:
    """Before a received message is committed (assembled, decrypted and stored under
    ``path``): refuse with the retryable ``exchange.storage_full`` when writing ``size`` bytes
    would leave less than the reserve (EXCHANGE_MIN_FREE_BYTES), so that nothing is
    half-written, no receipt is signed, and the uploaded chunks stay for the sender's retry
    (protocol.md R9)."""
    _free_space_check(path=path, size=size, owner=sender, message_id=message_id)


def _claim(*, directory: Path, owner: str, message_id: str) -> None:
    """Create the message folder with its owner in one rename (a half-made folder is never
    seen), or adopt a folder made before owners were recorded."""
    if incoming_owner(directory) is None:
        if directory.is_dir():
            with contextlib.suppress(FileExistsError):
                descriptor = os.open(
                    directory / OWNER_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
                )
                with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                    out.write(owner)
        else:
            staging = directory.parent / f".new-{uuid.uuid4().hex}"
            staging.mkdir()
            (staging / OWNER_FILE).write_text(owner, encoding="utf-8")
            try:
                staging.rename(directory)
            except OSError:
                # Another upload of this message created the folder first; its owner rules.
                shutil.rmtree(staging, ignore_errors=True)
    incoming_owner_check(directory=directory, owner=owner, message_id=message_id)


def chunk_space_reserve(
    *, directory: Path, owner: str, message_id: str, name: str, size: int
) -> Path:
    """Check free space and ``owner``'s quota, then reserve a temporary file of ``size`` bytes
    for chunk ``name`` in the message folder (created, owned by ``owner``, if needed).

    Returns the temporary file; the caller writes the chunk into it and renames it. Nothing is
    created when a check fails (``exchange.storage_full``, ``exchange.peer_quota_exceeded``,
    ``exchange.peer_not_owner``).
    """
    root = directory.parent
    root.mkdir(parents=True, exist_ok=True)
    _free_space_check(path=root, size=size, owner=owner, message_id=message_id)
    quota = int(getattr(settings, "EXCHANGE_PEER_QUOTA_BYTES", 0) or 0)
    with _owner_lock(owner):
        # 0 means no quota: check --deploy warns about it (exchange.W003).
        if quota > 0 and incoming_usage(root, owner) + max(size, MIN_CHARGE) > quota:
            exchange_denied(actor=owner, action="exchange.peer_quota", object_id=message_id)
            raise DomainError("exchange.peer_quota_exceeded", limit=quota)
        _claim(directory=directory, owner=owner, message_id=message_id)
        temporary = directory / f".{name}.{uuid.uuid4().hex}.tmp"
        with temporary.open("xb") as out:
            # The reservation: counted at this size by incoming_usage until renamed.
            out.truncate(size)
    return temporary
