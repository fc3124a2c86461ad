"""Row-level security (issue 14, item 4): with the application's own checks switched off
(models queried directly, no selector), the database alone lets nothing leak.

Each test runs as a non-owner role created inside the test's transaction (rolled back with
it), because the test database belongs to the `postgres` superuser, which bypasses row
security by definition.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.test import Client, override_settings

from rogatory.apps.cases.models import (
    Case,
    CaseEvent,
    CaseGrant,
    Document,
    Offence,
    Person,
    PersonName,
    SearchTerm,
)
from rogatory.apps.rowsecurity.context import acting_user, system_context
from rogatory.apps.rowsecurity.roles import app_role_ensure

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row-level security is a PostgreSQL feature; SQLite has none",
    ),
]

ROLE = "rogatory_app_rls_test"


@pytest.fixture
def app_role(people: dict[str, Any]) -> Iterator[None]:
    # Under tests.security.rls_suite the connection already acts as another non-owner role, in
    # the system context: both are put back afterwards.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, session_user, current_setting('rogatory.system', true)"
        )
        current, session, system = cursor.fetchone()
        cursor.execute("RESET ROLE")
        app_role_ensure(cursor, role=ROLE, password=None, login=False)
        cursor.execute(f"SET ROLE {ROLE}")
        cursor.execute("SELECT set_config('rogatory.system', '', false)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            if current != session:
                cursor.execute(f'SET ROLE "{current}"')
            cursor.execute("SELECT set_config('rogatory.user_id', '', false)")
            cursor.execute("SELECT set_config('rogatory.system', %s, false)", [system or ""])


def _seen(case: Any) -> dict[str, int]:
    """Every row of the case the database shows, table by table."""
    return {
        "case": Case.objects.filter(pk=case.pk).count(),
        "grants": CaseGrant.objects.filter(case_id=case.pk).count(),
        "persons": Person.objects.filter(case_id=case.pk).count(),
        "names": PersonName.objects.filter(person__case_id=case.pk).count(),
        "names_raw": PersonName.objects.filter(person_id__in=list(_person_ids(case))).count(),
        "offences": Offence.objects.filter(case_id=case.pk).count(),
        "events": CaseEvent.objects.filter(case_id=case.pk).count(),
        "terms": SearchTerm.objects.filter(case_id=case.pk).count(),
        "documents": Document.objects.filter(case_id=case.pk).count(),
    }


_ids: dict[int, list[int]] = {}


def _person_ids(case: Any) -> list[int]:
    return _ids[case.pk]


NOTHING = {
    "case": 0,
    "grants": 0,
    "persons": 0,
    "names": 0,
    "names_raw": 0,
    "offences": 0,
    "events": 0,
    "terms": 0,
    "documents": 0,
}


@pytest.fixture
def cases(open_case: Callable[..., Any], people: dict[str, Any]) -> dict[str, Any]:
    from rogatory.apps.cases.services.inputs import OffenceInput

    offence = OffenceInput(description="Laundering", legal_provisions="Penal code art. 1")
    # Opened through the service, acting for the officer (under the application's role when
    # the test asks for it first).
    with acting_user(people["officer"]):
        made = {
            "open": open_case(offences=[offence]),
            "sealed": open_case(title="Sealed", sealed=True, offences=[offence]),
        }
        for case in made.values():
            _ids[case.pk] = list(Person.objects.filter(case=case).values_list("pk", flat=True))
    return made


def test_the_team_sees_every_row_of_its_case(app_role: None, cases: Any, people: Any) -> None:
    # Given the officer who opened both cases, when the database acts for them
    with acting_user(people["officer"]):
        seen = _seen(cases["sealed"])
    # Then every table shows the sealed case's rows.
    assert (seen["case"], seen["grants"], seen["persons"], seen["offences"]) == (1, 1, 1, 1)
    assert seen["names"] >= 1
    assert seen["names_raw"] == seen["names"]
    assert seen["events"] >= 1
    assert seen["terms"] > 0


def test_another_authority_sees_nothing(app_role: None, cases: Any, people: Any) -> None:
    for who in ("foreign_supervisor", "foreign_auditor"):
        with acting_user(people[who]):
            assert _seen(cases["open"]) == NOTHING, who
            assert Case.objects.count() == 0, who


def test_a_sealed_case_is_hidden_without_a_grant(app_role: None, cases: Any, people: Any) -> None:
    # Given a supervisor and an auditor of the owning authority, who see its unsealed cases
    for who in ("supervisor", "auditor"):
        with acting_user(people[who]):
            assert _seen(cases["open"])["case"] == 1, who
            # Then the sealed one shows no row in any table.
            assert _seen(cases["sealed"]) == NOTHING, who


def test_a_revoked_grant_shows_nothing(app_role: None, cases: Any, people: Any) -> None:
    from django.utils import timezone

    # Given a colleague added to the sealed case's team
    with system_context("test: grant", audited=False):
        grant = CaseGrant.objects.create(
            case=cases["sealed"], user=people["colleague"], granted_by=people["supervisor"]
        )
    with acting_user(people["colleague"]):
        assert _seen(cases["sealed"])["case"] == 1
    # When the grant is revoked
    with system_context("test: revoke", audited=False):
        CaseGrant.objects.filter(pk=grant.pk).update(revoked_at=timezone.now())
    # Then the colleague sees nothing of it any more.
    with acting_user(people["colleague"]):
        assert _seen(cases["sealed"]) == NOTHING


def test_nobody_administrators_and_inactive_users_see_nothing(
    app_role: None, cases: Any, people: Any
) -> None:
    assert Case.objects.count() == 0  # no acting user: nothing
    with acting_user(people["admin"]):
        assert Case.objects.count() == 0
    with system_context("test: deactivate", audited=False):
        type(people["officer"]).objects.filter(pk=people["officer"].pk).update(is_active=False)
    with acting_user(people["officer"]):
        assert Case.objects.count() == 0


def test_a_forged_user_setting_is_nobody(app_role: None, cases: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('rogatory.user_id', '1 OR true', false)")
    assert Case.objects.count() == 0


def test_hidden_rows_cannot_be_changed_or_removed(app_role: None, cases: Any, people: Any) -> None:
    sealed = cases["sealed"]
    with acting_user(people["supervisor"]):
        # When a supervisor without a grant writes to the sealed case directly
        assert Case.objects.filter(pk=sealed.pk).update(title="changed") == 0
        assert Offence.objects.filter(case_id=sealed.pk).update(description="x") == 0
        assert Person.objects.filter(case_id=sealed.pk).delete()[0] == 0
        # nor can they add a row to it, or give themselves a grant on it
        for make in (
            lambda: Offence.objects.create(case_id=sealed.pk, description="x"),
            lambda: CaseGrant.objects.create(
                case_id=sealed.pk, user=people["supervisor"], granted_by=people["supervisor"]
            ),
        ):
            with pytest.raises(DatabaseError), transaction.atomic():
                make()
    # Then nothing was written.
    with system_context("test: look", audited=False):
        sealed.refresh_from_db()
        assert sealed.title == "Sealed"
        assert Offence.objects.filter(case_id=sealed.pk).count() == 1
        assert Person.objects.filter(case_id=sealed.pk).count() == 1
        assert CaseGrant.objects.filter(case_id=sealed.pk).count() == 1


def test_a_case_cannot_be_filed_for_another_authority(
    app_role: None, people: Any, authorities: Any
) -> None:
    with (
        acting_user(people["foreign_supervisor"]),
        pytest.raises(DatabaseError),
        transaction.atomic(),
    ):
        Case.objects.create(
            direction="outgoing",
            kind="mla",
            status="draft",
            requesting_state_id="XB",
            requested_state_id="XA",
            owner_authority=authorities["XA"],
            our_reference="forged",
            title="Forged",
        )
    with system_context("test: look", audited=False):
        assert not Case.objects.filter(our_reference="forged").exists()


def test_the_services_work_under_row_security(
    app_role: None, open_case: Callable[..., Any], people: Any
) -> None:
    # Given the database acting for the officer, when they open a case through the service
    with acting_user(people["officer"]):
        case = open_case(sealed=True)
        # Then its rows are written and visible to them
        assert _seen_case(case) == 1
    # and to nobody else of the authority.
    with acting_user(people["supervisor"]):
        assert _seen_case(case) == 0


def _seen_case(case: Any) -> int:
    return Case.objects.filter(pk=case.pk).count()


def test_the_system_context_sees_all_and_is_audited(app_role: None, cases: Any) -> None:
    from rogatory.apps.audit.models import AuditEvent

    with system_context("exchange worker"):
        assert Case.objects.count() == 2
    event = AuditEvent.objects.filter(action="system.context").get()
    assert (event.actor, event.object_id) == ("system", "exchange worker")
    # Left, the context is gone.
    assert Case.objects.count() == 0


@override_settings(
    MIDDLEWARE=[
        *settings.MIDDLEWARE,
        "rogatory.apps.rowsecurity.middleware.RowSecurityMiddleware",
    ]
)
def test_each_request_acts_as_its_user(app_role: None, cases: Any, people: Any) -> None:
    # Given the middleware, when the officer and a supervisor ask for the sealed case
    officer, supervisor = Client(), Client()
    officer.force_login(people["officer"])
    supervisor.force_login(people["supervisor"])
    url = f"/cases/{cases['sealed'].pk}/"
    # Then only its team gets it, and after each request the connection acts for nobody.
    assert officer.get(url).status_code == 200
    assert Case.objects.count() == 0
    assert supervisor.get(url).status_code == 404
    assert Case.objects.count() == 0


def test_a_step_that_hides_the_case_from_its_author_still_records_its_event(
    app_role: None, open_case: Callable[..., Any], people: Any
) -> None:
    from rogatory.apps.proceedings.services import case_transition

    # Given an incoming request that arrived from the requesting State's node (no team yet),
    # which a clerk sees while it waits to be registered
    with system_context("test: arrival", audited=False):
        case = open_case(actor="clerk", direction="incoming")
        CaseGrant.objects.filter(case=case).delete()
    with acting_user(people["clerk"]):
        assert _seen_case(case) == 1
        # when the clerk registers it (after which only its team sees it)
        case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # then the step and its event were written, and (once the request is over) the case is out
    # of the clerk's sight.
    with acting_user(people["clerk"]):
        assert _seen_case(case) == 0
    with system_context("test: look", audited=False):
        assert CaseEvent.objects.filter(case=case, to_status="registered").count() == 1


def test_a_token_user_known_only_in_the_view_is_acted_for(
    app_role: None, cases: Any, people: Any
) -> None:
    from rogatory.apps.rowsecurity.context import act_as

    with acting_user(None):
        assert Case.objects.count() == 0
        act_as(people["supervisor"])
        assert Case.objects.count() == 1  # the unsealed one
    assert Case.objects.count() == 0


# ---- The other tables that hold case data (rowsecurity/0002_more_case_tables) ----


@pytest.fixture
def case_rows(cases: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A row in each kind of table for both cases, a link and a match between them, a
    competing-requests file holding the sealed one, and a notice for two users."""
    from datetime import date

    from django.utils import timezone

    from rogatory.apps.cases.models import (
        CaseEventDate,
        CaseLink,
        Communication,
        Deadline,
        Nationality,
        Notification,
    )
    from rogatory.apps.extradition.models import (
        Assurance,
        CompetingFile,
        Consultation,
        DetentionAssessment,
        Surrender,
    )
    from rogatory.apps.hearings.models import Hearing, Participant, Slot
    from rogatory.apps.screening.models import PersonMatch

    now, officer = timezone.now(), people["officer"]
    with system_context("test: rows", audited=False):
        for name, case in cases.items():
            person = Person.objects.filter(case=case).first()
            assert person is not None
            Deadline.objects.create(case=case, code="t", source="test", started_at=now, due_at=now)
            Communication.objects.create(case=case, kind="acknowledgement", sent=True, at=now)
            CaseEventDate.objects.create(
                case=case, kind="arrest", date=date(2026, 1, 2), entered_at=now
            )
            Nationality.objects.create(person=person, state_id="XB")
            hearing = Hearing.objects.create(
                case=case,
                uid=f"h-{name}",
                kind="witness",
                legal_basis="UNTOC art. 18(18)",
                reason_not_in_person="distance",
                requesting_authority="A",
                requested_authority="B",
                language="en",
                zone="UTC",
                proposed_by_us=True,
            )
            Slot.objects.create(hearing=hearing, start=now, minutes=30, proposed_by_us=True)
            Participant.objects.create(hearing=hearing, role="witness", name=f"Witness {name}")
            Surrender.objects.create(
                case=case, surrendered_on=date(2026, 1, 3), offences_covered="x", created_by=officer
            )
            Assurance.objects.create(
                case=case,
                given_by="Ministry",
                level="issuing_judicial",
                given_on=date(2026, 1, 4),
                covers="x",
                created_by=officer,
            )
            DetentionAssessment.objects.create(case=case, updated_by=officer)
            Consultation.objects.create(
                case=case, purpose="before_refusal", party="requesting_state", created_by=officer
            )
        open_, sealed = cases["open"], cases["sealed"]
        CaseLink.objects.create(source=open_, target=sealed, type="related")
        PersonMatch.objects.create(
            person=Person.objects.filter(case=open_).get(),
            case=open_,
            other_person=Person.objects.filter(case=sealed).get(),
            other_case=sealed,
            score=0.99,
        )
        file = CompetingFile.objects.create(opened_by=officer)
        file.cases.add(open_, sealed)
        Consultation.objects.create(
            competing_file=file,
            purpose="competing_requests",
            party="requesting_state",
            created_by=officer,
        )
        for who in ("officer", "supervisor"):
            Notification.objects.create(
                user=people[who], case=open_, queue="approve", created_at=now
            )
    return {"file": file}


