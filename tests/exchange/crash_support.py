"""Support for the sender-crash test (R2): a worker that says when it is ready, and checks.

``python -m tests.exchange.crash_support worker [ARGS]`` runs ``rogatory exchange worker ARGS``
in a node's environment, with two test-only additions:

* it creates the file named by ``ROGATORY_R2_READY_FILE`` once Django is set up, so a test
  can SIGKILL it at a random instant *while it works* rather than while it imports;
* ``ROGATORY_R2_CLAIM_LEASE_SECONDS`` shortens the outbox claim lease (5 minutes in
  ``services/outbox.py``, a constant with no setting). A SIGKILLed worker leaves its claimed
  rows in ``sending`` until the lease passes; with 5 minutes a test of 8-20 kills would mostly
  wait. Only the length changes: the recovery path (a lapsed claim is claimed again) is the
  product's.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.header import EnvelopeHeader, header_sha256
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import check_receipt_for, verify_receipt

__all__ = ["receipt_problems", "worker_main"]


def receipt_problems(rows: list[dict[str, Any]], jwks: list[dict[str, str]]) -> list[str]:
    """Ids of outbox rows whose receipt is not signed by ``jwks`` or not bound to the header."""
    bad = []
    for row in rows:
        try:
            receipt = verify_receipt(row["receipt_jws"], jwks=jwks, expected_issuer="xb-central")
            header = EnvelopeHeader.from_payload(
                parse_compact(row["header_jws"], typ="rogatory-envelope+jws").payload
            )
            check_receipt_for(receipt, header_jws=row["header_jws"], header=header)
        except EnvelopeError as exc:
            bad.append(f"{row['message_id']}: {type(exc).__name__} {exc}")
            continue
        if (receipt.message_id, receipt.header_sha256) != (
            row["message_id"],
            header_sha256(row["header_jws"]),
        ):
            bad.append(f"{row['message_id']}: receipt bound to another message")
    return bad


def worker_main(args: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    from rogatory.apps.exchange.services import outbox

    lease = os.environ.get("ROGATORY_R2_CLAIM_LEASE_SECONDS")
    if lease:
        if not isinstance(getattr(outbox, "CLAIM_LEASE", None), timedelta):
            raise SystemExit("outbox.CLAIM_LEASE is gone: update tests/exchange/crash_support.py")
        outbox.CLAIM_LEASE = timedelta(seconds=float(lease))
    ready = os.environ.get("ROGATORY_R2_READY_FILE")
    if ready:
        Path(ready).touch()
    execute_from_command_line(["rogatory", "exchange", "worker", *args])


if __name__ == "__main__":
    if sys.argv[1:2] != ["worker"]:
        raise SystemExit("usage: python -m tests.exchange.crash_support worker [ARGS]")
    worker_main(sys.argv[2:])
