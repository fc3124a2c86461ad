"""Direct SQL edits, deletions, reorderings and insertions are each caught by `audit verify`."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.audit.services import audit_verify
from rogatory.apps.cases.services import case_status_change, case_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(open_case: Any, people: Any) -> list[AuditEvent]:
    case = open_case()
    case_update(actor=people["officer"], case_id=case.pk, changes={"title": "Second title"})
    case_status_change(actor=people["supervisor"], case_id=case.pk, target="approved")
    case_update(actor=people["officer"], case_id=case.pk, changes={"facts": "More facts"})
    events = list(AuditEvent.objects.order_by("seq"))
    assert len(events) >= 4
    return events


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


def test_intact_chain_passes(chain: list[AuditEvent]) -> None:
    assert audit_verify() == (len(chain), None)


def test_edited_row_is_caught(chain: list[AuditEvent]) -> None:
    target = chain[2]
    _sql("UPDATE audit_auditevent SET actor = %s WHERE id = %s", ["mallory", target.id])
    _, fault = audit_verify()
    assert fault is not None
    assert fault.seq == target.seq


def test_deleted_row_is_caught_at_its_position(chain: list[AuditEvent]) -> None:
    target = chain[1]
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [target.id])
    _, fault = audit_verify()
    assert fault is not None
    assert (fault.seq, fault.problem) == (target.seq, f"sequence gap: found {target.seq + 1}")


def test_deleted_last_row_is_caught(chain: list[AuditEvent]) -> None:
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [chain[-1].id])
    _, fault = audit_verify()
    assert fault is not None
    assert fault.seq == chain[-1].seq


def test_reordered_rows_are_caught(chain: list[AuditEvent]) -> None:
    a, b = chain[1], chain[2]
    # Swap the two rows' positions by swapping their sequence numbers and content.
    _sql("UPDATE audit_auditevent SET seq = -1 WHERE id = %s", [a.id])
    _sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.id])
    _sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.id])
    _, fault = audit_verify()
    assert fault is not None
    assert (fault.seq, fault.problem) == (a.seq, f"sequence gap: found {b.seq}")


def test_inserted_row_is_caught(chain: list[AuditEvent]) -> None:
    last = chain[-1]
    _sql(
        "INSERT INTO audit_auditevent (seq, at, actor_id, actor, action, object_type, object_id,"
        " case_id, changes, prev_hash, hash) VALUES (%s, %s, NULL, 'mallory', 'case.update',"
        " 'cases.case', '1', NULL, '{}', %s, %s)",
        [last.seq + 1, last.at, last.hash, "f" * 64],
    )
    _, fault = audit_verify()
    assert fault is not None
    assert fault.seq == last.seq + 1


def test_command_exits_non_zero_naming_the_first_bad_event(
    chain: list[AuditEvent], capsys: Any
) -> None:
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    _sql("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [chain[0].id])
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify")
    assert exit_.value.code == 1
    assert f"BROKEN at event {chain[0].seq}" in capsys.readouterr().out
