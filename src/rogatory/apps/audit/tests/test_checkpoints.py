"""Checkpoints are signed every 60 s or 1,000 events, cover exactly the chain, extend each
other, and are what receipts quote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from rogatory.apps.audit.models import AuditCheckpoint, AuditCosignature, AuditEvent, AuditHead
from rogatory.apps.audit.services import (
    NodeSigner,
    audit_checkpoint_make,
    audit_consistency_proof,
    audit_verify_report,
    latest_audit_checkpoint,
)
from rogatory.core.audit.checkpoint import (
    CosignatureVerifier,
    cosign,
    parse_note,
    verified_by,
    verify_checkpoint,
    witness_name,
)
from rogatory.core.audit.merkle import leaf_hash, root_hash, verify_consistency
from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _recomputed_root(size: int) -> bytes:
    hashes = AuditEvent.objects.filter(seq__lte=size).order_by("seq").values_list("hash", flat=True)
    return root_hash(leaf_hash(bytes.fromhex(h)) for h in hashes)


def test_a_node_without_keys_makes_no_checkpoint(append_events: Callable[..., None]) -> None:
    # given events on a plain web node (no exchange keys)
    append_events(1500)
    # when a checkpoint is due
    made = audit_checkpoint_make()
    # then none is made, and receipts have nothing to quote
    assert made is None
    assert AuditCheckpoint.objects.count() == 0
    with pytest.raises(DomainError) as err:
        latest_audit_checkpoint()
    assert err.value.code == "audit.checkpoint_missing"


def test_the_first_checkpoint_covers_the_chain_and_is_signed_by_the_node_key(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given 250 events
    append_events(250)
    # when the first checkpoint is made
    row = audit_checkpoint_make()
    # then it covers all of them, with the root of their chain hashes, signed by B
    assert row is not None
    assert row.tree_size == 250
    assert row.root_hash == _recomputed_root(250).hex()
    signed = verify_checkpoint(row.note, [node_b.key.public_key()])
    assert (signed.origin, signed.size, signed.root.hex()) == (
        "rogatory.node/xb-central",
        250,
        row.root_hash,
    )


def test_a_checkpoint_is_made_after_1000_events_or_60_seconds_and_not_before(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a checkpoint at 10 events
    start = timezone.now()
    append_events(10)
    assert audit_checkpoint_make(now=start) is not None
    # when 999 more events come within the minute, nothing is due
    append_events(999)
    assert audit_checkpoint_make(now=start + timedelta(seconds=59)) is None
    # then the 1,000th event since makes one
    append_events(1)
    made = audit_checkpoint_make(now=start + timedelta(seconds=59))
    assert made is not None
    assert made.tree_size == 1010
    # and after 60 s a single new event is enough
    append_events(1)
    assert audit_checkpoint_make(now=start + timedelta(seconds=118)) is None
    made = audit_checkpoint_make(now=start + timedelta(seconds=119))
    assert made is not None
    assert made.tree_size == 1011
    # but with no new event nothing is signed however long it has been
    assert audit_checkpoint_make(now=start + timedelta(hours=1)) is None
    assert list(AuditCheckpoint.objects.values_list("tree_size", flat=True)) == [1011, 1010, 10]


def test_successive_checkpoints_are_provably_consistent(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given checkpoints at 300, 1,300 and 1,301 events
    sizes = []
    for n in (300, 1000, 1):
        append_events(n)
        row = audit_checkpoint_make(force=True)
        assert row is not None
        sizes.append(row)
    first, second, third = sizes
    # when proofs are made from each earlier size (stored) and from an unstored size
    for old, new in [(first, second), (first, third), (second, third)]:
        proof = audit_consistency_proof(old.tree_size, new)
        # then each verifies between the two signed roots
        assert verify_consistency(
            old.tree_size,
            new.tree_size,
            bytes.fromhex(old.root_hash),
            bytes.fromhex(new.root_hash),
            proof,
        )
    proof = audit_consistency_proof(17, third)
    assert verify_consistency(17, 1301, _recomputed_root(17), bytes.fromhex(third.root_hash), proof)


def test_a_tampered_stored_range_is_not_extended(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a checkpoint whose (unsigned) compact range was altered in the database
    append_events(5)
    row = audit_checkpoint_make()
    assert row is not None
    AuditCheckpoint.objects.filter(pk=row.pk).update(
        compact_range=row.compact_range[:-8] + "AAAAAAA="
    )
    append_events(1)
    # when the next checkpoint is due, then it is refused rather than signed over a bad base
    with pytest.raises(DomainError) as err:
        audit_checkpoint_make(force=True)
    assert (err.value.code, err.value.params) == ("audit.checkpoint_broken", {"tree_size": 5})


def test_receipts_quote_the_latest_checkpoint_with_its_cosignatures(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a checkpoint cosigned by witness A
    append_events(40)
    row = audit_checkpoint_make()
    assert row is not None
    witness = NodeKeys.generate().signing
    line = cosign(
        parse_note(row.note).body, name=witness_name("xa-central"), key=witness, timestamp=7
    )
    AuditCosignature.objects.create(
        checkpoint=row,
        witness_node="xa-central",
        signature=line.line().rstrip("\n"),
        received_at=timezone.now(),
    )
    # when a receipt asks what to quote
    quoted = latest_audit_checkpoint()
    # then it is the signed checkpoint, with A's cosignature, within the receipt's limit
    assert verify_checkpoint(quoted, [node_b.key.public_key()]).size == 40
    verifier = CosignatureVerifier(witness_name("xa-central"), witness.public_key())
    assert verified_by(parse_note(quoted), [verifier]) == [verifier]
    assert quoted.startswith(row.note)
    assert len(quoted) <= 4096


def test_receipts_quote_a_fresh_checkpoint_when_one_is_due(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a checkpoint and then 1,000 more events, with no worker running
    append_events(3)
    audit_checkpoint_make()
    append_events(1000)
    # when a receipt asks, then the checkpoint it quotes covers the new events
    assert verify_checkpoint(latest_audit_checkpoint(), [node_b.key.public_key()]).size == 1003


def test_verify_checks_every_checkpoint_and_the_command_reports_them(
    node_b: NodeSigner, append_events: Callable[..., None], capsys: Any
) -> None:
    for n in (10, 20, 30):
        append_events(n)
        audit_checkpoint_make(force=True)
    report = audit_verify_report()
    assert (report.events, report.fault, report.checkpoints, report.checkpoint_fault) == (
        60,
        None,
        3,
        None,
    )
    call_command("audit", "verify")
    assert capsys.readouterr().out == "audit chain intact: 60 events\ncheckpoints verified: 3\n"


def test_a_checkpoint_signed_by_another_key_is_reported(
    node_b: NodeSigner, append_events: Callable[..., None], capsys: Any
) -> None:
    # given a second checkpoint whose note was re-signed by a key this node never had
    append_events(10)
    audit_checkpoint_make(force=True)
    append_events(10)
    impostor = NodeSigner("xb-central", NodeKeys.generate().signing)
    audit_checkpoint_make(force=True, signer=impostor)
    # when the log is verified, then that checkpoint is the first bad one
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify")
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "audit chain intact: 20 events" in out
    assert (
        "audit checkpoint BAD at tree size 20: signature does not verify "
        "(note.no_trusted_signature)"
    ) in out


def test_a_truncated_and_rehashed_log_leaves_a_checkpoint_beyond_its_end(
    node_b: NodeSigner, append_events: Callable[..., None]
) -> None:
    # given a checkpoint at 30 events, then the last 5 deleted and the head moved back to 25
    append_events(30)
    audit_checkpoint_make()
    AuditEvent.objects.filter(seq__gt=25).delete()
    last = AuditEvent.objects.get(seq=25)
    AuditHead.objects.filter(id=1).update(seq=25, hash=last.hash)
    # when verified: the chain itself is intact, the checkpoint is not
    report = audit_verify_report()
    assert report.fault is None
    assert report.checkpoint_fault is not None
    assert (report.checkpoint_fault.tree_size, report.checkpoint_fault.problem) == (
        30,
        "beyond the end of the log",
    )


def test_the_checkpoint_command_signs_one_now(
    node_b: NodeSigner, append_events: Callable[..., None], capsys: Any
) -> None:
    append_events(7)
    call_command("audit", "checkpoint")
    assert capsys.readouterr().out == "checkpoint signed at tree size 7\n"
    call_command("audit", "checkpoint", "--json")
    assert capsys.readouterr().out == '{"made": false}\n'
