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
