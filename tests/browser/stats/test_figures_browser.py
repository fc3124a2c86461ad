"""In a real browser a supervisor reads the figures, drills down to the cases behind one, and
reads them again in Arabic, right to left; both pages pass axe (WCAG 2.2 AA)."""

import re
from typing import Any

import pytest

from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_supervisor_reads_figures_and_drills_down_in_english_and_arabic(
    page: Any, live_server: Any, people: Any, register: dict[str, Any]
) -> None:
    sign_in(page, live_server, "supervisor")
    # given the figures of the first quarter, reached from the main navigation
    page.get_by_role("link", name="Figures").click()
    page.wait_for_url(re.compile(r"/figures/$"))
    page.get_by_label("From (month)").fill("2026-01")
    page.get_by_label("To (month)").fill("2026-03")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"from=2026-01"))
    # then each chart is an image named by its title, with its table beside it
    assert page.get_by_role("img", name=re.compile("Requests by period")).count() == 1
    assert page.locator("section.figure table").count() >= 12
    assert serious_violations(page) == []
    screenshot(page, "figures-en")
    # when the supervisor follows the overdue figure of outgoing requests
    overdue = page.locator(
        "section.figure", has=page.get_by_role("heading", name=re.compile("time limit passed"))
    )
    overdue.get_by_role("row", name=re.compile("Outgoing")).get_by_role("link").click()
    page.wait_for_url(re.compile(r"/figures/cases/"))
    # then the one case behind it is listed, and opens
    assert page.get_by_role("link", name=register["C"].our_reference).count() == 1
    assert serious_violations(page) == []
    page.get_by_role("link", name=register["C"].our_reference).click()
    page.wait_for_url(re.compile(rf"/cases/{register['C'].pk}/$"))
    # and an Arabic reader gets the same figures right to left
    people["supervisor"].language = "ar"
    people["supervisor"].save(update_fields=["language"])
    page.goto(f"{live_server.url}/figures/?from=2026-01&to=2026-03")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("svg.chart").count() >= 8
    assert serious_violations(page) == []
    screenshot(page, "figures-ar")
    page.locator("section.figure a[href*='/figures/cases/']").first.click()
    page.wait_for_url(re.compile(r"/figures/cases/"))
    assert serious_violations(page) == []
