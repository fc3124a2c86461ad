"""The hearing screens: shown to those who may see the case, 4xx on bad input, and a
safeguard out of order refused with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client

from rogatory.apps.hearings.models import Hearing, SafeguardRecord
from rogatory.apps.hearings.tests.test_flow import agreed_pair


def test_the_hearing_page_shows_the_slots_and_participants(
    proposed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    ours, theirs = proposed
    page = client_for("officer").get(f"/hearings/{theirs.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Judge Rivera" in body
    assert f'action="/hearings/{theirs.pk}/accept/"' in body
    # and on the proposing side, no accept button for its own slots
    own = client_for("officer").get(f"/hearings/{ours.pk}/").content.decode()
    assert f'action="/hearings/{ours.pk}/accept/"' not in own


@pytest.mark.parametrize("who", ["foreign_supervisor", "colleague"])
def test_a_hearing_of_a_case_one_may_not_see_is_not_found(
    proposed: tuple[Hearing, Hearing], client_for: Callable[[str], Client], who: str
) -> None:
    ours, _ = proposed
    assert client_for(who).get(f"/hearings/{ours.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/hearings/999999/", "/hearings/999999/invitation.ics", "/hearings/99999999999999999999/"],
)
def test_unknown_hearings_answer_404(
    proposed: tuple[Hearing, Hearing], client_for: Callable[[str], Client], path: str
) -> None:
    assert client_for("officer").get(path).status_code == 404


def test_a_proposal_with_a_bad_time_answers_422_and_writes_nothing(
    cases: Any, client_for: Callable[[str], Client], writes: Callable[[], Any]
) -> None:
    outgoing, _ = cases
    before = (writes(), Hearing.objects.count())
    for start, zone in (("tomorrow", "Europe/Paris"), ("2030-01-01T10:00", "Mars/Base")):
        answer = client_for("officer").post(
            f"/cases/{outgoing.pk}/hearings/propose/",
            {"start": start, "time_zone": zone, "minutes": "60", "kind": "witness"},
        )
        assert answer.status_code == 422
    assert (writes(), Hearing.objects.count()) == before


def test_a_proposal_from_the_case_page_reaches_the_hearing_page(
    cases: Any, client_for: Callable[[str], Client]
) -> None:
    outgoing, _ = cases
    answer = client_for("officer").post(
        f"/cases/{outgoing.pk}/hearings/propose/",
        {
            "kind": "witness",
            "reason_not_in_person": "The witness lives abroad.",
            "requesting_authority": "Court of XA",
            "requested_authority": "Court of XB",
            "judge": "Judge Rivera",
            "language": "en",
            "start": "2030-03-10T18:00",
            "time_zone": "America/New_York",
            "minutes": "60",
            "provider": "jitsi",
        },
    )
    hearing = Hearing.objects.get(case=outgoing)
    assert answer.status_code == 302
    assert answer["Location"] == f"/hearings/{hearing.pk}/"
    slot = hearing.slots.get()
    assert slot.start.isoformat() == "2030-03-10T22:00:00+00:00"


def test_a_safeguard_out_of_order_is_refused_with_nothing_written(
    proposed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    _, theirs = agreed_pair(proposed, people)
    before = (writes(), SafeguardRecord.objects.count())
    answer = client_for("officer").post(
        f"/hearings/{theirs.pk}/safeguard/",
        {"step": "rights", "right_to_remain_silent": "yes", "laws": "XB"},
        follow=True,
    )
    assert answer.status_code == 200
    assert "first: each safeguard is recorded in its order" in answer.content.decode()
    assert (writes(), SafeguardRecord.objects.count()) == before


def test_the_invitation_downloads_as_icalendar(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    ours, _ = agreed_pair(proposed, people)
    answer = client_for("officer").get(f"/hearings/{ours.pk}/invitation.ics")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    assert calendar["METHOD"] == "REQUEST"


def test_the_interpreters_register_is_kept_by_staff_not_by_auditors(
    states: None, client_for: Callable[[str], Client]
) -> None:
    clerk = client_for("clerk")
    added = clerk.post(
        "/hearings/interpreters/",
        {"name": "Irina Ivanova", "language_pairs": "ru-fr", "time_zone": "Europe/Paris"},
    )
    assert added.status_code == 302
    assert "Irina Ivanova" in clerk.get("/hearings/interpreters/").content.decode()
    assert client_for("auditor").get("/hearings/interpreters/").status_code == 403


def test_each_participant_sees_the_agreed_slot_in_their_own_time_zone(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    # given a slot agreed between the two States, the presiding judge joining from New York
    ours, _ = agreed_pair(proposed, people)
    assert ours.start is not None
    new_york = ours.start.astimezone(ZoneInfo("America/New_York"))

    # when the requesting side's officer opens the hearing
    body = client_for("officer").get(f"/hearings/{ours.pk}/").content.decode()

    # then the judge's row shows New York's wall-clock time, not the reader's zone
    assert f"{new_york:%Y-%m-%d %H:%M} America/New_York" in body
