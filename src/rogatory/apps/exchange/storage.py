"""Where exchange files live: sealed parts to send, received chunks, decrypted documents."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def outbox_dir() -> Path:
    return _dir(Path(settings.DATA_DIR) / "exchange" / "outbox")


def incoming_dir(message_id: str) -> Path:
    """Chunks of a message being received (not visible to users before commit)."""
    return Path(settings.DATA_DIR) / "exchange" / "incoming" / message_id


def documents_dir() -> Path:
    return _dir(Path(settings.MEDIA_ROOT) / "exchange")


def fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