def _seen_more(case: Any) -> dict[str, int]:
    """Every row of the case in the other tables that hold case data."""
    from rogatory.apps.cases.models import (
        CaseEventDate,
        CaseLink,
        Communication,
        Deadline,
        Nationality,
    )
    from rogatory.apps.extradition.models import (
        Assurance,
        CompetingFile,
        Consultation,
        DetentionAssessment,
        Surrender,
    )
    from rogatory.apps.hearings.models import Hearing, Participant, Slot
    from rogatory.apps.screening.models import PersonMatch

    hearing_ids = list(Hearing.objects.values_list("pk", flat=True))
    return {
        "deadlines": Deadline.objects.filter(case_id=case.pk).count(),
        "communications": Communication.objects.filter(case_id=case.pk).count(),
        "event_dates": CaseEventDate.objects.filter(case_id=case.pk).count(),
        "nationalities": Nationality.objects.filter(person_id__in=_person_ids(case)).count(),
        "hearings": Hearing.objects.filter(case_id=case.pk).count(),
        "slots": Slot.objects.filter(hearing__case_id=case.pk).count(),
        "participants": Participant.objects.filter(hearing__case_id=case.pk).count(),
        "surrenders": Surrender.objects.filter(case_id=case.pk).count(),
        "assurances": Assurance.objects.filter(case_id=case.pk).count(),
        "assessments": DetentionAssessment.objects.filter(case_id=case.pk).count(),
        "consultations": Consultation.objects.filter(case_id=case.pk).count(),
        "links": CaseLink.objects.filter(target_id=case.pk).count()
        + CaseLink.objects.filter(source_id=case.pk).count(),
        "matches": PersonMatch.objects.filter(other_case_id=case.pk).count()
        + PersonMatch.objects.filter(case_id=case.pk).count(),
        "competing_files": CompetingFile.objects.filter(cases__id=case.pk).count(),
        "competing_links": CompetingFile.cases.through.objects.filter(case_id=case.pk).count(),
        "file_consultations": Consultation.objects.filter(competing_file__isnull=False).count(),
        # rows of any hearing, whatever its case: only the visible ones' ids come back
        "all_hearings": len(hearing_ids),
    }


