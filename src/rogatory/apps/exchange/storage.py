"""Where exchange files live: sealed parts to send, received chunks, decrypted documents."""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

from rogatory.core.envelope.age_files import fsync_directory


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def outbox_dir() -> Path:
    return _dir(Path(settings.DATA_DIR) / "exchange" / "outbox")


def incoming_dir(message_id: str) -> Path:
    """Chunks of a message being received (not visible to users before commit)."""
    return Path(settings.DATA_DIR) / "exchange" / "incoming" / message_id


_made: set[Path] = set()


def documents_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exchange"
    if path not in _made:  # asked for every received message: create it once per process
        _dir(path)
        _made.add(path)
    return path


@functools.cache
def _syncfs_call() -> Any:
    """libc's ``syncfs`` (Linux, glibc), looked up once per process; ``None`` elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def _syncfs(directory: Path) -> bool:
    """``syncfs(2)`` on the filesystem holding ``directory``: one flush for a whole batch.

    Where it is missing, or if the call fails, the caller fsyncs file by file.
    """
    call = _syncfs_call()
    if call is None:
        return False
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        return bool(call(descriptor) == 0)
    finally:
        os.close(descriptor)


def sync_files(files: list[Path], directories: list[Path]) -> None:
    """Make ``files`` and the entries of ``directories`` durable before a receipt is signed.

    fsync costs about 2 ms per file on these disks, which caps a receiver at a few hundred
    small messages per second; a single ``syncfs`` of the documents' filesystem flushes a
    whole batch at once (about 0.2 ms per file measured here).
    """
    if not files and not directories:
        return
    if _syncfs(documents_dir()):
        return
    for path in files:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    # A new folder's own entry lives in its parent: sync that too.
    for directory in {*directories, *(d.parent for d in directories), *(p.parent for p in files)}:
        fsync_directory(directory)
