"""Detention conditions in a real browser: the officer keeps a dossier on the requesting State,
records step 1 of the assessment on a case, asks for supplementary information, and is told
the decision waits for it; each screen passes axe in English and in Arabic."""

import re
from datetime import timedelta
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import DetentionAssessment, DetentionDossier
from rogatory.apps.extradition.services.detention import node_today
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_keeps_a_dossier_and_assesses_the_case_in_english_and_arabic(
    page: Any, live_server: Any, people: Any, extradition: Case
) -> None:
    sign_in(page, live_server, "officer")
    # given the dossier list reached from the main navigation
    page.get_by_role("link", name="Detention conditions").click()
    page.wait_for_url(re.compile(r"/detention/$"))
    assert serious_violations(page) == []
    # when the officer opens a dossier on Borealis's remand prison
    page.locator("#id_state").select_option("XB")
    page.locator("#id_facility").fill("Central Remand Prison")
    page.locator("#id_facility_kind").select_option("remand")
    page.get_by_label("Personal space per detainee (m²)").fill("2.6")
    page.get_by_role("button", name="Open the dossier").click()
    page.wait_for_url(re.compile(r"/detention/\d+/$"))
    # then the reading of the space names its source
    assert page.get_by_text("a strong presumption of inhuman or degrading treatment").count() == 1
    # when a CPT report is added
    page.locator("#id_source-kind").select_option("cpt_report")
    page.locator("#id_source-title").fill("CPT periodic visit 2025")
    page.locator("#id_source-published_on").fill("2025-06-01")
    page.get_by_role("button", name="Add the source").click()
    page.get_by_text("CPT periodic visit 2025").first.wait_for()
    assert serious_violations(page) == []
    screenshot(page, "detention-dossier-en")
    dossier = DetentionDossier.objects.get()
    # when the officer records step 1 on the case
    page.goto(f"{live_server.url}/cases/{extradition.pk}/detention/")
    step1 = page.locator("form", has=page.get_by_role("button", name="Record step 1"))
    page.locator("#id_general-general_risk").select_option("general_risk")
    step1.get_by_role("checkbox", name=re.compile("CPT periodic visit 2025")).check()
    page.get_by_label("Facility where the person would be held").select_option(str(dossier.pk))
    page.locator("#id_general-reasons").fill("Systemic overcrowding shown by the CPT.")
    page.get_by_role("button", name="Record step 1").click()
    page.get_by_text("ask the requesting State for supplementary information").first.wait_for()
    # and asks for supplementary information with a time limit
    today = node_today()
    page.locator("#id_request-asked").fill("Cell size and occupancy.")
    page.locator("#id_request-requested_on").fill(today.isoformat())
    page.locator("#id_request-deadline").fill((today + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Record the request").click()
    page.get_by_text("the decision on surrender is postponed").first.wait_for()
    # then step 2 is refused while the answer is awaited
    page.locator("#id_individual-individual_risk").select_option("ruled_out")
    page.locator("#id_individual-reasons").fill("Fine.")
    page.get_by_role("button", name="Record step 2").click()
    page.locator("#error-summary").wait_for()
    assert "the decision is postponed" in page.locator("#error-summary").inner_text()
    assert DetentionAssessment.objects.get().individual_risk == "pending"
    assert serious_violations(page) == []
    screenshot(page, "detention-case-en")
    # and an Arabic reader sees both screens right to left, with no serious violation
    people["officer"].language = "ar"
    people["officer"].save(update_fields=["language"])
    for url in (f"/detention/{dossier.pk}/", f"/cases/{extradition.pk}/detention/", "/detention/"):
        page.goto(f"{live_server.url}{url}")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert serious_violations(page) == []
    screenshot(page, "detention-list-ar")
