"""CLI entry points: JSON lines in and out, error lines, index build and screening."""

import io
import json
from pathlib import Path

from rogatory.core.matching.cli import DEFAULT_THRESHOLD, build_index, score_stream, screen_stream


def run_score(lines: list[str]) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    errors = score_stream(lines, out, threshold=DEFAULT_THRESHOLD)
    return errors, [json.loads(line) for line in out.getvalue().splitlines()]


def test_score_stream_writes_one_result_per_pair_in_order() -> None:
    # given
    lines = [
        json.dumps({"a": {"names": ["王伟"]}, "b": {"names": ["Wang Wei"]}}),
        json.dumps({"a": {"names": ["Olaf Scholz"]}, "b": {"names": ["Angela Merkel"]}}),
    ]

    # when
    errors, results = run_score(lines)

    # then
    assert errors == 0
    assert [r["match"] for r in results] == [True, False]
    assert set(results[0]) == {"score", "match", "explanation"}


def test_bad_lines_yield_error_objects_and_processing_continues() -> None:
    # given
    lines = [
        "not json",
        json.dumps({"a": {"names": ["A"]}}),
        json.dumps({"a": {"names": ["A"], "birth_date": "May 1970"}, "b": {"names": ["A"]}}),
        json.dumps([1, 2]),
        "",
        json.dumps({"a": {"names": ["Ali"]}, "b": {"names": ["Ali"]}}),
    ]

    # when
    errors, results = run_score(lines)

    # then
    assert errors == 4
    assert [r.get("line") for r in results] == [1, 2, 3, 4, None]
    assert str(results[1]["error"]).startswith("b:")
    assert str(results[2]["error"]).startswith("a.birth_date")
    assert results[4]["match"] is True


def test_build_then_screen_returns_top_candidates(tmp_path: Path) -> None:
    # given
    source = tmp_path / "persons.jsonl"
    records = [
        {"id": "p1", "names": ["Mohammed Hassan"], "birth_date": "1970"},
        {"id": "p2", "names": ["Vladimir Putin"]},
        {"names": ["Nameless Line"]},
    ]
    source.write_text("\n".join([*map(json.dumps, records), "{broken"]) + "\n", "utf-8")

    # when
    stats = build_index(source, tmp_path / "idx")
    out = io.StringIO()
    errors = screen_stream(
        [json.dumps({"id": "q", "names": ["Владимир Путин"]}), "nope"],
        out,
        index_dir=tmp_path / "idx",
        top=1,
        threshold=DEFAULT_THRESHOLD,
    )

    # then
    assert (stats["persons"], stats["skipped"]) == (3, 1)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert errors == 1
    assert results[0]["query"] == "q"
    assert [c["id"] for c in results[0]["candidates"]] == ["p2"]
    assert results[0]["candidates"][0]["match"] is True
    assert "explanation" in results[0]["candidates"][0]
    assert results[1] == {"line": 2, "error": "invalid JSON: Expecting value at column 1"}


def test_screen_with_worker_processes_writes_the_same_lines(tmp_path: Path) -> None:
    # given
    source = tmp_path / "persons.jsonl"
    names = ["Mohammed Hassan", "Mohamed Hasan", "Muhammad Hassan Ali", "Vladimir Putin"]
    source.write_text(
        "".join(json.dumps({"id": f"p{i}", "names": [n]}) + "\n" for i, n in enumerate(names)),
        "utf-8",
    )
    build_index(source, tmp_path / "idx")
    queries = [json.dumps({"id": "q", "names": ["محمد حسن"]}), "{broken"]

    # when
    outputs = []
    for workers in (0, 1):
        out = io.StringIO()
        screen_stream(
            queries,
            out,
            index_dir=tmp_path / "idx",
            top=3,
            threshold=DEFAULT_THRESHOLD,
            workers=workers,
        )
        outputs.append(out.getvalue())

    # then
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[1].splitlines()[0])["candidates"]) == 3
