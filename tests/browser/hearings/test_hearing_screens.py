"""The hearing screen in a real browser, in English and Arabic: the requested side's officer
records a connection, is told a safeguard cannot be skipped, and the page passes axe."""

from typing import Any

import pytest

from rogatory.apps.hearings.models import Hearing, SafeguardRecord
from rogatory.apps.hearings.tests.test_flow import agreed_pair
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_requested_side_records_a_connection_and_cannot_skip_a_step(
    page: Any, live_server: Any, people: Any, proposed: tuple[Hearing, Hearing]
) -> None:
    _, theirs = agreed_pair(proposed, people)
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/hearings/{theirs.pk}/")
    # then the safeguards are listed in order, the first one next
    assert page.get_by_role("heading", name="Safeguards").count() == 1
    assert serious_violations(page) == []
    screenshot(page, "hearing-en")
    # when the officer records the person's connection
    page.get_by_label("Participant", exact=True).select_option(label="Lena Morozova")
    page.get_by_label("Place", exact=True).fill("Detention house, room 2")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_text("Connection recorded.").wait_for()
    # and tries to record attendance without the official present connected
    page.get_by_role("button", name="Record the step").click()
    page.get_by_text("Record first the connection of each person this step needs").wait_for()
    assert SafeguardRecord.objects.count() == 0
    # and an Arabic reader sees the page right to left, still accessible
    people["officer"].language = "ar"
    people["officer"].save(update_fields=["language"])
    page.goto(f"{live_server.url}/hearings/{theirs.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert serious_violations(page) == []
    screenshot(page, "hearing-ar")