MORE_NOTHING = dict.fromkeys(
    [
        "deadlines",
        "communications",
        "event_dates",
        "nationalities",
        "hearings",
        "slots",
        "participants",
        "surrenders",
        "assurances",
        "assessments",
        "consultations",
        "links",
        "matches",
        "competing_files",
        "competing_links",
        "file_consultations",
        "all_hearings",
    ],
    0,
)


def test_the_team_sees_every_row_of_its_case_in_the_other_tables(
    app_role: None, cases: Any, case_rows: Any, people: Any
) -> None:
    # Given the officer, in the team of both cases
    with acting_user(people["officer"]):
        seen = _seen_more(cases["sealed"])
    # Then each table shows the sealed case's row (the link and match name both cases, the
    # competing file holds both, and each case has its hearing; the person had nationalities
    # before this one).
    assert seen.pop("nationalities") >= 1
    assert seen == {
        **dict.fromkeys(set(MORE_NOTHING) - {"nationalities"}, 1),
        "competing_links": 1,
        "all_hearings": 2,
    }


def test_the_other_tables_hide_a_sealed_case_and_what_names_it(
    app_role: None, cases: Any, case_rows: Any, people: Any
) -> None:
    # Given a supervisor and an auditor of the owning authority, who see the unsealed case
    for who in ("supervisor", "auditor"):
        with acting_user(people[who]):
            open_rows = _seen_more(cases["open"])
            sealed_rows = _seen_more(cases["sealed"])
        # Then the unsealed case's own rows show
        assert (open_rows["deadlines"], open_rows["hearings"], open_rows["slots"]) == (1, 1, 1)
        assert (open_rows["surrenders"], open_rows["consultations"]) == (1, 1), who
        # but nothing of the sealed case, nor the link, the match or the competing file (and
        # its consultation) that name it.
        assert (open_rows["links"], open_rows["matches"], open_rows["competing_files"]) == (
            0,
            0,
            0,
        ), who
        assert open_rows["file_consultations"] == 0, who
        assert sealed_rows == {**MORE_NOTHING, "all_hearings": 1}, who


