"""Letters of request as PDF/A-2b and DOCX in the six UN languages (issue 17 item 4)."""

import io
import re
import shutil
import subprocess
import urllib.request
import zipfile
from dataclasses import replace
from typing import Any

import docx
import pytest
from django.utils import translation
from pypdf import PdfReader

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.wire import case_data
from rogatory.apps.letters.content import letter_build
from rogatory.apps.letters.languages import LetterFormat, LetterLanguage
from rogatory.apps.letters.render import html_pdf, letter_html
from rogatory.apps.letters.selectors import letter_render
from rogatory.apps.letters.tests.conftest import ARABIC_NAME, CHINESE_NAME, CYRILLIC_NAME

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) absent")

# Headings as the project's catalogues translate them ("Requesting authority", "Legal basis").
HEADINGS = {
    LetterLanguage.AR: ("السلطة الطالبة", "الأساس القانوني"),
    LetterLanguage.EN: ("Requesting authority", "Legal basis"),
    LetterLanguage.ES: ("Autoridad requirente", "Base jurídica"),
    LetterLanguage.FR: ("Autorité requérante", "Base légale"),
    LetterLanguage.RU: ("Запрашивающий орган", "Правовое основание"),
    LetterLanguage.ZH: ("请求机关", "法律依据"),
}


def _text(pdf: bytes) -> str:
    assert PDFTOTEXT is not None
    done = subprocess.run(  # noqa: S603 - the poppler binary found above, fixed arguments
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def _flat(text: str) -> str:
    # pdftotext marks right-to-left runs with embedding controls and breaks long lines.
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))


@needs_pdftotext
@pytest.mark.parametrize("language", list(LetterLanguage))
def test_the_pdf_in_each_language_has_its_headings_and_every_name_in_its_script(
    mla_case: Case, language: LetterLanguage
) -> None:
    # given a request naming an Arabic, a Chinese and a Russian person
    # when its letter is rendered as PDF in the language
    letter = letter_render(mla_case, language, LetterFormat.PDF)
    text = _flat(_text(letter.content))
    # then the translated headings and the three names, each in its own script, are in the text
    for heading in HEADINGS[language]:
        assert heading in text
    with translation.override(language.value):
        built = letter_build(mla_case, case_data(mla_case), language)
    for section in built.sections:
        assert _flat(section.heading) in text
    for name in (ARABIC_NAME, CHINESE_NAME, CYRILLIC_NAME):
        assert name in text
    assert "XA/MLA/2026/" in text or mla_case.our_reference in text


def test_the_pdf_is_pdf_a_2b_with_every_font_embedded(mla_case: Case) -> None:
    # when the Arabic letter is rendered
    pdf = letter_render(mla_case, LetterLanguage.AR, LetterFormat.PDF).content
    reader = PdfReader(io.BytesIO(pdf))
    # then its XMP metadata declare PDF/A part 2, conformance B
    root: Any = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_data().decode()
    assert re.search(r"pdfaid:part(?:>|=\")2", xmp)
    assert re.search(r"pdfaid:conformance(?:>|=\")B", xmp)
    # and the sRGB output intent PDF/A needs is there
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    # and every font is embedded (a font file in each descriptor), Arabic and CJK included
    names: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
                names.add(str(descriptor["/FontName"]).split("+")[-1])
    assert any("Naskh-Arabic" in n for n in names)
    assert any("CJK-SC" in n for n in names)


def test_the_arabic_letter_is_right_to_left_and_entered_text_keeps_its_own_direction(
    mla_case: Case,
) -> None:
    with translation.override("ar"):
        letter = letter_build(mla_case, case_data(mla_case), LetterLanguage.AR)
        html = letter_html(letter)
    assert '<html lang="ar" dir="rtl">' in html
    # the English facts paragraph is laid out left to right inside the Arabic letter
    assert '<p class="user" dir="ltr">Between 2024 and 2025' in html
    assert f'<h3 dir="rtl">{ARABIC_NAME}</h3>' in html


