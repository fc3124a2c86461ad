"""Every audit action written anywhere in the code base has a label in the six languages'
catalogue source (issue 13 item 9: the audit view showed internal codes)."""

import ast
from pathlib import Path

from rogatory.apps.audit.display import change_lines
from rogatory.apps.audit.labels import AUDIT_ACTION_LABELS, audit_action_label

PACKAGE = Path(__file__).resolve().parents[3]


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _assigned(tree: ast.AST, name: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found |= _strings(node.value)
    return found


def audit_actions_in_code() -> set[str]:
    """The `action` of every audit_record(...) and Entry(...) call outside the tests."""
    actions: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ("audit_record", "Entry"):
                continue
            for kw in node.keywords:
                if kw.arg != "action":
                    continue
                if isinstance(kw.value, ast.Name):
                    actions |= _assigned(tree, kw.value.id)
                else:
                    actions |= _strings(kw.value)
    return {a for a in actions if "." in a}


def test_every_audit_action_in_the_code_has_a_label() -> None:
    found = audit_actions_in_code()
    assert {"case.open", "person.remove", "screening.reject"} <= found  # the walk works
    assert sorted(found - set(AUDIT_ACTION_LABELS)) == []


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert audit_action_label("person.add") == "Person added"
    assert audit_action_label("future.thing") == "future.thing"


def test_changes_read_as_lines_with_long_values_cut() -> None:
    lines = change_lines(
        {
            "title": {"from": "Bank records", "to": "Bank records of Borealis"},
            "names": ["Иван Петров", "Ivan Petrov"],
            "facts": "x" * 500,
            "sealed": True,
        }
    )
    assert lines[:2] == [
        ("title", "Bank records → Bank records of Borealis"),
        ("names", "Иван Петров, Ivan Petrov"),
    ]
    assert lines[2][0] == "facts"
    assert len(lines[2][1]) == 160
    assert lines[2][1].endswith("…")
    assert lines[3] == ("sealed", "✓")


def test_a_replaced_record_shows_only_what_changed() -> None:
    lines = change_lines(
        {
            "before": {"role": "suspect", "names": ["A"], "birth_date": ""},
            "after": {"role": "suspect", "names": ["B"], "birth_date": "1975"},
        }
    )
    assert lines == [("names", "A → B"), ("birth date", "— → 1975")]
