"""The hearing page's forms in a real browser, in English and Arabic: the requested side adds
a participant, records an interruption and binds a recording; the requesting side sees who
records the safeguards, proposes a change of the slot and makes a join link; the register
records an interpreter's availability. Every screen passes axe (no serious or critical
violation)."""

from typing import Any

import pytest

from rogatory.apps.hearings.models import Availability, Hearing, Interpreter
from rogatory.apps.hearings.tests.test_flow import _connect_all, _record, agreed_pair
from rogatory.core.hearings.safeguards import SafeguardStep
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
ROOM = "https://conference.xa.example/room-7"


def _arabic(page: Any, people: Any, url: str) -> None:
    people["officer"].language = "ar"
    people["officer"].save(update_fields=["language"])
    page.goto(url)
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_the_requested_side_adds_a_participant_an_interruption_and_a_recording(
    page: Any, live_server: Any, people: Any, proposed: tuple[Hearing, Hearing]
) -> None:
    _, theirs = agreed_pair(proposed, people)
    _connect_all(theirs, people["officer"])
    _record(theirs, people["officer"], SafeguardStep.ATTENDANCE)
    url = f"{live_server.url}/hearings/{theirs.pk}/"
    sign_in(page, live_server, "officer")
    page.goto(url)
    # when the officer adds the technical contact
    page.get_by_text("Add a participant").click()
    page.locator("#pa-role").select_option("technical_contact")
    page.locator("#pa-name").fill("Kenji Mori")
    page.locator("#pa-joins_from").fill("Court of Appeal of XB, room 4")
    page.locator("#pa-time_zone").fill("Asia/Tokyo")
    page.get_by_role("button", name="Add the participant").click()
    page.get_by_text("Participant added.").wait_for()
    assert theirs.participants.filter(name="Kenji Mori", ours=True).count() == 1
    # and records an interruption
    page.get_by_text("Record an interruption").click()
    page.locator("#hi-started_at").fill("2030-05-06T10:05")
    page.locator("#hi-ended_at").fill("2030-05-06T10:12")
    page.locator("#hi-cause").fill("Sound lost in the detention house")
    page.get_by_role("button", name="Record the interruption").click()
    page.get_by_text("Interruption recorded.").wait_for()
    # and binds the recording by its hash and place
    page.get_by_text("Bind a recording").click()
    page.locator("#hr-sha256").fill("ab" * 32)
    page.locator("#hr-place").fill("XB court archive, shelf 7")
    page.get_by_role("button", name="Bind the recording").click()
    page.get_by_text("Recording bound to the hearing.").wait_for()
    assert (theirs.interruptions.count(), theirs.recordings.count()) == (1, 1)
    # then the page, its forms open, passes axe in English and in Arabic
    for summary in ("Add a participant", "Record an interruption", "Bind a recording"):
        page.get_by_text(summary).click()
    assert serious_violations(page) == []
    screenshot(page, "hearing-requested-forms-en")
    _arabic(page, people, url)
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert serious_violations(page) == []
    screenshot(page, "hearing-requested-forms-ar")


def test_the_requesting_side_changes_the_slot_and_makes_a_join_link(
    page: Any, live_server: Any, people: Any, proposed: tuple[Hearing, Hearing]
) -> None:
    ours, _ = agreed_pair(proposed, people)
    Hearing.objects.filter(pk=ours.pk).update(provider="link", link=ROOM)
    url = f"{live_server.url}/hearings/{ours.pk}/"
    sign_in(page, live_server, "officer")
    page.goto(url)
    # then the safeguards are the requested State's, none marked as this side's next step
    assert page.get_by_text("The requested State records these steps").count() == 1
    assert page.get_by_text("next step").count() == 0
    # when the officer proposes a change of the agreed slot
    day = ours.start.date() if ours.start else None
    page.get_by_text("Propose a change of the slot").click()
    page.locator("#hg-start").fill(f"{day:%Y-%m-%d}T09:30")
    page.locator("#hg-reason").fill("Court room unavailable")
    assert serious_violations(page) == []
    screenshot(page, "hearing-requesting-change-en")
    page.get_by_role("button", name="Send the change").click()
    page.get_by_text("Change of the slot sent to the other State.").wait_for()
    ours.refresh_from_db()
    assert ours.sequence == 1
    # and makes the presiding judge's join link
    page.get_by_role("button", name="Make the join link of Judge Rivera").click()
    page.get_by_role("heading", name="Join link").wait_for()
    assert page.locator("#join-url").input_value() == ROOM
    assert serious_violations(page) == []
    screenshot(page, "hearing-join-en")
    # and in Arabic the requesting side's page passes axe too
    _arabic(page, people, url)
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert serious_violations(page) == []
    screenshot(page, "hearing-requesting-ar")


def test_the_register_records_an_availability(page: Any, live_server: Any, people: Any) -> None:
    interpreter = Interpreter.objects.create(name="Irina Ivanova", language_pairs="ru-fr")
    url = f"{live_server.url}/hearings/interpreters/"
    sign_in(page, live_server, "officer")
    page.goto(url)
    page.locator("#av-interpreter").select_option(str(interpreter.pk))
    page.locator("#av-start").fill("2030-05-06T09:00")
    page.locator("#av-end").fill("2030-05-06T17:00")
    page.locator("#av-time_zone").fill("Europe/Paris")
    page.get_by_role("button", name="Record the availability").click()
    page.get_by_text("Availability recorded.").wait_for()
    assert Availability.objects.filter(interpreter=interpreter).count() == 1
    assert serious_violations(page) == []
    screenshot(page, "hearing-interpreters-en")
    _arabic(page, people, url)
    assert serious_violations(page) == []
    screenshot(page, "hearing-interpreters-ar")
