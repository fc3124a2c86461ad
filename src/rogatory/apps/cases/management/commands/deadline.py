import re
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.core.deadlines import TIME_LIMITS, ComputedLimit, deadline_compute
from rogatory.core.errors import DomainError

# Only the calendar form: `date.fromisoformat` would also take week dates and "20250301".
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(text: str) -> date:
    try:
        if _ISO_DATE.fullmatch(text) is None:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError("field.invalid_date", value=text, field="--from") from None


def _as_data(result: ComputedLimit) -> dict[str, Any]:
    limit = result.limit
    return {
        "rule": limit.code,
        "from": result.start.isoformat(),
        "due": result.due.isoformat(),
        "act_by": result.act_by.isoformat(),
        "days": result.days,
        "extended": result.extended,
        "source": result.source,
        "counting": limit.counting.value,
        "trigger": limit.trigger.value,
        "side": limit.side.value,
        "state": result.calendar.state,
        "working_days": result.calendar.label,
    }


def _as_text(d: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"{d['rule']}: {d['days']} days from {d['trigger']} on {d['from']} ({d['source']})",
            f"  due     {d['due']}",
            f"  act by  {d['act_by']}",
            f"  counting {d['counting']}; working days: {d['working_days']}",
        ]
    )


class Command(RogatoryBaseCommand):
    # Counts a time limit from the law's rules alone: no register is read (pure).
    uses_register = False
    help = (
        "Legal time limits: `deadline compute RULE --from YYYY-MM-DD [--state ISO2] "
        "[--extended]` computes one; `deadline rules` lists every rule with its source."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["compute", "rules"])
        parser.add_argument("rule", nargs="?", help="rule code, e.g. ece-provisional-arrest")
        parser.add_argument("--from", dest="start", help="date of the triggering event")
        parser.add_argument("--state", help="ISO 3166-1 alpha-2 code for public holidays")
        parser.add_argument("--extended", action="store_true", help="apply the extension")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rules":
            self._rules(options)
            return
        if not options["rule"] or not options["start"]:
            raise CommandError("usage: deadline compute RULE --from YYYY-MM-DD")
        result = deadline_compute(
            rule=options["rule"],
            start=_parse_date(options["start"]),
            state=options["state"],
            extended=options["extended"],
        )
        data = _as_data(result)
        self.emit(options, data, _as_text(data))

    def _rules(self, options: dict[str, Any]) -> None:
        data = [
            {
                "rule": t.code,
                "days": t.days,
                "extended_days": t.extended_days,
                "trigger": t.trigger.value,
                "counting": t.counting.value,
                "side": t.side.value,
                "source": t.source,
                "extension_source": t.extension_source,
            }
            for t in TIME_LIMITS
        ]
        lines = [
            f"{d['rule']:<28} {d['days']:>3} days"
            f"{'' if d['extended_days'] is None else f' (max {d["extended_days"]})':<10} "
            f"from {d['trigger']:<21} {d['counting']:<17} {d['source']}"
            + ("" if d["extension_source"] in (None, d["source"]) else f"; {d['extension_source']}")
            for d in data
        ]
        self.emit(options, data, "\n".join(lines))
