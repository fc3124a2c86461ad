"""Translation catalogues: `update` runs makemessages; `check` fails when they are stale or
when any entry is untranslated or fuzzy in any of the five non-English UN languages."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "rogatory"
LOCALES = ["ar", "es", "fr", "ru", "zh_Hans"]
BIN = Path(sys.executable).parent


def _makemessages() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rogatory.settings.test"}
    args = [str(BIN / "django-admin"), "makemessages", "--no-location", "--no-obsolete"]
    args += [f"--locale={loc}" for loc in LOCALES]
    args += ["--ignore=tests/*", "--ignore=*/tests/*", "--ignore=migrations/*", "-v", "0"]
    subprocess.run(args, cwd=PKG, env=env, check=True)  # noqa: S603


def _entries(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", text)


def check() -> int:
    problems: list[str] = []
    locale = PKG / "locale"
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "locale"
        if locale.exists():
            shutil.copytree(locale, backup)
        try:
            _makemessages()
            for loc in LOCALES:
                po = locale / loc / "LC_MESSAGES" / "django.po"
                old = backup / loc / "LC_MESSAGES" / "django.po"
                if not old.exists() or _entries(po) != _entries(old):
                    problems.append(f"{loc}: catalogue is stale (run `make messages`)")
        finally:
            if locale.exists():
                shutil.rmtree(locale)
            if backup.exists():
                shutil.copytree(backup, locale)
    for loc in LOCALES:
        po = locale / loc / "LC_MESSAGES" / "django.po"
        if not po.exists():
            problems.append(f"{loc}: no catalogue")
            continue
        stats = subprocess.run(  # noqa: S603
            ["msgfmt", "--statistics", "-o", os.devnull, str(po)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stderr
        if "untranslated" in stats or "fuzzy" in stats:
            problems.append(f"{loc}: {stats.strip()}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        _makemessages()
        sys.exit(0)
    sys.exit(check())
