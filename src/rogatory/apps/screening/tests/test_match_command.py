import io
import json
from pathlib import Path
from typing import Any

from django.core.management import call_command

A = {"names": ["Иван Петров"], "birth_date": "1975-03-14", "nationalities": ["XB"]}
B = {"names": ["Ivan Petrov"], "birth_date": "1975-03-14", "nationalities": ["XB"]}
C = {"names": ["Maria Sokolova"], "birth_date": "1990"}


def _run(monkeypatch: Any, args: list[str], stdin: str) -> list[dict[str, Any]]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("match", *args, stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_score_answers_each_pair_in_order_and_reports_bad_lines(monkeypatch: Any) -> None:
    # given two pairs around a malformed line
    stdin = "\n".join([json.dumps({"a": A, "b": B}), "{oops", json.dumps({"a": A, "b": C})])
    # when they are scored
    rows = _run(monkeypatch, ["score"], stdin)
    # then the answers keep the order and the bad line names its number
    assert len(rows) == 3
    assert rows[0]["match"] is True
    assert rows[0]["explanation"]
    assert rows[1]["line"] == 2
    assert "error" in rows[1]
    assert rows[2]["match"] is False


def test_screen_finds_the_person_in_a_built_index(monkeypatch: Any, tmp_path: Path) -> None:
    source = tmp_path / "persons.jsonl"
    source.write_text(
        "\n".join(json.dumps({**p, "id": pid}) for pid, p in (("p1", B), ("p2", C))),
        encoding="utf-8",
    )
    call_command(
        "match",
        "index",
        "build",
        "--from",
        str(source),
        "--out",
        str(tmp_path / "idx"),
        stderr=io.StringIO(),
    )
    rows = _run(monkeypatch, ["screen", "--index", str(tmp_path / "idx")], json.dumps(A))
    assert rows[0]["candidates"][0]["id"] == "p1"
    assert rows[0]["candidates"][0]["match"] is True
