"""The requested State's dated steps of an extradition reach the requesting case, whose clocks
then run from the real dates (issue 15): the arrest at the requesting State's request (ETS 24
art. 16(4); UNTOC art. 16(9)) and the date agreed for surrender (ETS 24 art. 18(2)-(4); FD
2002/584 art. 23), each sent when the requested State's incoming case records the date.

As in test_status_follows, one node database plays both States: B's incoming case (A's
request) records the date, and the communication it queued for A is opened as A would open it
and delivered through B's own inbox to B's outgoing request to A, the requesting case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rogatory.apps.cases.models import Case, CaseEventDate, CaseGrant, Communication, Deadline
from rogatory.apps.cases.services.deadlines import node_zone
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.proceedings.selectors import kinds_for
from rogatory.apps.proceedings.services.event_dates import case_event_date_record
from tests.exchange.conftest import Network
from tests.exchange.test_receive import REQUEST
from tests.exchange.test_status_follows import _carry, _step

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(network: Network, open_case: Any, people: Any) -> tuple[Case, Case]:
    """B's extradition request to A, acknowledged, its time limits those of ETS 24; and A's
    extradition request received and registered at B, B's team working it."""
    requesting = open_case(
        kind="extradition", custody="detained", requesting_state="XB", requested_state="XA"
    )
    Case.objects.filter(pk=requesting.pk).update(status="acknowledged", time_limit_basis="ets-24")
    extradition = {**REQUEST, "payload": {**REQUEST["payload"], "kind": "extradition"}}  # type: ignore[dict-item]
    assert network.send(network.seal(metadata=extradition)).status_code == 201
    incoming = Case.objects.get(direction="incoming")
    for member in ("clerk", "officer", "supervisor"):
        people[member].authority_id = incoming.owner_authority_id
        people[member].save(update_fields=["authority"])
        CaseGrant.objects.get_or_create(case=incoming, user=people[member], revoked_at=None)
    _step(people, incoming, "clerk", "registered")
    requesting.refresh_from_db()
    return incoming, requesting


def _dates(case: Case) -> dict[str, date]:
    return dict(CaseEventDate.objects.filter(case=case).values_list("kind", "date"))


def _clocks(case: Case) -> dict[str, tuple[date | None, date, bool]]:
    """Open legal clocks: code -> (legal last day, the day to act by in the node's zone, open)."""
    return {
        d.code: (d.last_day, d.due_at.astimezone(node_zone()).date(), d.met_at is None)
        for d in Deadline.objects.filter(case=case, practice=False)
    }


def test_the_arrest_recorded_by_the_requested_state_starts_the_requesting_states_clock(
    network: Network, people: Any, cases: tuple[Case, Case]
) -> None:
    incoming, requesting = cases
    # when B's clerk records on the incoming case that the person was arrested on Monday
    # 2 March 2026
    row, sent = case_event_date_record(
        actor=people["clerk"], case_id=incoming.pk, kind="arrest", day="2026-03-02"
    )
    # then the date is B's, and the confirmation is queued for A with the date in its body
    assert row is not None
    assert row.date == date(2026, 3, 2)
    assert sent is not None
    assert (sent.kind, bool(sent.message_id)) == ("arrest_confirmed", True)
    queued = OutboxMessage.objects.get(message_id=sent.message_id)
    assert (queued.kind, queued.recipient_node) == ("communication", "xa-central")
    data = _carry(network, incoming, "arrest_confirmed", requesting, requesting.our_reference)
    assert dict(data.body) == {"date": "2026-03-02"}
    # and the requesting case records the same arrest date, on the requested State's word
    assert _dates(requesting) == {"arrest": date(2026, 3, 2)}
    got = Communication.objects.get(case=requesting, sent=False)
    assert got.kind == "arrest_confirmed"
    # and its clock for sending the formal request runs from it (ETS 24 art. 16(4)): 18 days
    # to Friday 20 March, 40 days at most to Saturday 11 April, acted on by Friday 10 April
    assert _clocks(requesting) == {
        "ece-provisional-arrest": (date(2026, 3, 20), date(2026, 3, 20), True),
        "ece-provisional-arrest-max": (date(2026, 4, 11), date(2026, 4, 10), True),
    }
    requesting.refresh_from_db()
    assert requesting.due_at is not None
    assert requesting.due_at.astimezone(node_zone()).date() == date(2026, 3, 20)


