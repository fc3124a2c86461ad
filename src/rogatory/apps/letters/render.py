"""Rendering a :class:`rogatory.core.documents.Letter` as PDF/A-2b (WeasyPrint) and DOCX
(python-docx), byte for byte the same for the same case version and language.

Determinism: the PDF's creation and modification dates are the case version's instant (the
``dcterms`` meta of the HTML), its file identifier is a hash of its content (PDF/A requires
one; pydyf derives it from the bytes), and nothing reads the clock. The DOCX's core
properties carry the same instant and its ZIP entries a fixed timestamp.

Isolation: the HTML is rendered with a URL fetcher that accepts only ``data:`` and local
``file:`` URLs, so a letter never makes a network request (DESIGN: closed networks).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from rogatory.core.documents import Field, Letter
from rogatory.core.documents.bidi import text_direction

_CSS_PATH = Path(__file__).parent / "templates" / "letters" / "letter.css"
_LATIN = "Noto Sans"
_ARABIC = "Noto Naskh Arabic"
_CJK = "Noto Sans CJK SC"


@cache
def _weasy() -> tuple[Any, Any, Any]:
    """The stylesheet, font configuration and fetcher, built once per process: parsing the CSS
    and loading fontconfig's font list are the costly part of a small document."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts = FontConfiguration()
    css = CSS(string=_CSS_PATH.read_text(encoding="utf-8"), font_config=fonts)
    # Only data: and file: URLs; an http(s) URL in a document is refused, not fetched.
    fetcher = URLFetcher(allowed_protocols=("data", "file"), allow_redirects=False)
    return css, fonts, fetcher


def letter_html(letter: Letter) -> str:
    return render_to_string("letters/letter.html", {"letter": letter})


def html_pdf(html: str) -> bytes:
    """A PDF/A-2b of a self-contained HTML document (dates from its ``dcterms`` meta)."""
    from weasyprint import HTML

    css, fonts, fetcher = _weasy()
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    out: bytes = document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/a-2b")
    return out


def letter_pdf(letter: Letter) -> bytes:
    return html_pdf(letter_html(letter))


# --- DOCX -------------------------------------------------------------------------------------

# Any fixed instant would do; 1980-01-01 is the earliest a ZIP entry can hold.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _rtl_paragraph(paragraph: Any, rtl: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not rtl:
        return
    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    bidi.set(qn("w:val"), "1")
    ppr.insert(0, bidi)


def _run(paragraph: Any, text: str, *, rtl: bool, bold: bool = False, size: float = 0) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), _LATIN)
    fonts.set(qn("w:hAnsi"), _LATIN)
    fonts.set(qn("w:cs"), _ARABIC)
    fonts.set(qn("w:eastAsia"), _CJK)
    if rtl:
        # w:rtl makes Word lay the run right to left and use its complex-script font.
        rtl_el = OxmlElement("w:rtl")
        rtl_el.set(qn("w:val"), "1")
        rpr.append(rtl_el)
    return run


def _heading(doc: Any, level: int) -> Any:
    paragraph = doc.add_paragraph()
    # The default template's heading styles, by id (see _fields_table).
    paragraph._p.style = f"Heading{level}"
    return paragraph


def _para(doc: Any, text: str, *, rtl: bool, bold: bool = False) -> Any:
    paragraph = doc.add_paragraph()
    _rtl_paragraph(paragraph, rtl)
    _run(paragraph, text, rtl=rtl, bold=bold)
    return paragraph


def _fields_table(doc: Any, fields: tuple[Field, ...], *, rtl: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = doc.add_table(rows=0, cols=2)
    # The style id set directly: python-docx's lookup by name scans every style each time.
    table._tbl.tblPr.style = "TableGrid"
    if rtl:
        tblpr = table._tbl.tblPr
        bidi = OxmlElement("w:bidiVisual")
        bidi.set(qn("w:val"), "1")
        tblpr.append(bidi)
    for f in fields:
        cells = table.add_row().cells
        value_rtl = _rtl_of(f.value) if f.user else rtl
        for cell, text, bold, cell_rtl in (
            (cells[0], f.label, True, rtl),
            (cells[1], f.value, False, value_rtl),
        ):
            paragraph = cell.paragraphs[0]
            _rtl_paragraph(paragraph, cell_rtl)
            _run(paragraph, text, rtl=cell_rtl, bold=bold)


def _rtl_of(text: str) -> bool:
    return text_direction(text) == "rtl"


def _stable_zip(raw: bytes) -> bytes:
    """The same archive with every entry dated _ZIP_TIME, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def letter_docx(letter: Letter) -> bytes:
    import docx

    rtl = letter.rtl
    doc = docx.Document()
    at = datetime.fromisoformat(letter.version_at.replace("Z", "+00:00")).replace(tzinfo=None)
    props = doc.core_properties
    props.title = f"{letter.title} — {letter.reference}"
    props.author = " — ".join(letter.sender)
    props.last_modified_by = "Rogatory"
    props.language = letter.language
    props.created = at
    props.modified = at
    props.last_printed = at
    props.revision = 1
    props.identifier = letter.fingerprint
    for line in letter.sender:
        _para(doc, line, rtl=rtl, bold=True)
    for line in letter.addressee:
        _para(doc, line, rtl=rtl)
    _para(doc, f"{letter.labels['reference']}: {letter.reference}", rtl=rtl)
    _para(doc, f"{letter.labels['date']}: {letter.date_text}", rtl=rtl)
    _para(doc, f"{letter.labels['kind_label']}: {letter.labels['kind']}", rtl=rtl)
    heading = _heading(doc, 1)
    _rtl_paragraph(heading, rtl)
    _run(heading, letter.title, rtl=rtl)
    _para(doc, f"{letter.labels['subject']}: {letter.labels['title']}", rtl=rtl)
    for n, s in enumerate(letter.sections, 1):
        h2 = _heading(doc, 2)
        _rtl_paragraph(h2, rtl)
        _run(h2, f"{n}. {s.heading}", rtl=rtl)
        if s.article:
            _run(h2, f"  ({s.article})", rtl=False, size=8)
        for b in s.blocks:
            _para(doc, b.text, rtl=_rtl_of(b.text) if b.user else rtl)
        if s.fields:
            _fields_table(doc, s.fields, rtl=rtl)
        for e in s.entries:
            h3 = _heading(doc, 3)
            _rtl_paragraph(h3, _rtl_of(e.title))
            _run(h3, e.title, rtl=_rtl_of(e.title))
            if e.text:
                _para(doc, e.text, rtl=_rtl_of(e.text))
            if e.fields:
                _fields_table(doc, e.fields, rtl=rtl)
    _para(doc, letter.footer, rtl=rtl)
    raw = io.BytesIO()
    doc.save(raw)
    return _stable_zip(raw.getvalue())
