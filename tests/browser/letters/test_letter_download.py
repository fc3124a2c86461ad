"""Downloading the letter of request from the case page, in English and in Arabic (issue 17)."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.letters.tests.conftest import ARABIC_NAME, CHINESE_NAME, persons
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf_text(path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is absent")
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_officer_downloads_the_letter_in_their_language(
    page: Any,
    live_server: Any,
    people: dict[str, Any],
    open_case: Any,
    language: str,
    tmp_path: Path,
) -> None:
    # given an officer reading the site in the language, on the page of their request
    case = open_case(persons=persons())
    User.objects.filter(username="officer").update(language=language)
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    form = page.locator(f'form[action="/cases/{case.pk}/letter/"]')
    # the letter's language is preselected to the reader's
    assert form.locator("select").input_value() == language
    screenshot(page, f"case-letters-{language}")
    # when they download the PDF
    with page.expect_download() as download:
        form.locator("button").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    # then the file is the letter of the request, in the language, with the names in their script
    assert saved.name == case.our_reference.replace("/", "-") + f"-letter-{language}.pdf"
    assert saved.read_bytes().startswith(b"%PDF-1.7")
    text = _pdf_text(saved)
    assert ARABIC_NAME in text
    assert CHINESE_NAME in text
    expected = "السلطة الطالبة" if language == "ar" else "Requesting authority"
    assert expected in text
    # and the same form gives the DOCX
    form.locator('input[value="docx"]').check()
    with page.expect_download() as docx_download:
        form.locator("button").click()
    assert docx_download.value.suggested_filename.endswith(f"-letter-{language}.docx")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_extradition_summary_page_passes_axe(
    page: Any, live_server: Any, people: dict[str, Any], open_case: Any, language: str
) -> None:
    case = open_case(kind="extradition", persons=[persons()[0]], measures=[])
    User.objects.filter(username="officer").update(language=language)
    sign_in(page, live_server, "officer")
    response = page.goto(f"{live_server.url}/cases/{case.pk}/extradition-summary/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert serious_violations(page) == []
    screenshot(page, f"extradition-summary-{language}")
