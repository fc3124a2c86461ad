"""Uploading a document through the progress-bar upload script."""

import re
from typing import Any

import pytest

from rogatory.apps.cases.models import Document
from tests.browser.support import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_uploads_a_large_document_with_a_progress_bar(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given the officer on the upload form of their case, and a scan larger than the in-memory
    # upload limit (so the server streams it through a temporary file)
    case = open_case()
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/documents/new/")
    sent: list[str | None] = []
    page.on(
        "request",
        lambda r: sent.append(r.headers.get("x-requested-with")) if r.method == "POST" else None,
    )
    content = b"%PDF-1.7 scanned court order\n" * 120_000
    # when they choose the file and upload it
    page.get_by_label("Title").fill("Scanned court order")
    page.get_by_label("File").set_input_files(
        {"name": "order.pdf", "mimeType": "application/pdf", "buffer": content}
    )
    page.get_by_role("button", name="Upload").click()
    # then the script sent it (with progress) and the case page lists the document
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert sent == ["XMLHttpRequest"]
    assert page.locator("#upload-progress").count() == 0
    assert page.locator(".messages[role=status]").inner_text() == "The document was added."
    doc = Document.objects.get()
    assert (doc.filename, doc.size, doc.content_type) == (
        "order.pdf",
        len(content),
        "application/pdf",
    )
    assert page.get_by_role("link", name="Scanned court order").count() == 1
