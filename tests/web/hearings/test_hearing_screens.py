"""The hearing page's forms for what the services do (a participant, a change of the agreed
slot, an interruption, a recording, a join link), the interpreters' availability, the
safeguards as the requesting side sees them, and hearings by telephone. Each form calls one
service; a refusal shows the service's message and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case
from rogatory.apps.hearings.models import (
    Availability,
    Hearing,
    HearingMessage,
    Interpreter,
    Interruption,
    Participant,
    Recording,
)
from rogatory.apps.hearings.tests.test_flow import (
    _connect_all,
    _record,
    agreed_pair,
)
from rogatory.core.hearings.safeguards import SafeguardStep

ROOM = "https://conference.xa.example/room-7"


@pytest.fixture
def agreed(proposed: tuple[Hearing, Hearing], people: dict[str, Any]) -> tuple[Hearing, Hearing]:
    return agreed_pair(proposed, people)


def _page(client: Client, hearing: Hearing) -> str:
    return client.get(f"/hearings/{hearing.pk}/").content.decode()


def _counts() -> tuple[int, ...]:
    return (
        Participant.objects.count(),
        Interruption.objects.count(),
        Recording.objects.count(),
        HearingMessage.objects.count(),
        Availability.objects.count(),
    )


# --- participants ---------------------------------------------------------------------------


def test_an_officer_adds_a_participant_from_the_hearing_page(
    proposed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    _, theirs = proposed
    officer = client_for("officer")
    assert f'action="/hearings/{theirs.pk}/participants/"' in _page(officer, theirs)
    # when the requested side's officer adds the interpreter
    answer = officer.post(
        f"/hearings/{theirs.pk}/participants/",
        {
            "role": "interpreter",
            "name": "Irina Ivanova",
            "languages": "ru fr",
            "joins_from": "Detention house of XB",
            "time_zone": "Asia/Tokyo",
        },
        follow=True,
    )
    # then the participant is on the hearing, ours, and listed with a status message
    row = theirs.participants.get(name="Irina Ivanova")
    assert (row.role, row.languages, row.joins_from, row.time_zone, row.ours) == (
        "interpreter",
        "ru fr",
        "Detention house of XB",
        "Asia/Tokyo",
        True,
    )
    body = answer.content.decode()
    assert "Participant added." in body
    assert "Detention house of XB" in body


def test_a_participant_in_an_unknown_time_zone_is_refused_with_nothing_written(
    proposed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    _, theirs = proposed
    before = (writes(), _counts())
    answer = client_for("officer").post(
        f"/hearings/{theirs.pk}/participants/",
        {"role": "interpreter", "name": "Irina Ivanova", "time_zone": "Mars/Base"},
        follow=True,
    )
    assert "Choose a time zone from the list, such as Europe/Paris." in answer.content.decode()
    assert (writes(), _counts()) == before


def test_an_auditor_sees_no_form_and_cannot_add_a_participant(
    proposed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    _, theirs = proposed
    auditor = client_for("auditor")
    page = auditor.get(f"/hearings/{theirs.pk}/")
    if page.status_code == 200:
        assert "/participants/" not in page.content.decode()
    before = (_counts(), AuditEvent.objects.exclude(action="access.denied").count())
    auditor.post(
        f"/hearings/{theirs.pk}/participants/",
        {"role": "interpreter", "name": "Someone", "time_zone": "UTC"},
    )
    assert (_counts(), AuditEvent.objects.exclude(action="access.denied").count()) == before


# --- change of the agreed slot --------------------------------------------------------------


def test_a_change_of_the_agreed_slot_is_sent_from_the_hearing_page(
    agreed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    ours, _ = agreed
    officer = client_for("officer")
    assert f'action="/hearings/{ours.pk}/change/"' in _page(officer, ours)
    day = (ours.start or datetime.now(UTC)).date()
    # when the requesting side moves the hearing to 09:30 in Paris the same day
    answer = officer.post(
        f"/hearings/{ours.pk}/change/",
        {
            "start": f"{day:%Y-%m-%d}T09:30",
            "time_zone": "Europe/Paris",
            "minutes": "90",
            "reason": "Court room unavailable",
        },
        follow=True,
    )
    # then the hearing is moved (in UTC), its sequence raised, the change sent
    ours.refresh_from_db()
    assert ours.start is not None
    assert ours.start.astimezone(UTC).strftime("%H:%M") in ("07:30", "08:30")
    assert (ours.minutes, ours.sequence) == (90, 1)
    assert HearingMessage.objects.filter(hearing=ours, kind="hearing_change", sent=True).count()
    assert "Change of the slot sent to the other State." in answer.content.decode()


def test_a_change_before_the_slot_is_agreed_is_refused_with_nothing_written(
    proposed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    ours, _ = proposed
    officer = client_for("officer")
    assert "/change/" not in _page(officer, ours)
    before = (writes(), _counts())
    answer = officer.post(
        f"/hearings/{ours.pk}/change/",
        {
            "start": "2031-01-10T10:00",
            "time_zone": "UTC",
            "minutes": "60",
            "reason": "Moved",
        },
        follow=True,
    )
    assert "The hearing has no agreed slot yet." in answer.content.decode()
    assert (writes(), _counts()) == before


def test_a_change_without_its_reason_is_refused_by_the_form_with_nothing_written(
    agreed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    ours, _ = agreed
    before = (writes(), _counts())
    answer = client_for("officer").post(
        f"/hearings/{ours.pk}/change/",
        {"start": "2031-01-10T10:00", "time_zone": "UTC", "minutes": "60"},
        follow=True,
    )
    assert "Reason for the change: This field is required." in answer.content.decode()
    assert (writes(), _counts()) == before


# --- safeguards as each side sees them ------------------------------------------------------


def test_the_requesting_side_sees_that_the_requested_state_records_the_safeguards(
    agreed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    ours, theirs = agreed
    officer = client_for("officer")
    # when the requesting side opens its hearing
    requesting = _page(officer, ours)
    # then no step is its own "next step", and it is told who records them
    assert "next step" not in requesting
    assert "The requested State records these steps" in requesting
    assert requesting.count("recorded by the requested State, not reported yet") == 9
    assert f'action="/hearings/{ours.pk}/safeguard/"' not in requesting
    # while the requested side has its next step to record
    requested = _page(officer, theirs)
    assert "next step" in requested
    assert f'action="/hearings/{theirs.pk}/safeguard/"' in requested


# --- interruptions --------------------------------------------------------------------------


def test_the_requested_side_records_an_interruption_and_sees_it_listed(
    agreed: tuple[Hearing, Hearing], people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    _, theirs = agreed
    _connect_all(theirs, people["officer"])
    _record(theirs, people["officer"], SafeguardStep.ATTENDANCE)
    officer = client_for("officer")
    assert f'action="/hearings/{theirs.pk}/interruptions/"' in _page(officer, theirs)
    # when the officer records a loss of sound from 10:05 to 10:12, Tokyo time
    answer = officer.post(
        f"/hearings/{theirs.pk}/interruptions/",
        {
            "started_at": "2030-05-06T10:05",
            "ended_at": "2030-05-06T10:12",
            "time_zone": "Asia/Tokyo",
            "cause": "Sound lost in the detention house",
        },
        follow=True,
    )
    row = theirs.interruptions.get()
    assert (row.started_at, row.ended_at, row.cause) == (
        datetime(2030, 5, 6, 1, 5, tzinfo=UTC),
        datetime(2030, 5, 6, 1, 12, tzinfo=UTC),
        "Sound lost in the detention house",
    )
    body = answer.content.decode()
    assert "Interruption recorded." in body
    assert "Sound lost in the detention house" in body


def test_the_requesting_side_cannot_record_an_interruption_and_nothing_is_written(
    agreed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    ours, _ = agreed
    officer = client_for("officer")
    assert "/interruptions/" not in _page(officer, ours)
    before = (writes(), _counts())
    answer = officer.post(
        f"/hearings/{ours.pk}/interruptions/",
        {"started_at": "2030-05-06T10:05", "time_zone": "UTC", "cause": "Sound lost"},
        follow=True,
    )
    assert "requested State" in answer.content.decode()
    assert (writes(), _counts()) == before


# --- recordings -----------------------------------------------------------------------------


def test_a_recording_is_bound_by_its_hash_and_place_and_shown(
    agreed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    _, theirs = agreed
    officer = client_for("officer")
    answer = officer.post(
        f"/hearings/{theirs.pk}/recordings/",
        {"sha256": "AB" * 32, "place": "XB court archive, shelf 7"},
        follow=True,
    )
    row = theirs.recordings.get()
    assert (row.sha256, row.place) == ("ab" * 32, "XB court archive, shelf 7")
    body = answer.content.decode()
    assert "Recording bound to the hearing." in body
    assert "ab" * 32 in body
    assert "XB court archive, shelf 7" in body


def test_a_recording_with_a_bad_hash_is_refused_with_nothing_written(
    agreed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    _, theirs = agreed
    before = (writes(), _counts())
    answer = client_for("officer").post(
        f"/hearings/{theirs.pk}/recordings/",
        {"sha256": "z" * 64, "place": "XB archive"},
        follow=True,
    )
    assert "Give the SHA-256 as 64 hexadecimal characters." in answer.content.decode()
    assert (writes(), _counts()) == before


# --- join links -----------------------------------------------------------------------------


def test_a_join_link_is_made_on_click_shown_once_and_never_stored(
    agreed: tuple[Hearing, Hearing], client_for: Callable[[str], Client]
) -> None:
    ours, _ = agreed
    Hearing.objects.filter(pk=ours.pk).update(provider="link", link=ROOM)
    judge = ours.participants.get(role="presiding_judge")
    officer = client_for("officer")
    page = _page(officer, ours)
    # the page carries a button, never the link itself
    assert f'action="/hearings/{ours.pk}/join/"' in page
    assert ROOM not in page
    # when the officer asks for the judge's link
    answer = officer.post(f"/hearings/{ours.pk}/join/", {"participant": str(judge.pk)})
    # then it is shown once, not cached, sending no referrer, and only its issue is audited
    assert answer.status_code == 200
    assert ROOM in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]
    assert answer["Referrer-Policy"] == "no-referrer"
    event = AuditEvent.objects.filter(action="hearing.join_link").get()
    assert ROOM not in str(event.changes)


def test_no_link_is_made_for_the_other_states_participant_and_nothing_is_written(
    agreed: tuple[Hearing, Hearing],
    client_for: Callable[[str], Client],
    writes: Callable[[], Any],
) -> None:
    ours, _ = agreed
    Hearing.objects.filter(pk=ours.pk).update(provider="link", link=ROOM)
    theirs_person = ours.participants.filter(ours=False).first()
    assert theirs_person is not None
    officer = client_for("officer")
    assert "Given by the other State" in _page(officer, ours)
    before = writes()
    answer = officer.post(
        f"/hearings/{ours.pk}/join/", {"participant": str(theirs_person.pk)}, follow=True
    )
    body = answer.content.decode()
    assert "The other State gives its own participants their link" in body
    assert ROOM not in body
    assert writes() == before


# --- interpreters' availability -------------------------------------------------------------


def test_the_register_records_an_interpreters_availability(
    states: None, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    interpreter = Interpreter.objects.create(name="Irina Ivanova", language_pairs="ru-fr")
    clerk = client_for("clerk")
    assert (
        'action="/hearings/interpreters/availability/"'
        in clerk.get("/hearings/interpreters/").content.decode()
    )
    answer = clerk.post(
        "/hearings/interpreters/availability/",
        {
            "interpreter": str(interpreter.pk),
            "start": "2030-05-06T09:00",
            "end": "2030-05-06T17:00",
            "time_zone": "Europe/Paris",
        },
        follow=True,
    )
    row = interpreter.availabilities.get()
    assert (row.start, row.end) == (
        datetime(2030, 5, 6, 7, 0, tzinfo=UTC),
        datetime(2030, 5, 6, 15, 0, tzinfo=UTC),
    )
    assert "Availability recorded." in answer.content.decode()


def test_an_availability_ending_before_it_starts_is_refused_and_an_auditor_may_not_add_one(
    states: None, client_for: Callable[[str], Client], writes: Callable[[], Any]
) -> None:
    interpreter = Interpreter.objects.create(name="Irina Ivanova", language_pairs="ru-fr")
    data = {
        "interpreter": str(interpreter.pk),
        "start": "2030-05-06T17:00",
        "end": "2030-05-06T09:00",
        "time_zone": "UTC",
    }
    before = (writes(), _counts())
    client_for("clerk").post("/hearings/interpreters/availability/", data, follow=True)
    assert (writes(), _counts()) == before
    data["end"] = "2030-05-06T18:00"
    assert client_for("auditor").post("/hearings/interpreters/availability/", data).status_code
    assert Availability.objects.count() == 0


# --- telephone ------------------------------------------------------------------------------


def test_a_telephone_hearing_proposed_from_the_case_page_shows_its_number_and_no_links(
    cases: tuple[Case, Case], client_for: Callable[[str], Client]
) -> None:
    outgoing, _ = cases
    officer = client_for("officer")
    officer.post(
        f"/cases/{outgoing.pk}/hearings/propose/",
        {
            "kind": "witness",
            "reason_not_in_person": "The witness lives abroad.",
            "requesting_authority": "Court of XA",
            "requested_authority": "Court of XB",
            "language": "en",
            "start": "2030-03-10T18:00",
            "time_zone": "Europe/Paris",
            "minutes": "60",
            "mode": "telephone",
            "dial_in": "+99 555 0100",
            "conference_code": "4477#",
        },
    )
    hearing = Hearing.objects.get(case=outgoing)
    assert (hearing.mode, hearing.dial_in, hearing.conference_code) == (
        "telephone",
        "+99 555 0100",
        "4477#",
    )
    page = _page(officer, hearing)
    assert "Hearing by telephone" in page
    assert "+99 555 0100" in page
    assert "4477#" in page
    assert "/join/" not in page


def test_a_telephone_consent_hearing_is_refused_from_the_case_page_with_nothing_written(
    cases: tuple[Case, Case], client_for: Callable[[str], Client], writes: Callable[[], Any]
) -> None:
    outgoing, _ = cases
    before = (writes(), Hearing.objects.count())
    answer = client_for("officer").post(
        f"/cases/{outgoing.pk}/hearings/propose/",
        {
            "kind": "consent_to_surrender",
            "reason_not_in_person": "Detained abroad.",
            "requesting_authority": "Court of XA",
            "requested_authority": "Court of XB",
            "language": "en",
            "start": "2030-03-10T18:00",
            "time_zone": "Europe/Paris",
            "minutes": "60",
            "mode": "telephone",
            "dial_in": "+99 555 0100",
        },
        follow=True,
    )
    assert "EU MLA Convention 2000 art. 11" in answer.content.decode()
    assert (writes(), Hearing.objects.count()) == before