def test_the_same_case_version_gives_the_same_bytes_dated_from_the_version(
    mla_case: Case,
) -> None:
    for fmt in LetterFormat:
        first = letter_render(mla_case, LetterLanguage.ZH, fmt).content
        second = letter_render(mla_case, LetterLanguage.ZH, fmt).content
        assert first == second
    pdf = letter_render(mla_case, LetterLanguage.EN, LetterFormat.PDF).content
    stamp = mla_case.updated_at.strftime("%Y%m%d%H%M%S")
    info: Any = PdfReader(io.BytesIO(pdf)).trailer["/Info"]
    assert str(info.get_object()["/CreationDate"]).startswith(f"D:{stamp}")


def test_a_letter_fetches_nothing_from_the_network(monkeypatch: Any) -> None:
    # given a document that names a remote image and stylesheet
    opened: list[str] = []

    def spy(self: Any, url: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(getattr(url, "full_url", url)))
        raise AssertionError("network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    html = (
        '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" '
        'href="http://192.0.2.1/x.css"></head><body><p>Text</p>'
        '<img src="https://192.0.2.1/x.png" alt="x"></body></html>'
    )
    # when it is rendered
    pdf = html_pdf(html)
    # then the PDF is made and no URL was opened
    assert pdf.startswith(b"%PDF-1.7")
    assert opened == []


@pytest.mark.parametrize("language", [LetterLanguage.EN, LetterLanguage.AR, LetterLanguage.ZH])
def test_the_docx_opens_and_holds_every_section(mla_case: Case, language: LetterLanguage) -> None:
    content = letter_render(mla_case, language, LetterFormat.DOCX).content
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    everything = "\n".join(texts + cells)
    with translation.override(language.value):
        built = letter_build(mla_case, case_data(mla_case), language)
    for n, section in enumerate(built.sections, 1):
        assert any(t.startswith(f"{n}. {section.heading}") for t in texts)
    for name in (ARABIC_NAME, CHINESE_NAME, CYRILLIC_NAME):
        assert name in everything
    assert document.core_properties.created == mla_case.updated_at.replace(microsecond=0)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    # right-to-left paragraphs and runs exactly when the letter is Arabic (the Arabic name is
    # right to left in every letter)
    assert xml.count('<w:bidi w:val="1"/>') > (20 if language.rtl else 0)
    entries = zipfile.ZipFile(io.BytesIO(content)).infolist()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in entries)


def test_an_extradition_letter_asks_for_surrender_of_the_person_sought(
    extradition_case: Case,
) -> None:
    with translation.override("en"):
        letter = letter_build(extradition_case, case_data(extradition_case), LetterLanguage.EN)
    headings = [s.heading for s in letter.sections]
    assert letter.title == "Request for extradition"
    assert "Person sought" in headings
    assert "Assistance sought and procedure to be followed" not in headings
    request = next(s for s in letter.sections if s.key == "surrender")
    assert request.blocks[0].text.startswith("The requesting authority asks ")
    offences = next(s for s in letter.sections if s.key == "offences")
    assert [f.value for f in offences.entries[0].fields if f.label == "Maximum penalty"] == [
        "Life imprisonment"
    ]


def test_the_fields_of_wire_schema_1_1_are_printed_when_filled(extradition_case: Case) -> None:
    # given the wire record of an extradition request with the schema 1.1 details filled
    data = replace(
        case_data(extradition_case),
        requesting_authority="Prosecutor General of XA",
        proceedings_authority="Investigating judge, Court of First Instance of Port XA",
        contact_name="Maria Ivanova",
        contact_email="m.ivanova@example.org",
        dual_criminality="Fraud is an offence under art. 210 of the Penal Code of XB.",
        warrant_kind="arrest_warrant",
        warrant_court="Court of First Instance of Port XA",
        extradition_purpose="prosecution",
        assurance_speciality="XA will not prosecute for other offences (ETS 24 art. 14).",
        interpol_notice="Red Notice A-1234/5-2026",
    )
    # when the English letter is built and laid out
    with translation.override("en"):
        html = letter_html(letter_build(extradition_case, data, LetterLanguage.EN))
    # then each detail is in the letter, choice values by their label
    for text in (
        "Prosecutor General of XA",
        "Investigating judge, Court of First Instance of Port XA",
        "Maria Ivanova",
        "m.ivanova@example.org",
        "Fraud is an offence under art. 210 of the Penal Code of XB.",
        "Warrant of arrest",
        "Court of First Instance of Port XA",
        ">Prosecution<",
        "XA will not prosecute for other offences (ETS 24 art. 14).",
        "Red Notice A-1234/5-2026",
    ):
        assert text in html