def test_another_authority_sees_nothing_in_the_other_tables(
    app_role: None, cases: Any, case_rows: Any, people: Any
) -> None:
    for who in ("foreign_supervisor", "foreign_auditor"):
        with acting_user(people[who]):
            for case in cases.values():
                assert _seen_more(case) == MORE_NOTHING, who


def test_a_notice_is_its_recipients_alone(
    app_role: None, cases: Any, case_rows: Any, people: Any
) -> None:
    from django.utils import timezone

    from rogatory.apps.cases.models import Notification

    # Given a notice each for the officer and the supervisor about the same case
    for who in ("officer", "supervisor"):
        with acting_user(people[who]):
            # Then each sees only their own, and cannot mark the other's read
            assert list(Notification.objects.values_list("user_id", flat=True)) == [people[who].pk]
            assert (
                Notification.objects.exclude(user=people[who]).update(read_at=timezone.now()) == 0
            )
    with acting_user(people["foreign_supervisor"]):
        assert Notification.objects.count() == 0
    with system_context("test: look", audited=False):
        assert Notification.objects.filter(read_at__isnull=False).count() == 0


def test_a_notice_is_written_for_a_colleague_but_not_kept_in_sight(
    app_role: None, cases: Any, people: Any
) -> None:
    from django.utils import timezone

    from rogatory.apps.cases.models import Notification

    # Given the officer, who puts the case in the supervisor's queue
    with acting_user(people["officer"]), transaction.atomic():
        # When the notice is written (INSERT ... RETURNING, as bulk_create does)
        [notice] = Notification.objects.bulk_create(
            [
                Notification(
                    user=people["supervisor"],
                    case=cases["open"],
                    queue="approve",
                    created_at=timezone.now(),
                )
            ]
        )
        assert notice.pk is not None
    # Then, the transaction over, only the supervisor sees it.
    with acting_user(people["officer"]):
        assert Notification.objects.count() == 0
    with acting_user(people["supervisor"]):
        assert list(Notification.objects.values_list("pk", flat=True)) == [notice.pk]
    # And a notice about a case the writer may not see is refused, and nothing is written.
    with (
        acting_user(people["foreign_supervisor"]),
        pytest.raises(DatabaseError),
        transaction.atomic(),
    ):
        Notification.objects.create(
            user=people["foreign_supervisor"],
            case=cases["open"],
            queue="approve",
            created_at=timezone.now(),
        )
    with system_context("test: look", audited=False):
        assert Notification.objects.count() == 1


