"""The guided form in a real browser (issue 17), in English and in Arabic: the officer drafts
an MLA request to XB, the checklist says what is missing and why as the form changes (htmx,
no inline script), the officer fixes it, and the pages pass axe (WCAG 2.2 AA)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from rogatory.apps.directory.services import requirements_load_shipped
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_officer_sees_what_is_missing_fixes_it_and_saves_the_draft(
    page: Any, live_server: Any, people: dict[str, Any], language: str
) -> None:
    # given XB's published requirements and an officer reading in the given language
    requirements_load_shipped()
    User.objects.update(language=language)
    sign_in(page, live_server, "officer")
    # when the officer opens a new MLA request
    page.goto(f"{live_server.url}/cases/new/outgoing/mla/")
    checklist = page.locator("#drafting-checklist")
    # then the checklist (loaded by htmx) names the missing facts with their article
    checklist.locator("text=UNTOC art. 18(15)(c)").wait_for()
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    # when the officer writes the request in Spanish, to XB
    page.locator("#id_title").fill("Bank records of Borealis Trading")
    page.locator("#id_requested_state").select_option("XB")
    page.locator("#id_request_language").select_option("es")
    # then the checklist says XB does not accept it, and which languages it accepts
    checklist.locator("text=en, fr").wait_for()
    assert serious_violations(page) == []
    screenshot(page, f"drafting-guided-form-{language}")
    # when the officer switches to French and fills in the rest
    page.locator("#id_request_language").select_option("fr")
    page.locator("#id_subject").fill("Investigation of laundering")
    page.locator("#id_facts").fill("Proceeds moved through Borealis Trading.")
    page.locator("#id_proceedings_authority").fill("Public Prosecutor's Office of XA")
    page.locator("#id_proceedings_authority_functions").fill("Investigating prosecutor")
    page.locator("#id_dual_criminality").fill("Laundering is an offence in XB too.")
    page.locator("#id_persons-0-full_name").fill("Иван Петров")
    page.locator("#id_measures-0-type").select_option("records")
    page.locator("#id_measures-0-description").fill("Statements 2019-2021")
    page.locator("#id_measures-0-purpose").fill("To trace the proceeds")
    page.locator("#id_measures-0-purpose").blur()
    # then nothing blocks approval any more
    checklist.locator("text=en, fr").wait_for(state="detached")
    checklist.locator("[role=status]").wait_for()
    # (each change refreshes the checklist: wait for the answer to the last one, not an earlier)
    expect(checklist.locator("li.finding-block")).to_have_count(0, timeout=30_000)
    # and the draft is saved, its case page showing the same checklist
    page.locator("main form button.primary").click()
    page.wait_for_url(f"{live_server.url}/cases/*/")
    case = Case.objects.get(title="Bank records of Borealis Trading")
    assert case.request_language == "fr"
    page.locator("#drafting-checklist [role=status]").wait_for()
    assert serious_violations(page) == []
    screenshot(page, f"drafting-case-checklist-{language}")
