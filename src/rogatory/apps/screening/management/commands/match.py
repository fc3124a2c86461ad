import sys
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from rogatory.core.matching.cli import DEFAULT_THRESHOLD, build_index, score_stream, screen_stream


class Command(BaseCommand):
    help = (
        "Person matching on JSON lines: `match score` (pairs on stdin), "
        "`match screen --index DIR` (persons on stdin), "
        "`match index build --from FILE.jsonl --out DIR`. See docs/matching.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["score", "screen", "index"])
        parser.add_argument("subaction", nargs="?", choices=["build"])
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        parser.add_argument("--index", type=Path, help="index directory (screen)")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="extra processes that share the scoring of each query (screen)",
        )
        parser.add_argument("--from", dest="source", type=Path, help="PERSON JSON lines (build)")
        parser.add_argument("--out", type=Path, help="index directory to write (build)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "score":
            errors = score_stream(
                sys.stdin, cast(TextIO, self.stdout), threshold=options["threshold"]
            )
        elif action == "screen":
            if options["index"] is None:
                self.stderr.write("match screen needs --index DIR")
                raise SystemExit(2)
            errors = screen_stream(
                sys.stdin,
                cast(TextIO, self.stdout),
                index_dir=options["index"],
                top=options["top"],
                threshold=options["threshold"],
                workers=options["workers"],
            )
        else:
            if options["subaction"] != "build" or not options["source"] or not options["out"]:
                self.stderr.write("usage: match index build --from FILE.jsonl --out DIR")
                raise SystemExit(2)
            stats = build_index(options["source"], options["out"])
            self.stderr.write(f"indexed {stats['persons']} persons, skipped {stats['skipped']}")
            errors = 0
        # Bad lines are answered in the output, in place; the run itself never fails on them.
        if errors:
            self.stderr.write(f"{errors} input line(s) had errors (see the error lines)")
