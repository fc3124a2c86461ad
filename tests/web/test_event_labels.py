"""Every kind of timeline line has a label (issue 15: lines ended in a bare colon or showed an
internal code): the kinds written anywhere in the code, and those built from the exchange's
evidence types and the communication kinds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rogatory.core.envelope.receipts import EvidenceType
from rogatory.core.wire.communication import CommunicationKind
from rogatory.web.templatetags.web_tags import event_label

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "rogatory"
_WRITERS = {"case_event_add", "CaseEvent", "create"}


def _literal_kinds() -> set[str]:
    """The ``kind="..."`` of every CaseEvent written outside the tests (literal ones)."""
    kinds: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "CaseEvent" not in source and "case_event_add" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name not in _WRITERS:
                continue
            for kw in node.keywords:
                if (
                    kw.arg == "kind"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    kinds.add(kw.value.value)
    return kinds


def _all_kinds() -> set[str]:
    evidences = {f"evidence_{t.value}".replace("-", "_") for t in EvidenceType}
    communications = {
        f"{side}_{k.value}" for side in ("sent", "received") for k in CommunicationKind
    }
    return _literal_kinds() | evidences | communications


def test_the_walk_finds_the_kinds_written_in_the_code() -> None:
    assert {"created", "transition", "message_received"} <= _literal_kinds()


@pytest.mark.parametrize("kind", sorted(_all_kinds()))
def test_every_timeline_kind_has_a_label(kind: str) -> None:
    label = event_label(kind)
    assert label
    assert label != kind
    assert not label.rstrip().endswith((":", "-", "—"))
    assert "_" not in label
