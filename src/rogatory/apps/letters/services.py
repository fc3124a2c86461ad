"""Writes of the letters area: recording who produced which letter, and attaching a letter to
its case as a document with its SHA-256."""

from __future__ import annotations

import io

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Document
from rogatory.apps.cases.services.documents import document_add
from rogatory.apps.letters.languages import LetterFormat, LetterLanguage
from rogatory.apps.letters.selectors import RenderedLetter, letter_for


def letter_download(
    *, actor: object, case_id: int, language: LetterLanguage, fmt: LetterFormat
) -> RenderedLetter:
    """The letter for the actor, its production audited with the file's hash: which text left
    the system, in which language, is part of the case's record."""
    letter = letter_for(actor=actor, case_id=case_id, language=language, fmt=fmt)
    audit_record(
        actor=actor,
        action="letter.download",
        obj=letter.case,
        case_id=letter.case.pk,
        changes={"language": language.value, "format": fmt.value, "sha256": letter.sha256},
    )
    return letter


def letter_attach(
    *, actor: object, case_id: int, language: LetterLanguage, fmt: LetterFormat
) -> tuple[Document, bool]:
    """Attach the letter to the case; returns the document and whether it was added now.

    Attaching is the officer's choice, not automatic on every download: a download is a read
    (safe to repeat, allowed to auditors), while an attachment is a write that needs the right
    to edit the case. Rendering is deterministic, so the same case version gives the same hash
    and a second attach of an unchanged letter returns the document already there.
    """
    letter = letter_for(actor=actor, case_id=case_id, language=language, fmt=fmt)
    existing = Document.objects.filter(case=letter.case, sha256=letter.sha256).first()
    if existing is not None:
        return existing, False
    doc = document_add(
        actor=actor,
        case_id=letter.case.pk,
        title=letter.title,
        filename=letter.filename,
        stream=io.BytesIO(letter.content),
        content_type=letter.content_type,
        language=language.short,
    )
    return doc, True
