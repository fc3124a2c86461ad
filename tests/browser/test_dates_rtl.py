"""Dates and mixed-direction text in a real browser (issue 13 items 6 and 7)."""

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.inputs import NameInput, OffenceInput, PersonInput
from tests.browser.support import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Abdulrahmanibnkhalid" * 15  # 300 letters, no break opportunity


def _case(open_case: Any) -> Any:
    return open_case(
        persons=[
            PersonInput(
                role="suspect",
                names=[NameInput("عبد الله الحسيني", "original_script", "Abdullah Al-Husseini")],
                birth_date="1975-03-02",
            ),
            PersonInput(role="witness", names=[NameInput(LONG_NAME)]),
        ],
        offences=[OffenceInput("Fraud.", place="Port Aurel", committed_on=date(2025, 6, 30))],
        requested_by=datetime(2026, 12, 3, 23, 59, tzinfo=UTC),
    )


def _reads_arabic(people: Any) -> None:
    people["officer"].language = "ar"
    people["officer"].save(update_fields=["language"])


def test_arabic_offence_line_keeps_place_and_date_apart_and_in_order(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given an Arabic reader and an offence committed in Port Aurel on 30 June 2025
    _reads_arabic(people)
    case = _case(open_case)
    sign_in(page, live_server, "officer")
    # when the case page is shown
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # then the place and the date are two isolated elements, place first in reading order,
    # so on a right-to-left line the place stands to the right of the date
    line = page.locator("#offences-title ~ ul li .meta").first
    runs = line.locator("bdi").evaluate_all(
        """els => els.map(e => ({
            text: e.textContent,
            cls: e.className,
            bidi: getComputedStyle(e).unicodeBidi,
            right: e.getBoundingClientRect().right,
        }))"""
    )
    assert [(r["cls"], r["text"], r["bidi"]) for r in runs] == [
        ("place", "Port Aurel", "isolate"),
        ("date", "30 يونيو 2025", "isolate"),
    ]
    assert runs[0]["right"] > runs[1]["right"]
    assert page.evaluate("document.documentElement.dir") == "rtl"
    screenshot(page, "case-page-ar")


@pytest.mark.parametrize(("width", "language"), [(1280, "ar"), (390, "ar"), (390, "en")])
def test_a_300_letter_name_does_not_widen_the_page(
    browser: Any, live_server: Any, people: Any, open_case: Any, width: int, language: str
) -> None:
    # given a person whose name is 300 letters without a break
    if language == "ar":
        _reads_arabic(people)
    case = _case(open_case)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        sign_in(tab, live_server, "officer")
        # when the case page and the case list are shown at this width
        for path in (f"/cases/{case.pk}/", "/cases/?q=Abdulrahmanibnkhalid"):
            tab.goto(f"{live_server.url}{path}")
            # then nothing is wider than the window
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                f"{path} at {width}px in {language}"
            )
    finally:
        context.close()


def test_english_case_page_writes_dates_day_first_with_the_month_in_words(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    case = _case(open_case)
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    summary = page.get_by_role("region", name="Summary")
    assert summary.locator("dt:text('Execution requested by') + dd").inner_text() == "3 Dec 2026"
    assert page.locator("bdi.date").inner_text() == "30 Jun 2025"
    assert "2 Mar 1975" in page.get_by_role("region", name="Persons").inner_text()
    screenshot(page, "case-page-en")


def test_officer_types_a_birth_date_day_first_and_a_future_one_is_refused(
    page: Any, live_server: Any, people: Any
) -> None:
    # given the form that opens an outgoing request
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/new/outgoing/mla/")
    page.get_by_label("Title").fill("Bank records of Borealis Trading")
    page.get_by_label("Requested State").select_option("XB")
    person = page.get_by_role("group", name="Person 1")
    person.get_by_label("Name in original script").fill("Ivan Petrov")
    # when the date of birth is in 2099
    person.get_by_label("Date of birth").fill("01/01/2099")
    page.get_by_role("button", name="Save the draft").click()
    # then the form says so in words, on that field, and nothing is opened
    error = page.locator("#error-summary")
    assert "Date of birth of person 1: 2099-01-01 is in the future." in error.inner_text()
    assert Case.objects.count() == 0
    # when it is corrected to 31/12/1980
    page.get_by_role("group", name="Person 1").get_by_label("Date of birth").fill("31/12/1980")
    page.get_by_role("button", name="Save the draft").click()
    # then the request is opened with that date, shown day first
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    assert Case.objects.get().persons.get().birth_date_text == "1980-12-31"
    assert "31 Dec 1980" in page.get_by_role("region", name="Persons").inner_text()