def test_a_colleague_gets_one_unread_notice_though_the_writer_cannot_see_the_first(
    app_role: None, cases: Any, people: Any
) -> None:
    from rogatory.apps.cases.models import Notification, WorkQueue
    from rogatory.apps.cases.services.notifications import queue_notify

    # Given the supervisor already holds an unread notice of the case, written in an earlier
    # request, which the officer cannot see under row security
    with acting_user(people["officer"]), transaction.atomic():
        queue_notify(case=cases["open"], queue=WorkQueue.APPROVE, actor=people["officer"])
    with acting_user(people["supervisor"]):
        first = list(Notification.objects.filter(case=cases["open"]).values_list("pk", flat=True))
    assert len(first) == 1
    with acting_user(people["officer"]):
        assert Notification.objects.count() == 0
    # When the officer puts the same case in the same queue again
    with acting_user(people["officer"]), transaction.atomic():
        queue_notify(case=cases["open"], queue=WorkQueue.APPROVE, actor=people["officer"])
    # Then the supervisor still has one unread notice of it, the first
    with acting_user(people["supervisor"]):
        unread = list(
            Notification.objects.filter(
                case=cases["open"], queue=WorkQueue.APPROVE, read_at=None
            ).values_list("pk", flat=True)
        )
    assert unread == first


