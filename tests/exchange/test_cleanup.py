"""Removing what interrupted transfers and commits left on disk, and nothing else."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from rogatory.apps.exchange.models import InboxDocument
from rogatory.apps.exchange.services.cleanup import exchange_cleanup
from rogatory.apps.exchange.storage import documents_dir, incoming_dir
from rogatory.core.envelope.fields import new_uuid7
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db


def _aged(path: Path, age: timedelta) -> Path:
    moment = (datetime.now(UTC) - age).timestamp()
    for item in (*path.rglob("*"), path):
        os.utime(item, (moment, moment))
    return path


def _chunks(message_id: str, age: timedelta) -> Path:
    folder = incoming_dir(message_id)
    folder.mkdir(parents=True)
    (folder / "0.0").write_bytes(b"chunk")
    return _aged(folder, age)


def test_chunks_that_can_never_be_committed_are_removed_and_running_transfers_kept(
    network: Network,
) -> None:
    # given chunks untouched for 8 days, chunks of a transfer still going, and the leftover
    # chunks of a message already stored (the receiver crashed before removing them)
    abandoned = _chunks(new_uuid7(), timedelta(days=8))
    running = _chunks(new_uuid7(), timedelta(minutes=5))
    sealed = network.seal()
    assert network.send(sealed).status_code == 201
    leftover = _chunks(sealed.header.message_id, timedelta(hours=2))
    # when the cleanup runs
    report = exchange_cleanup()
    # then the abandoned and the leftover chunks are gone, the running transfer is untouched
    assert (abandoned.exists(), running.exists(), leftover.exists()) == (False, True, False)
    assert report.chunk_folders == 2


def test_documents_of_a_crashed_commit_are_removed_and_received_ones_kept(
    network: Network,
) -> None:
    # given a received message's documents and a folder a crashed commit left two hours ago
    assert network.send(network.seal(documents=[b"%PDF kept"])).status_code == 201
    kept = Path(settings.MEDIA_ROOT) / InboxDocument.objects.get().path
    crashed = documents_dir() / "xa-central" / f"{new_uuid7()}.abcdef"
    crashed.mkdir(parents=True)
    (crashed / "x.1").write_bytes(b"orphan")
    _aged(crashed, timedelta(hours=2))
    _aged(kept.parent, timedelta(hours=2))
    # when the cleanup runs
    report = exchange_cleanup()
    # then only the orphan folder is removed
    assert (crashed.exists(), kept.read_bytes()) == (False, b"%PDF kept")
    assert report.document_folders == 1


def test_a_crashed_upload_leaves_no_reservation_against_the_quota(network: Network) -> None:
    # given a running transfer holding a temporary chunk file two hours old (its upload
    # crashed) and a fresh one, and a half-made message folder of a crashed first upload
    running = _chunks(new_uuid7(), timedelta(minutes=5))
    stale = running / ".0.1.abc.tmp"
    stale.write_bytes(b"\0" * 10)
    _aged(stale, timedelta(hours=2))
    fresh = running / ".0.2.def.tmp"
    fresh.write_bytes(b"\0" * 10)
    staging = _aged(_chunks(".new-0123", timedelta(hours=2)), timedelta(hours=2))
    # when the cleanup runs
    exchange_cleanup()
    # then the stale reservation and the half-made folder are gone, the rest is kept
    assert sorted(p.name for p in running.iterdir()) == [".0.2.def.tmp", "0.0"]
    assert not staging.exists()
