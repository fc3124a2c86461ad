"""Letter of request rendering time: a five-page letter as PDF/A-2b and DOCX, in EN, AR and ZH.

Usage: .venv/bin/python benchmarks/documents.py [--runs 20] [--languages en,ar,zh]

Builds one outgoing MLA request in a fresh in-memory SQLite database (enough facts, persons,
offences and measures for five A4 pages), then times what the case page's download does
(`rogatory.apps.letters.selectors.letter_render`: read the wire snapshot, build the letter in
the language, render) N times per language and format, after one warm-up rendering (which
loads fontconfig and parses the stylesheet once per process). Prints progress on stderr and
one JSON object last: p50/p95 wall-clock and CPU milliseconds per language and format, the
load average while it ran, and the page count.
Goal (issue 17): p95 < 1000 ms for PDF.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rogatory.settings.test")
os.environ.pop("DATABASE_URL", None)

FACT = (
    "On {day} March 2025 the accused transferred {amount} from the account of Borealis Trading "
    "at the Bank of XB to an account held by a shell company registered in XC, and the same "
    "day instructed the bank by e-mail to close the account. The transfer followed the "
    "deposit of the proceeds of the fraud described above, in cash, at three branches."
)
PEOPLE = [
    ("سمير الحداد", "Samir al-Haddad"),
    ("王小明", "Wang Xiaoming"),
    ("Иван Петров", "Ivan Petrov"),
    ("Amina Diallo", "Amina Diallo"),
    ("José García Pérez", "Jose Garcia Perez"),
    ("ليلى منصور", "Layla Mansour"),
    ("李娜", "Li Na"),
    ("Ольга Смирнова", "Olga Smirnova"),
]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k], 1)


def _setup() -> object:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from rogatory.apps.accounts.models import User
    from rogatory.apps.cases.services import case_open
    from rogatory.apps.cases.services.inputs import (
        MeasureInput,
        NameInput,
        OffenceInput,
        PersonInput,
    )
    from rogatory.apps.directory.models import CentralAuthority, State
    from rogatory.apps.directory.un_members import FICTIONAL_STATES

    for code, names in FICTIONAL_STATES.items():
        State.objects.get_or_create(
            code=code, defaults={"alpha3": f"X{code[1]}X", "names": names, "fictional": True}
        )
    authority = CentralAuthority.objects.create(
        state_id="XA", instrument="untoc_mla", name="Central Authority of XA"
    )
    officer = User.objects.create_user(
        # A throw-away user of an in-memory database, never signed in.
        username="bench",
        password="pw-bench",  # noqa: S106
        role="case_officer",
        authority=authority,
    )
    facts = "\n\n".join(FACT.format(day=d, amount=f"{d * 13_000} euros") for d in range(1, 7))
    return case_open(
        actor=officer,
        direction="outgoing",
        kind="mla",
        requesting_state="XA",
        requested_state="XB",
        legal_bases=["untoc", "reciprocity"],
        title="Bank records of Borealis Trading and its directors",
        subject="Investigation of laundering of the proceeds of an investment fraud.",
        facts=facts,
        urgency="urgent",
        urgency_reason="The main suspect is in custody; the trial opens in March.",
        confidential=True,
        persons=[
            PersonInput(
                role="suspect" if i % 2 else "witness",
                names=[NameInput(name, "original_script", latin)],
                birth_date=f"19{60 + i}-0{1 + i % 9}-1{i}",
                nationalities=["XB"] if i % 3 else ["XA", "XC"],
                location=f"{10 + i} Harbour Street, Port of XB",
            )
            for i, (name, latin) in enumerate(PEOPLE[:4])
        ],
        offences=[
            OffenceInput(
                f"Offence {i}: laundering of the proceeds of crime through accounts in XB",
                legal_provisions=f"Penal Code of XA, art. {300 + i}",
                max_penalty_months=60 + 12 * i,
                place="XA and XB",
            )
            for i in range(1, 4)
        ],
        measures=[
            MeasureInput(
                "records",
                f"Statements of account {i}00-{i}11 at the Bank of XB, January 2024 to June 2025",
                purpose="To trace the proceeds and identify the beneficial owners",
                procedure="Certified copies with a business-records certificate",
            )
            for i in range(1, 4)
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--languages", default="en,ar,zh")
    args = parser.parse_args()
    case = _setup()
    from pypdf import PdfReader

    from rogatory.apps.letters.languages import LetterFormat, parse_language
    from rogatory.apps.letters.selectors import letter_render

    started = time.perf_counter()
    letter_render(case, parse_language("en"), LetterFormat.PDF)  # type: ignore[arg-type]
    warm_up_ms = round((time.perf_counter() - started) * 1000, 1)
    result: dict[str, object] = {"runs": args.runs, "warm_up_ms": warm_up_ms}
    for code in args.languages.split(","):
        language = parse_language(code)
        for fmt in LetterFormat:
            times = []
            cpu = []
            size = 0
            for _ in range(args.runs):
                t0, c0 = time.perf_counter(), time.process_time()
                letter = letter_render(case, language, fmt)  # type: ignore[arg-type]
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                size = len(letter.content)
            key = f"{language.short}_{fmt.value}"
            entry: dict[str, object] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": _percentile(times, 95),
                # CPU time of this process: the figure to read when other work shares the CPUs.
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "cpu_p95_ms": _percentile(cpu, 95),
                "bytes": size,
            }
            if fmt is LetterFormat.PDF:
                entry["pages"] = len(PdfReader(io.BytesIO(letter.content)).pages)
            result[key] = entry
            print(key, entry, file=sys.stderr)
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    result["cpus"] = os.cpu_count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