def _opened_note() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('rogatory.opened_cases', true), '')")
        return str(cursor.fetchone()[0])


def test_a_change_is_noted_once_and_bulk_system_work_is_not_noted(
    app_role: None, cases: Any, people: Any
) -> None:
    # given the officer's transaction changing the same case twice
    with acting_user(people["officer"]), transaction.atomic():
        Case.objects.filter(pk=cases["open"].pk).update(title="First change")
        Case.objects.filter(pk=cases["open"].pk).update(title="Second change")
        # then the case is noted once (the note let a million-case statement grow it
        # quadratically before)
        assert _opened_note() == str(cases["open"].pk)
    # and system work over every case notes none of them
    with system_context("test: bulk", audited=False), transaction.atomic():
        Case.objects.update(title="Bulk change")
        assert _opened_note() == ""


# Tables that name a case but stay outside row security, with the reason.
UNPROTECTED_CASE_TABLES = {
    # The exchange's own queues: read and written by the node's system work (worker, peers);
    # a user's view of them goes through a case already checked.
    "exchange_outboxmessage",
    "exchange_inboxmessage",
    # The append-only audit chain: its verification reads every link, and auditors read it
    # through the audit selectors; what it records of a case is bounded (issue 14 finding 4).
    "audit_auditevent",
    # Derived counts for the statistics, read through their own selectors.
    "stats_casefact",
}


def test_every_table_naming_a_case_is_under_forced_row_security() -> None:
    from rogatory.apps.rowsecurity.policies import MORE_PROTECTED_TABLES, PROTECTED_TABLES

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_name = 'case_id'"
        )
        naming = {row[0] for row in cursor.fetchall()}
        protected = {*PROTECTED_TABLES, *MORE_PROTECTED_TABLES}
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity"
            " AND relname = ANY(%s)",
            [sorted(protected)],
        )
        forced = {row[0] for row in cursor.fetchall()}
    # Given every table with a case_id column, then each is protected (or exempt with a
    # reason), and every protected table has row security enabled and forced.
    assert naming - protected - UNPROTECTED_CASE_TABLES == set()
    assert forced == protected


@pytest.fixture
def bare_app_role() -> Iterator[None]:
    """The application's role, with no users made beforehand (the demo loader makes its own)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, session_user, current_setting('rogatory.system', true)"
        )
        current, session, system = cursor.fetchone()
        cursor.execute("RESET ROLE")
        app_role_ensure(cursor, role=ROLE, password=None, login=False)
        cursor.execute(f"SET ROLE {ROLE}")
        cursor.execute("SELECT set_config('rogatory.system', '', false)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            if current != session:
                cursor.execute(f'SET ROLE "{current}"')
            cursor.execute("SELECT set_config('rogatory.system', %s, false)", [system or ""])


def test_the_bulk_demo_loader_runs_as_the_application_role(
    bare_app_role: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from django.core.management import call_command

    from rogatory.apps.cases.services import demo_data

    command = importlib.import_module("rogatory.apps.proceedings.management.commands.demo-data")
    # Given the bulk writer for any count (it is otherwise kept for more than 5,000 cases),
    # where PostgreSQL refuses COPY into a table under row security
    monkeypatch.setattr(command, "BULK_THRESHOLD", 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_security_active('cases_searchterm'::regclass)")
        assert cursor.fetchone()[0] is True
    calls: list[int] = []
    real = demo_data.demo_cases_bulk

    def bulk(**kw: Any) -> int:
        calls.append(kw["count"])
        return real(**{**kw, "batch": 7})

    monkeypatch.setattr(command, "demo_cases_bulk", bulk)
    # When the command writes 20 cases as the application's role (in its system context)
    call_command("demo-data", "--cases", "20", "--password", "correct-horse-battery")
    # Then the bulk writer wrote every case with its search terms, through the policies
    assert calls == [20]
    with system_context("test: look", audited=False):
        assert Case.objects.count() == 20
        assert SearchTerm.objects.values("case_id").distinct().count() == 20
        assert CaseGrant.objects.count() == 20
    # and, the command over, the connection acts for nobody again.
    assert Case.objects.count() == 0


@pytest.fixture
def as_owner() -> Iterator[None]:
    """The connection as the test database's owner (a superuser), as `rowsecurity-role` is
    run; what it was before is put back afterwards."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, session_user, current_setting('rogatory.system', true)"
        )
        current, session, system = cursor.fetchone()
        cursor.execute("RESET ROLE")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            if current != session:
                cursor.execute(f'SET ROLE "{current}"')
            cursor.execute("SELECT set_config('rogatory.user_id', '', false)")
            cursor.execute("SELECT set_config('rogatory.system', %s, false)", [system or ""])


