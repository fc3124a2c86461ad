"""`rogatory <command>` runs any management command (same as `python -m rogatory`)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rogatory.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rogatory", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
