"""Downloading and attaching the letter of request; the API and the command give the same bytes
(issue 17 item 4); the printable extradition file summary (issue 16 item 5)."""

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Document

pytestmark = pytest.mark.django_db

Writes = Callable[[], tuple[int, int]]


def _letter(client: Client, case: Case, lang: str, fmt: str) -> Any:
    return client.get(f"/cases/{case.pk}/letter/", {"lang": lang, "format": fmt})


def test_the_case_page_offers_the_letter_in_six_languages(
    client_for: Callable[[str], Client], mla_case: Case
) -> None:
    page = client_for("officer").get(f"/cases/{mla_case.pk}/").content.decode()
    assert f'action="/cases/{mla_case.pk}/letter/"' in page
    assert f'action="/cases/{mla_case.pk}/letter/attach/"' in page
    for code in ("ar", "en", "es", "fr", "ru", "zh-hans"):
        assert f'<option value="{code}" lang="{code}"' in page


def test_an_officer_of_the_team_downloads_the_arabic_letter_and_the_download_is_audited(
    client_for: Callable[[str], Client], mla_case: Case
) -> None:
    response = _letter(client_for("officer"), mla_case, "ar", "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = mla_case.our_reference.replace("/", "-") + "-letter-ar.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    digest = hashlib.sha256(response.content).hexdigest()
    assert response["X-Content-SHA256"] == digest
    event = AuditEvent.objects.filter(action="letter.download").get()
    assert event.case_id == mla_case.pk
    assert event.changes == {"language": "ar", "format": "pdf", "sha256": digest}


def test_an_officer_without_a_grant_gets_404_and_nothing_is_written(
    client_for: Callable[[str], Client], mla_case: Case, writes: Writes
) -> None:
    before = writes()
    client = client_for("colleague")
    assert _letter(client, mla_case, "en", "pdf").status_code == 404
    attach = client.post(f"/cases/{mla_case.pk}/letter/attach/", {"lang": "en", "format": "pdf"})
    assert attach.status_code == 404
    assert client.get(f"/api/v1/cases/{mla_case.pk}/letter?lang=en").status_code == 404
    assert writes() == before
    assert Document.objects.count() == 0


def test_another_authority_cannot_read_the_letter(
    client_for: Callable[[str], Client], mla_case: Case, writes: Writes
) -> None:
    before = writes()
    assert _letter(client_for("foreign_supervisor"), mla_case, "en", "docx").status_code == 404
    assert writes() == before


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"lang": "de", "format": "pdf"}, 422),
        ({"lang": "en", "format": "odt"}, 422),
        ({"lang": "x" * 5000, "format": "pdf"}, 422),
        ({"format": "pdf"}, 422),
    ],
)
def test_a_bad_language_or_format_is_refused_in_words_and_writes_nothing(
    client_for: Callable[[str], Client],
    mla_case: Case,
    writes: Writes,
    query: dict[str, str],
    status: int,
) -> None:
    before = writes()
    response = client_for("officer").get(f"/cases/{mla_case.pk}/letter/", query)
    assert response.status_code == status
    assert writes() == before


def test_the_page_the_api_and_the_command_give_the_same_bytes(
    client_for: Callable[[str], Client], mla_case: Case, tmp_path: Path
) -> None:
    client = client_for("officer")
    for lang, fmt in (("ar", "pdf"), ("zh", "docx"), ("ru", "pdf")):
        page = _letter(client, mla_case, lang, fmt)
        api = client.get(f"/api/v1/cases/{mla_case.pk}/letter", {"lang": lang, "format": fmt})
        out = tmp_path / f"letter-{lang}.{fmt}"
        call_command(
            "documents",
            "letter",
            mla_case.our_reference,
            "--lang",
            lang,
            "--format",
            fmt,
            "--out",
            str(out),
        )
        assert page.status_code == api.status_code == 200
        assert page.content == api.content == out.read_bytes()


def test_attaching_stores_the_letter_with_its_hash_once_per_version(
    client_for: Callable[[str], Client], mla_case: Case
) -> None:
    client = client_for("officer")
    expected = _letter(client, mla_case, "fr", "docx").content
    form = {"lang": "fr", "format": "docx"}
    first = client.post(f"/cases/{mla_case.pk}/letter/attach/", form)
    second = client.post(f"/cases/{mla_case.pk}/letter/attach/", form)
    assert first.status_code == second.status_code == 302
    doc = Document.objects.get()
    assert doc.sha256 == hashlib.sha256(expected).hexdigest()
    assert doc.size == len(expected)
    assert doc.language == "fr"
    assert doc.filename.endswith("-letter-fr.docx")
    assert AuditEvent.objects.filter(action="document.add").count() == 1


def test_an_auditor_may_download_but_not_attach(
    client_for: Callable[[str], Client], mla_case: Case
) -> None:
    client = client_for("auditor")
    assert _letter(client, mla_case, "en", "pdf").status_code == 200
    response = client.post(f"/cases/{mla_case.pk}/letter/attach/", {"lang": "en", "format": "pdf"})
    assert response.status_code in (302, 403, 404)
    assert Document.objects.count() == 0


def test_the_command_refuses_an_unknown_reference_or_language(
    tmp_path: Path, mla_case: Case
) -> None:
    from django.core.management.base import CommandError

    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=r"case\.not_found"):
        call_command("documents", "letter", "XA/MLA/1999/000009", "--out", str(out))
    with pytest.raises(CommandError, match=r"letter\.unknown_language"):
        call_command(
            "documents", "letter", mla_case.our_reference, "--lang", "de", "--out", str(out)
        )
    assert not out.exists()


def test_the_extradition_summary_prints_as_html_and_pdf(
    client_for: Callable[[str], Client], extradition_case: Case, writes: Writes
) -> None:
    client = client_for("officer")
    page = client.get(f"/cases/{extradition_case.pk}/extradition-summary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "سمير الحداد" in html
    assert "Fraud" in html
    assert "UNTOC art. 16" in html  # the grounds with their articles
    pdf = client.get(f"/cases/{extradition_case.pk}/extradition-summary/", {"format": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.7")
    before = writes()
    assert (
        client_for("colleague")
        .get(f"/cases/{extradition_case.pk}/extradition-summary/")
        .status_code
        == 404
    )
    assert writes() == before


def test_an_mla_case_has_no_extradition_summary(
    client_for: Callable[[str], Client], mla_case: Case
) -> None:
    response = client_for("officer").get(f"/cases/{mla_case.pk}/extradition-summary/")
    assert response.status_code == 422