def _role(name: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolcanlogin,"
            " rolreplication, rolinherit,"
            " (SELECT count(*) FROM pg_class WHERE relowner = r.oid),"
            " has_schema_privilege(r.oid, current_schema(), 'CREATE'),"
            " has_table_privilege(r.oid, 'cases_case', 'TRUNCATE'),"
            " has_table_privilege(r.oid, 'cases_case', 'SELECT, INSERT, UPDATE, DELETE')"
            " FROM pg_roles r WHERE rolname = %s",
            [name],
        )
        row = cursor.fetchone()
    keys = [
        "superuser",
        "bypassrls",
        "createrole",
        "createdb",
        "login",
        "replication",
        "inherit",
        "owns",
        "create_in_schema",
        "truncate",
        "data",
    ]
    return dict(zip(keys, row, strict=True)) if row else {}


def test_the_role_command_makes_an_application_role_and_a_system_role(
    as_owner: None, cases: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setenv("ROGATORY_DB_APP_PASSWORD", "app-secret-for-test")
    monkeypatch.setenv("ROGATORY_DB_SYSTEM_PASSWORD", "system-secret-for-test")
    out = StringIO()
    # When the owner runs the command
    call_command(
        "rowsecurity-role", "--role", "t_app", "--system-role", "t_system", "--json", stdout=out
    )
    assert json.loads(out.getvalue()) == {
        "role": "t_app",
        "system_role": "t_system",
        "password_set": True,
        "system_password_set": True,
    }
    # Then both roles may log in and use the data, and nothing more: no superuser, no role or
    # database creation, no ownership, no DDL in the schema, no TRUNCATE
    least = {
        "superuser": False,
        "createrole": False,
        "createdb": False,
        "login": True,
        "replication": False,
        "inherit": False,
        "owns": 0,
        "create_in_schema": False,
        "truncate": False,
        "data": True,
    }
    # and only the system role bypasses row security.
    assert _role("t_app") == {**least, "bypassrls": False}
    assert _role("t_system") == {**least, "bypassrls": True}
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('rogatory.system', '', false)")
        # As the system role, with no context entered, every row shows, and the bulk loader
        # keeps its COPY path (row security does not bind it)
        cursor.execute("SET ROLE t_system")
        cursor.execute("SELECT row_security_active('cases_searchterm'::regclass)")
        assert cursor.fetchone()[0] is False
    assert Case.objects.count() == 2
    # whereas the application's role, acting for nobody, sees none.
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute("SET ROLE t_app")
    assert Case.objects.count() == 0


def test_the_role_command_refuses_one_role_for_both(as_owner: None) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=r"rowsecurity\.same_role"):
        call_command("rowsecurity-role", "--role", "t_both", "--system-role", "t_both")
    assert _role("t_both") == {}


def test_a_competing_file_is_opened_under_row_security_and_hidden_from_outsiders(
    app_role: None, cases: Any, people: Any
) -> None:
    from rogatory.apps.extradition.models import CompetingFile

    # Given the officer, who sees both cases, when they open a file holding both (the row is
    # checked before its requests are added)
    with acting_user(people["officer"]), transaction.atomic():
        file = CompetingFile.objects.create(opened_by=people["officer"])
        file.cases.add(cases["open"], cases["sealed"])
    # Then it is theirs to see, and hidden from a supervisor who does not see the sealed one.
    with acting_user(people["officer"]):
        assert CompetingFile.objects.filter(pk=file.pk).count() == 1
    with acting_user(people["supervisor"]):
        assert CompetingFile.objects.filter(pk=file.pk).count() == 0
