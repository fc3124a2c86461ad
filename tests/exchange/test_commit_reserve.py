"""Protocol R9 on the commit path (protocol.md §6.1): before a received message is assembled,
decrypted and stored, the free space is checked against the reserve (EXCHANGE_MIN_FREE_BYTES);
short of it, the commit is refused with the retryable 507 and nothing is written, and the same
commit succeeds once space returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from rogatory.apps.exchange.models import InboxMessage
from rogatory.apps.exchange.services import quota
from rogatory.apps.exchange.storage import documents_dir, incoming_dir
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


def test_a_commit_short_of_the_reserve_is_refused_and_writes_nothing(
    network: Network, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    # Given a message whose chunks all arrived while there was room
    settings.EXCHANGE_MIN_FREE_BYTES = 512 * MIB
    sealed = network.seal(documents=[b"%PDF-1.7 " + b"x" * 3000])
    assert set(network.upload(sealed)) == {201}
    chunks = _files(incoming_dir(sealed.header.message_id))
    stored_before = _files(documents_dir())
    # and then a disk with less free than the reserve plus the message
    free = {"bytes": 512 * MIB + 100}
    monkeypatch.setattr(quota, "free_bytes", lambda path: free["bytes"])
    # When the sender commits
    with caplog.at_level("WARNING", logger="rogatory.security"):
        reply = network.commit(sealed.header.message_id, sealed.header_jws)
    # Then the retryable refusal, no receipt, no inbox row, no document written, the chunks
    # kept for the retry
    assert reply.status_code == 507
    assert reply.json()["code"] == "exchange.storage_full"
    assert InboxMessage.objects.count() == 0
    assert _files(documents_dir()) == stored_before
    assert _files(incoming_dir(sealed.header.message_id)) == chunks
    assert any("exchange.storage_full" in r.getMessage() for r in caplog.records)
    # When space returns, the same commit is receipted and stored once.
    free["bytes"] = 4096 * MIB
    again = network.commit(sealed.header.message_id, sealed.header_jws)
    assert again.status_code == 201
    assert InboxMessage.objects.count() == 1


def test_the_reserve_counts_the_free_space_of_the_nearest_existing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []

    class Usage:
        free = 123

    def usage(path: Path) -> Usage:
        seen.append(path)
        return Usage()

    monkeypatch.setattr("shutil.disk_usage", usage)
    # Given a folder not made yet, then the filesystem asked about is its existing parent's.
    assert quota.free_bytes(tmp_path / "not" / "yet") == 123
    assert seen == [tmp_path]
