"""The receiving side of a batched commit (``federation.batch``): many small messages at once.

Each message is judged exactly as :func:`~rogatory.apps.exchange.services.inbox.message_commit`
judges a commit of that message alone, and gets the same answer; what a batch shares is the
work around them: one dedup query, one filesystem sync for all decrypted documents, and one
database transaction (one WAL flush) for all inbox rows, documents and receipts. If another
commit stores one of the batch's messages first, the transaction is rolled back and the
messages are committed one by one, so each gets what was stored for it.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from django.db import IntegrityError as DbIntegrityError
from django.utils import timezone

from rogatory.apps.exchange.models import InboxMessage
from rogatory.apps.exchange.services.inbox import (
    STORED_ANSWER_FIELDS,
    CommitOutcome,
    OpenedCommit,
    accept_commit,
    accept_commits,
    open_commit,
    refusal,
    stored_answer,
    sync_opened,
    verify_commit,
)
from rogatory.apps.exchange.services.keys import LoadedIdentity, node_identity
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.apps.exchange.storage import documents_dir
from rogatory.core.envelope.registry import NodeRegistry
from rogatory.core.errors import DomainError
from rogatory.federation.batch import InlineMessage

__all__ = ["messages_commit_batch"]

log = logging.getLogger("rogatory.exchange")


def _stored_answers(messages: Sequence[InlineMessage]) -> dict[tuple[str, str], CommitOutcome]:
    """What is already stored for these message ids, keyed by (sender, message id)."""
    rows = InboxMessage.objects.filter(message_id__in=[m.message_id for m in messages]).only(
        "sender_node", "message_id", *STORED_ANSWER_FIELDS
    )
    return {(row.sender_node, row.message_id): stored_answer(row) for row in rows}


def messages_commit_batch(
    *, messages: Sequence[InlineMessage], now: datetime | None = None, peer: str | None = None
) -> list[CommitOutcome]:
    """Commit each inline message; the answers in the order of ``messages``.

    ``peer``: the node mutual TLS authenticated (see ``inbox.verify_commit``).
    """
    now = now or timezone.now()
    try:
        identity = node_identity()
        registry = current_registry(now=now)
    except DomainError as exc:
        return [refusal(exc.code, dict(exc.params)) for _ in messages]
    stored = _stored_answers(messages)
    answers: dict[int, CommitOutcome] = {}
    opened: list[tuple[int, OpenedCommit]] = []
    # One folder per sender for the batch's documents: one directory entry, not one each.
    folders: dict[str, Path] = {}
    for index, message in enumerate(messages):
        verified = verify_commit(
            message_id=message.message_id,
            header_jws=message.header_jws.encode("ascii"),
            identity=identity,
            registry=registry,
            now=now,
            stored=stored,
            peer=peer,
        )
        if isinstance(verified, CommitOutcome):
            answers[index] = verified
            continue
        sender = verified.header.sender
        if sender not in folders:
            folders[sender] = documents_dir() / sender / f"batch-{uuid.uuid4().hex}"
            folders[sender].mkdir(parents=True)
        result = open_commit(
            verified,
            parts=list(message.parts),
            identity=identity,
            registry=registry,
            now=now,
            shared_output=folders[sender],
        )
        if isinstance(result, CommitOutcome):
            answers[index] = result
            continue
        opened.append((index, result))
    if opened:
        answers.update(_accept(opened, identity=identity, registry=registry, now=now))
    for folder in folders.values():
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if every message in it was refused
    return [answers[index] for index in range(len(messages))]


def _accept(
    opened: list[tuple[int, OpenedCommit]],
    *,
    identity: LoadedIdentity,
    registry: NodeRegistry,
    now: datetime,
) -> list[tuple[int, CommitOutcome]]:
    commits = [c for _, c in opened]
    try:
        sync_opened(commits)
        receipts = accept_commits(commits, identity=identity, registry=registry, now=now)
    except DbIntegrityError:
        # Another commit stored one of these first: fall back to one transaction per message.
        log.info("exchange.batch_conflict messages=%d", len(commits))
        return [
            (i, accept_commit(c, identity=identity, registry=registry, now=now)) for i, c in opened
        ]
    except BaseException:
        for commit in commits:
            commit.discard()
        raise
    return [
        (i, CommitOutcome(201, "application/jose", token.encode("ascii")))
        for (i, _), token in zip(opened, receipts, strict=True)
    ]
