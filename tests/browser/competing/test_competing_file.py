"""Two States request the same person: in a real browser the supervisor confirms the match,
opens the competing-requests file, reads the factors of ETS 24 art. 17 and decides."""

import re
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import CompetingFile, CompetingStatus
from rogatory.apps.screening.models import PersonMatch
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_supervisor_confirms_the_match_opens_the_file_and_decides_it(
    page: Any, live_server: Any, people: Any, two_requests: tuple[Case, Case], match: PersonMatch
) -> None:
    from_b, from_c = two_requests
    sign_in(page, live_server, "supervisor")
    # given the suggestion is reached from the case page
    page.goto(f"{live_server.url}/cases/{from_b.pk}/")
    page.get_by_role("link", name="Possible matches with other requests").click()
    # when the supervisor confirms it with a note
    page.get_by_label("Note").fill("Same name and date of birth")
    page.get_by_role("button", name="Confirm: same person").click()
    # and opens a competing-requests file with Caldera's request
    page.get_by_role("checkbox", name=from_c.our_reference).check()
    page.get_by_role("button", name="Open a competing-requests file").click()
    page.wait_for_url(re.compile(r"/competing/\d+/$"))
    # then the requests are side by side with every factor and its article
    factors = page.locator(".factors")
    for label in (
        "Relative seriousness of the offences",
        "Place of commission",
        "Dates of the requests",
        "Nationality of the person",
        "Later extradition to another State",
    ):
        assert factors.get_by_text(label).count() == 1
    assert serious_violations(page) == []
    screenshot(page, "competing-file-en")
    # when the supervisor gives Borealis's request the first place, with reasons
    page.get_by_label(f"Place of {from_b.our_reference} in the order").select_option("1")
    page.get_by_label(f"Place of {from_c.our_reference} in the order").select_option("2")
    page.get_by_label("Reasons").fill("The more serious offence, committed in Borealis.")
    page.get_by_role("button", name="Record the decision").click()
    # then the decision is recorded, prevailing request first
    page.get_by_text("The more serious offence, committed in Borealis.").wait_for()
    file = CompetingFile.objects.get()
    assert (file.status, file.order) == (CompetingStatus.DECIDED, [from_b.pk, from_c.pk])
    # and an Arabic reader sees the file right to left
    people["supervisor"].language = "ar"
    people["supervisor"].save(update_fields=["language"])
    page.goto(f"{live_server.url}/competing/{file.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "competing-file-ar")


def test_the_treaty_factors_read_well_in_english_and_arabic(
    page: Any, live_server: Any, people: Any, two_requests: tuple[Case, Case], confirmed: Any
) -> None:
    from rogatory.apps.directory.services import treaties_load_shipped
    from rogatory.apps.extradition.services.competing import competing_file_open

    # given the example treaties XA-XB and XA-XC in the directory and a file on both requests
    treaties_load_shipped()
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    sign_in(page, live_server, "supervisor")
    # when the supervisor reads the file
    page.goto(f"{live_server.url}/competing/{file.pk}/")
    factors = page.locator(".factors")
    # then each treaty's rule is listed under its article, with no serious accessibility issue
    assert factors.get_by_text("Nationality of the victims").count() == 1
    assert factors.get_by_text("Rule of the treaty, from the directory").count() == 7
    assert serious_violations(page) == []
    # and in Arabic, right to left, just as well
    people["supervisor"].language = "ar"
    people["supervisor"].save(update_fields=["language"])
    page.goto(f"{live_server.url}/competing/{file.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert serious_violations(page) == []
    screenshot(page, "competing-file-treaties-ar")
