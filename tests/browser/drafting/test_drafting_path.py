"""The whole drafting path in one browser (issue 17, "Done when"): an officer drafts an MLA
request to XB and sees what is missing and why, fixes it and submits; the checker stops the
request while it is in a language XB does not accept, and says so; the supervisor (the second
pair of eyes) approves; the letter downloads as PDF and DOCX in Arabic, Chinese and English,
each PDF holding its headings in its own script; and the approved content cannot be changed in
place: an edit withdraws the approval (four eyes on a version), back to drafting."""

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case
from rogatory.apps.directory.services import requirements_load_shipped
from tests.browser.support import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Two headings of the letter per language, as the project's catalogues translate them.
HEADINGS = {
    "ar": ("السلطة الطالبة", "الأساس القانوني"),
    "zh-hans": ("请求机关", "法律依据"),
    "en": ("Requesting authority", "Legal basis"),
}
TITLE = "Bank records of Borealis Trading"


def _pdf_text(content: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is absent")
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def _step(page: Any, name: str) -> Any:
    """Open a step of the case page's "Next steps" and return its panel."""
    page.get_by_role("region", name="Next steps").get_by_role("link", name=name, exact=True).click()
    panel = page.locator("#transition-panel")
    panel.get_by_role("button", name="Confirm").wait_for()
    return panel


def _status(page: Any) -> str:
    text: str = page.locator(".status-line .status").inner_text()
    return text


def test_an_officer_drafts_a_supervisor_approves_and_the_letter_downloads(
    browser: Any, page: Any, live_server: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    # given XB's published requirements (it accepts English or French) and a signed-in officer
    requirements_load_shipped()
    # Rendering a PDF letter takes a moment on a busy machine: wait longer than the default.
    page.set_default_timeout(60_000)
    sign_in(page, live_server, "officer")
    # when the officer opens an MLA request to XB, written in Spanish
    page.goto(f"{live_server.url}/cases/new/outgoing/mla/")
    checklist = page.locator("#drafting-checklist")
    checklist.locator("text=UNTOC art. 18(15)(c)").wait_for()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_requested_state").select_option("XB")
    page.locator("#id_request_language").select_option("es")
    # then the checklist says what is missing and why: the facts (art. 18(15)(c)) and the
    # language, which XB does not accept
    refusal = "The requested State does not accept requests in es; it accepts: en, fr."
    checklist.get_by_text(refusal, exact=False).wait_for()
    assert checklist.get_by_text("Summarise the relevant facts.").count() == 1
    screenshot(page, "drafting-path-1-checklist")
    # when the officer fills in everything else and saves the draft, still in Spanish
    page.locator("#id_subject").fill("Investigation of laundering")
    page.locator("#id_facts").fill("Proceeds moved through Borealis Trading.")
    page.locator("#id_proceedings_authority").fill("Public Prosecutor's Office of XA")
    page.locator("#id_proceedings_authority_functions").fill("Investigating prosecutor")
    page.locator("#id_dual_criminality").fill("Laundering is an offence in XB too.")
    page.locator("#id_persons-0-full_name").fill("王小明")
    page.locator("#id_measures-0-type").select_option("records")
    page.locator("#id_measures-0-description").fill("Statements 2019-2021")
    page.locator("#id_measures-0-purpose").fill("To trace the proceeds")
    page.locator("#id_measures-0-purpose").blur()
    checklist.get_by_text("Summarise the relevant facts.").wait_for(state="detached")
    page.locator("main form button.primary").click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get(title=TITLE)
    case_url = f"{live_server.url}/cases/{case.pk}/"
    # and submits it for approval
    _step(page, "Submit for approval").get_by_role("button", name="Confirm").click()
    page.wait_for_url(case_url)
    assert _status(page) == "Awaiting approval"

    # when the supervisor, in their own session, tries to approve it
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(60_000)
    boss = context.new_page()
    sign_in(boss, live_server, "supervisor")
    boss.goto(case_url)
    panel = _step(boss, "Approve")
    panel.get_by_role("button", name="Confirm").click()
    # then the checker stops it and says why: the language is not one XB accepts
    boss.locator(".error-summary").get_by_text(
        "The request cannot be approved yet.", exact=False
    ).wait_for()
    boss.goto(case_url)
    boss.locator("#drafting-checklist").get_by_text(refusal, exact=False).wait_for()
    case.refresh_from_db()
    assert (case.status, case.approved_hash) == ("pending_approval", "")
    screenshot(boss, "drafting-path-2-approval-refused")
    # and sends it back to drafting with the reason
    panel = _step(boss, "Return to drafting")
    panel.get_by_label("Reason").fill("XB accepts requests in English or French only.")
    panel.get_by_role("button", name="Confirm").click()
    boss.wait_for_url(case_url)

    # when the officer translates the request into French and submits it again
    page.goto(f"{case_url}edit/")
    page.locator("#id_request_language").select_option("fr")
    page.locator("main form button.primary").click()
    page.wait_for_url(case_url)
    page.locator("#drafting-checklist").get_by_text(refusal, exact=False).wait_for(state="detached")
    _step(page, "Submit for approval").get_by_role("button", name="Confirm").click()
    page.wait_for_url(case_url)
    # then the supervisor approves this version
    boss.goto(case_url)
    _step(boss, "Approve").get_by_role("button", name="Confirm").click()
    boss.wait_for_url(case_url)
    assert _status(boss) == "Approved"
    case.refresh_from_db()
    approved = case.approved_hash
    assert len(approved) == 64
    assert case.approved_by_id == people["supervisor"].pk
    screenshot(boss, "drafting-path-3-approved")
    context.close()

    # when the officer downloads the letter in Arabic, Chinese and English, as PDF and DOCX
    page.goto(case_url)
    form = page.locator(f'form[action="/cases/{case.pk}/letter/"]')
    for language, headings in HEADINGS.items():
        form.locator("select").select_option(language)
        form.locator('input[value="pdf"]').check()
        with page.expect_download() as pdf:
            form.locator("button").click()
        saved = tmp_path / pdf.value.suggested_filename
        pdf.value.save_as(saved)
        # then each PDF holds the headings in its script, and the content as entered
        content = saved.read_bytes()
        assert content.startswith(b"%PDF-")
        text = _pdf_text(content)
        for heading in headings:
            assert heading in text, (language, heading)
        assert "王小明" in text
        # and each DOCX opens and holds the same headings
        form.locator('input[value="docx"]').check()
        with page.expect_download() as docx:
            form.locator("button").click()
        saved_docx = tmp_path / docx.value.suggested_filename
        docx.value.save_as(saved_docx)
        body = "\n".join(
            p.text for p in DocxDocument(io.BytesIO(saved_docx.read_bytes())).paragraphs
        )
        assert headings[0] in body, language
    screenshot(page, "drafting-path-4-letters")

    # when the officer changes the approved request in place
    page.goto(f"{case_url}edit/")
    page.locator("#id_facts").fill("Proceeds moved through Borealis Trading and Aurel Bank.")
    page.locator("main form button.primary").click()
    page.wait_for_url(case_url)
    # then the change withdraws the approval: the request is a draft again, the version the
    # supervisor approved is no longer approved, and the withdrawal is on the timeline and audited
    assert _status(page) == "Draft"
    case.refresh_from_db()
    assert (case.status, case.approved_hash, case.approved_by_id) == ("draft", "", None)
    timeline = page.get_by_role("region", name="Timeline")
    timeline.get_by_text("Approval withdrawn", exact=False).wait_for()
    withdrawn = AuditEvent.objects.get(action="case.approval_withdrawn")
    assert withdrawn.changes["version"] == approved
    screenshot(page, "drafting-path-5-approval-withdrawn")