def test_a_corrected_arrest_date_is_sent_again_and_an_unchanged_one_is_not(
    network: Network, people: Any, cases: tuple[Case, Case]
) -> None:
    incoming, requesting = cases
    case_event_date_record(
        actor=people["clerk"], case_id=incoming.pk, kind="arrest", day="2026-03-02"
    )
    _carry(network, incoming, "arrest_confirmed", requesting, requesting.our_reference)
    # when B enters the same date again, then nothing more is sent
    _row, again = case_event_date_record(
        actor=people["clerk"], case_id=incoming.pk, kind="arrest", day="2026-03-02"
    )
    assert again is None
    # when B corrects it to 3 March, then the correction is sent and A's date follows
    _row, corrected = case_event_date_record(
        actor=people["clerk"], case_id=incoming.pk, kind="arrest", day="2026-03-03"
    )
    assert corrected is not None
    _carry(network, incoming, "arrest_confirmed", requesting, requesting.our_reference)
    assert _dates(requesting) == {"arrest": date(2026, 3, 3)}
    assert (
        Communication.objects.filter(case=incoming, sent=True, kind="arrest_confirmed").count() == 2
    )


def test_the_date_agreed_for_surrender_is_recorded_on_the_requesting_case(
    network: Network, people: Any, cases: tuple[Case, Case]
) -> None:
    incoming, requesting = cases
    # when B records the date fixed for surrender, Monday 16 March 2026
    _row, sent = case_event_date_record(
        actor=people["officer"],
        case_id=incoming.pk,
        kind="surrender_date_agreed",
        day="2026-03-16",
    )
    # then the agreement is queued for A with the date
    assert sent is not None
    assert (sent.kind, bool(sent.message_id)) == ("surrender_date_agreed", True)
    data = _carry(network, incoming, "surrender_date_agreed", requesting, requesting.our_reference)
    assert dict(data.body) == {"date": "2026-03-16"}
    # and the requesting case records it; the surrender periods of ETS 24 art. 18(4) run
    # from it: 15 days to Tuesday 31 March, 30 days at most to Wednesday 15 April
    assert _dates(requesting) == {"surrender_date_agreed": date(2026, 3, 16)}
    assert _clocks(requesting) == {
        "ece-surrender": (date(2026, 3, 31), date(2026, 3, 31), True),
        "ece-surrender-max": (date(2026, 4, 15), date(2026, 4, 15), True),
    }


def test_dates_that_tell_the_other_state_nothing_send_nothing(
    people: Any, cases: tuple[Case, Case]
) -> None:
    incoming, requesting = cases
    # when B records the decision date (its own), or the requesting case records an arrest
    CaseGrant.objects.get_or_create(case=requesting, user=people["supervisor"], revoked_at=None)
    _row, decision = case_event_date_record(
        actor=people["clerk"], case_id=incoming.pk, kind="decision", day="2026-03-02"
    )
    _row, own = case_event_date_record(
        actor=people["supervisor"], case_id=requesting.pk, kind="arrest", day="2026-03-02"
    )
    # then no communication is sent: only the requested State confirms an arrest
    assert (decision, own) == (None, None)
    assert not Communication.objects.filter(sent=True).exclude(kind="acknowledgement").exists()


def test_the_dated_kinds_are_never_offered_for_sending_by_hand(
    people: Any, cases: tuple[Case, Case]
) -> None:
    incoming, _requesting = cases
    offered = {value for value, _label in kinds_for(actor=people["officer"], case=incoming)}
    assert offered  # the officer may send something now
    assert not offered & {"arrest_confirmed", "surrender_date_agreed"}
