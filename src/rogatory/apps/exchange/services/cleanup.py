"""Removing what an interrupted transfer or commit left on disk (nothing a user can reach).

* Chunks of a message that was never committed: a sender gives up after 72 h and a header
  expires after 7 days (``DEFAULT_TTL``), so chunks untouched for longer than the header's
  lifetime can never be committed; chunks of a message that is stored (the receiver crashed
  between its commit and removing them) are not needed either.
* Decrypted documents of a commit that crashed before its transaction: a folder under the
  documents directory that no inbox document points to.
* What a chunk upload that crashed left: a temporary chunk file (its reserved size counts
  against the peer's quota, services.quota) and a half-made message folder (``.new-*``).

Both are kept for ``grace`` after their last change, so a transfer or commit still running is
never touched. The worker runs this about once an hour.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from rogatory.apps.exchange.models import InboxDocument, InboxMessage
from rogatory.apps.exchange.storage import documents_dir, incoming_dir
from rogatory.core.envelope.seal import DEFAULT_TTL

__all__ = ["CleanupReport", "exchange_cleanup"]

log = logging.getLogger("rogatory.exchange")
COMMIT_GRACE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class CleanupReport:
    chunk_folders: int
    document_folders: int


def _age(path: Path, now: datetime) -> timedelta:
    changed = max(
        (p.stat().st_mtime for p in (path, *path.iterdir())), default=path.stat().st_mtime
    )
    return now - datetime.fromtimestamp(changed, tz=now.tzinfo)


def _remove_stale_temporaries(folder: Path, now: datetime) -> None:
    for entry in folder.glob(".*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            changed = datetime.fromtimestamp(entry.stat().st_mtime, tz=now.tzinfo)
            if now - changed > COMMIT_GRACE:
                entry.unlink()


def exchange_cleanup(*, now: datetime | None = None) -> CleanupReport:
    now = now or timezone.now()
    chunks = 0
    root = incoming_dir("x").parent
    if root.is_dir():
        for folder in root.iterdir():
            if not folder.is_dir():
                continue
            if folder.name.startswith("."):
                with contextlib.suppress(FileNotFoundError):
                    if _age(folder, now) > COMMIT_GRACE:
                        shutil.rmtree(folder, ignore_errors=True)
                continue
            try:
                age = _age(folder, now)
            except FileNotFoundError:
                continue  # committed (and removed) meanwhile
            stored = InboxMessage.objects.filter(message_id=folder.name).exists()
            if (stored and age > COMMIT_GRACE) or age > DEFAULT_TTL:
                shutil.rmtree(folder, ignore_errors=True)
                chunks += 1
            else:
                _remove_stale_temporaries(folder, now)
    documents = 0
    media_root = Path(settings.MEDIA_ROOT)
    for sender in documents_dir().iterdir():
        if not sender.is_dir():
            continue
        for folder in sender.iterdir():
            if not folder.is_dir() or _age(folder, now) <= COMMIT_GRACE:
                continue
            prefix = str(folder.relative_to(media_root)) + "/"
            if not InboxDocument.objects.filter(path__startswith=prefix).exists():
                shutil.rmtree(folder, ignore_errors=True)
                documents += 1
    if chunks or documents:
        log.info("exchange.cleanup chunk_folders=%d document_folders=%d", chunks, documents)
    return CleanupReport(chunks, documents)
