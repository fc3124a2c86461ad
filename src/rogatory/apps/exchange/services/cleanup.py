"""Removing what an interrupted transfer or commit left on disk (nothing a user can reach).

* Chunks of a message that was never committed: a sender gives up after 72 h and a header
  expires after 7 days (``DEFAULT_TTL``), so chunks untouched for longer than the header's
  lifetime can never be committed; chunks of a message that is stored (the receiver crashed
  between its commit and removing them) are not needed either.
* Decrypted documents of a commit that crashed before its transaction: a folder under the
  documents directory that no inbox document points to.

Both are kept for ``grace`` after their last change, so a transfer or commit still running is
never touched. The worker runs this about once an hour.
"""

from __future__ import annotations

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


def exchange_cleanup(*, now: datetime | None = None) -> CleanupReport:
    now = now or timezone.now()
    chunks = 0
    root = incoming_dir("x").parent
    if root.is_dir():
        for folder in root.iterdir():
            stored = InboxMessage.objects.filter(message_id=folder.name).exists()
            if (stored and _age(folder, now) > COMMIT_GRACE) or _age(folder, now) > DEFAULT_TTL:
                shutil.rmtree(folder, ignore_errors=True)
                chunks += 1
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
