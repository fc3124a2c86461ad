"""The activity report as files: CSV, XLSX (typed cells) and PDF (WeasyPrint)."""

import csv
import io
import re
from collections.abc import Sequence
from datetime import date

import arabic_reshaper
from bidi import get_display
from openpyxl import Workbook
from openpyxl.styles import Font

from rogatory.core.stats.tables import ColumnType, Table

REPORT_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh-hans")
FORMATS = ("pdf", "csv", "xlsx")


def _text(value: object, kind: ColumnType) -> str:
    if value is None:
        return ""
    if isinstance(value, date) and kind is ColumnType.MONTH:
        return f"{value:%Y-%m}"
    return str(value)


def report_csv(tables: Sequence[Table]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([table.title])
        writer.writerow([c.label for c in table.columns])
        for row in table.rows:
            writer.writerow([_text(v, c.type) for v, c in zip(row, table.columns, strict=True)])
        writer.writerow([])
    # A byte-order mark makes spreadsheets read the file as UTF-8 (Arabic, Chinese, Cyrillic).
    return ("\ufeff" + out.getvalue()).encode()


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def report_xlsx(tables: Sequence[Table], *, title: str, rtl: bool = False) -> bytes:
    """One sheet per table; months are dates shown as yyyy-mm, counts and days are numbers."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    for n, table in enumerate(tables, start=1):
        name = _SHEET_FORBIDDEN.sub(" ", f"{n} {table.title}")[:31]
        sheet = book.create_sheet(name)
        sheet.sheet_view.rightToLeft = rtl
        sheet.append([table.title])
        sheet.cell(row=1, column=1).font = Font(bold=True)
        sheet.append([c.label for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
            for cell, column in zip(sheet[sheet.max_row], table.columns, strict=True):
                if column.type is ColumnType.MONTH:
                    cell.number_format = "yyyy-mm"
                elif column.type is ColumnType.INTEGER:
                    cell.number_format = "0"
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Noto fonts (installed with the system) cover the six languages; the order picks Naskh for
# Arabic and the simplified Chinese face of Noto Sans CJK.
PDF_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC", sans-serif;
       font-size: 10pt; }
h1 { font-size: 18pt; } h2 { font-size: 12pt; margin-block-start: 1.2em; }
section { break-inside: avoid; }
img { inline-size: 100%; max-inline-size: 160mm; }
table { border-collapse: collapse; inline-size: 100%; }
th, td { border: 0.5pt solid #999; padding: 2pt 4pt; text-align: start; }
td.num { text-align: end; }
.meta { color: #444; }
"""


# Arabic letters (basic block and its supplement); the six UN languages have no other script
# written right to left.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
# The bidirectional algorithm mirrors paired brackets for a renderer that draws glyphs as given;
# WeasyPrint mirrors them again when it draws an SVG text in a right-to-left run, so they are
# handed over unmirrored.
_UNMIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def pdf_text(text: str) -> str:
    """A chart's word as WeasyPrint must be given it inside SVG: WeasyPrint draws SVG text one
    letter at a time, so Arabic is passed already joined (each letter in its contextual
    presentation form, which Noto Naskh Arabic carries) and in visual order. Pdftotext and
    screen readers of the PDF read it back in logical order (presentation forms normalise to
    the base letters). Text without Arabic is returned as it is."""
    if not _ARABIC.search(text):
        return text
    shaped: str = get_display(arabic_reshaper.reshape(text), base_dir="R")
    return shaped.translate(_UNMIRROR)


def report_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading it costs ~1 s, only reports need it

    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(string=PDF_CSS)])
    if pdf is None:  # only when a target file is given, which is not the case here
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
