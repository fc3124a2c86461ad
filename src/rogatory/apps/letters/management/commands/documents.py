"""`rogatory documents letter REFERENCE --lang LL --format pdf|docx --out FILE`: the letter of
request of a case, byte for byte the file the case page downloads for the same case version."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.letters.languages import parse_format, parse_language
from rogatory.apps.letters.selectors import letter_for_reference


class Command(RogatoryBaseCommand):
    help = (
        "Formal documents: `documents letter REFERENCE --lang ar|en|es|fr|ru|zh "
        "--format pdf|docx --out FILE` writes the letter of request of a case."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["letter"])
        parser.add_argument("reference", help="our reference of the case, e.g. XA/MLA/2026/000001")
        parser.add_argument("--lang", default="en", help="ar, en, es, fr, ru or zh")
        parser.add_argument("--format", dest="fmt", default="pdf", help="pdf or docx")
        parser.add_argument("--out", required=True, help="file to write ('-' for stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        letter = letter_for_reference(
            reference=options["reference"],
            language=parse_language(options["lang"]),
            fmt=parse_format(options["fmt"]),
        )
        out = options["out"]
        if out == "-":
            sys.stdout.buffer.write(letter.content)
            return
        try:
            Path(out).write_bytes(letter.content)
        except OSError as err:
            raise CommandError(f"cannot write {out}: {err.strerror}") from None
        data = {
            "reference": letter.case.our_reference,
            "language": letter.language.value,
            "format": letter.format.value,
            "out": out,
            "bytes": len(letter.content),
            "sha256": letter.sha256,
        }
        self.emit(options, data, f"{out}: {len(letter.content)} bytes, sha256 {letter.sha256}")
