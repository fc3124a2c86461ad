"""`rogatory deadline`: computing a legal time limit from the command line."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command


def run(*args: str) -> subprocess.CompletedProcess[str]:
    # The real console entry point: exit codes and stderr are what an operator sees.
    return subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "rogatory", "deadline", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "rogatory.settings.test", "PATH": ""},
    )


def compute_json(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("deadline", "compute", *args, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert isinstance(data, dict)
    return data


def test_json_gives_due_act_by_source_and_counting() -> None:
    # when the 18 days of ETS 24 art. 16(4) run from an arrest on 26 June 2026 in France
    data = compute_json("ece-provisional-arrest", "--from", "2026-06-26", "--state", "FR")
    # then custody ends on 14 July (a holiday), so the authority acts by Monday 13 July
    assert data == {
        "rule": "ece-provisional-arrest",
        "from": "2026-06-26",
        "due": "2026-07-14",
        "act_by": "2026-07-13",
        "days": 18,
        "extended": False,
        "source": "ETS 24 art. 16(4)",
        "counting": "keep-last-day",
        "trigger": "arrest",
        "side": "both",
        "state": "FR",
        "working_days": "FR",
    }


def test_extended_names_the_extending_article() -> None:
    data = compute_json("eaw-decision", "--from", "2026-01-01", "--extended")
    assert (data["due"], data["act_by"], data["days"], data["source"]) == (
        "2026-04-01",
        "2026-04-01",
        90,
        "FD 2002/584 art. 17(3), extended: art. 17(4)",
    )


def test_human_output_shows_due_act_by_and_the_article() -> None:
    out = io.StringIO()
    call_command("deadline", "compute", "eio-recognition", "--from", "2026-02-05", stdout=out)
    assert out.getvalue().splitlines() == [
        "eio-recognition: 30 days from receipt on 2026-02-05 (Dir. 2014/41 art. 12(3))",
        "  due     2026-03-09",
        "  act by  2026-03-09",
        "  counting next-working-day; working days: weekends only",
    ]


def test_rules_lists_every_rule_with_its_source() -> None:
    out = io.StringIO()
    call_command("deadline", "rules", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["rule"], r["source"]) for r in rows] == [
        ("ece-provisional-arrest", "ETS 24 art. 16(4)"),
        ("ece-surrender", "ETS 24 art. 18(4)"),
        ("eaw-decision", "FD 2002/584 art. 17(3)"),
        ("eaw-decision-consent", "FD 2002/584 art. 17(2)"),
        ("eaw-surrender", "FD 2002/584 art. 23(2)"),
        ("eio-recognition", "Dir. 2014/41 art. 12(3)"),
        ("eio-execution", "Dir. 2014/41 art. 12(4)"),
        ("preservation", "ETS 185 art. 29(7)"),
        ("un-model-provisional-arrest", "UN Model Treaty on Extradition art. 9(4)"),
    ]
    text = io.StringIO()
    call_command("deadline", "rules", stdout=text)
    assert len(text.getvalue().splitlines()) == len(rows)
    assert "Reg. 2023/1543 art. 11(1)" in text.getvalue()


def test_the_console_command_exits_zero_with_json() -> None:
    result = run("compute", "eaw-surrender", "--from", "2026-12-22", "--state", "DE", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["due"], data["act_by"]) == ("2027-01-01", "2026-12-31")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["compute", "ece-19-days", "--from", "2026-01-01"],
            "CommandError: deadline.unknown_rule: ece-19-days is not a known time-limit rule.",
        ),
        (
            ["compute", "eaw-decision", "--from", "2025-02-29"],
            "CommandError: field.invalid_date: 2025-02-29 is not a valid date; "
            "use YYYY-MM-DD (--from).",
        ),
        (
            ["compute", "eaw-decision", "--from", "2026-01-01", "--state", "QQ"],
            "CommandError: deadline.unknown_state: QQ is not a State with a known holiday "
            "calendar.",
        ),
        (
            ["compute", "eaw-surrender", "--from", "2026-01-01", "--extended"],
            "CommandError: deadline.no_extension: The time limit eaw-surrender cannot be extended.",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_and_no_traceback(
    args: list[str], message: str
) -> None:
    result = run(*args)
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (1, "", [message])


def test_a_week_date_is_not_taken_for_a_calendar_date() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"field\.invalid_date"):
        call_command("deadline", "compute", "eaw-decision", "--from", "2026-W01-1")
