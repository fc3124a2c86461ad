import io
import json
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command

from rogatory.apps.audit.services import audit_verify
from rogatory.apps.cases.models import Case, Document
from rogatory.core.workflow import CaseKind

pytestmark = pytest.mark.django_db


def test_demo_data_makes_every_kind_of_case_and_a_valid_audit_chain() -> None:
    # when a small demo workload is made
    out = io.StringIO()
    call_command("demo-data", "--cases", "60", "--seed", "3", "--json", stdout=out)
    # then it has every type of request, several states, documents and an intact chain
    summary = json.loads(out.getvalue())
    assert summary["cases"] == 60
    assert set(Case.objects.values_list("kind", flat=True)) == {k.value for k in CaseKind}
    assert Case.objects.values("status").distinct().count() >= 8
    assert Document.objects.exists()
    count, fault = audit_verify()
    assert fault is None
    assert count > 60


def test_bulk_demo_data_keeps_the_chain_valid() -> None:
    from rogatory.apps.cases.services.demo_data import demo_cases_bulk, demo_setup

    setup = demo_setup(password="pw")
    demo_cases_bulk(count=500, seed=2, users=setup["users"], batch=200)
    assert Case.objects.count() == 500
    assert Case.objects.filter(our_reference__startswith="XA/").count() == 500
    assert audit_verify()[1] is None


def test_deadlines_lists_overdue_and_due_soon(open_case: Any) -> None:
    case = open_case(actor="clerk", direction="incoming", custody="detained")
    out = io.StringIO()
    call_command("deadlines", "--soon-days", "3", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["case"], r["deadline"], r["overdue"]) for r in rows] == [
        (case.our_reference, "register_custody_case", False)
    ]


def test_rogatory_console_script_runs_management_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rogatory", "help", "audit"],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "rogatory.settings.test", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "audit verify" in result.stdout
