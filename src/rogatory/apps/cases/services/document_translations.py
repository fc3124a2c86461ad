"""The translation of each document of a request, tracked from need to certification, with
the translated file beside its original (UNTOC art. 18(14): a language acceptable to the
requested State; some States ask for certified translations)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.choices import TranslationStatus
from rogatory.apps.cases.models import Document, DocumentTranslation
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError

# needs translation -> in translation -> translated -> certified; a translation made
# elsewhere may be attached at once (needed -> translated).
_STEPS: dict[TranslationStatus, frozenset[TranslationStatus]] = {
    TranslationStatus.NEEDED: frozenset(
        {TranslationStatus.IN_TRANSLATION, TranslationStatus.TRANSLATED}
    ),
    TranslationStatus.IN_TRANSLATION: frozenset({TranslationStatus.TRANSLATED}),
    TranslationStatus.TRANSLATED: frozenset({TranslationStatus.CERTIFIED}),
    TranslationStatus.CERTIFIED: frozenset(),
}


def _document(case_id: int, document_id: int) -> Document:
    doc = Document.objects.filter(case_id=case_id, pk=document_id).first()
    if doc is None:
        raise DomainError("document.not_found", document_id=str(document_id))
    return doc


def translation_request(
    *, actor: Any, case_id: int, document_id: int, target_language: str
) -> DocumentTranslation:
    """Mark a document of the case as needing a translation into ``target_language``."""
    language = validation.language(target_language, "target_language")
    if not language:
        raise DomainError("field.required", field="target_language")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="translation.request")
        original = _document(case.pk, document_id)
        if original.language == language:
            raise DomainError("translation.same_language", field="target_language")
        row, created = DocumentTranslation.objects.get_or_create(
            original=original, target_language=language, defaults={"updated_by": actor}
        )
        if created:
            audit_record(
                actor=actor,
                action="translation.request",
                obj=row,
                case_id=case.pk,
                changes={"document": original.pk, "target_language": language},
            )
    return row


def translation_step(
    *,
    actor: Any,
    case_id: int,
    translation_id: int,
    status: str,
    translator: str = "",
    translation_document_id: int | None = None,
) -> DocumentTranslation:
    """Move a translation one step on, naming the translator and attaching the translated
    file (a document of the same case) when it is translated."""
    try:
        target = TranslationStatus(status)
    except ValueError:
        raise DomainError("field.invalid_choice", field="status", value=str(status)) from None
    validation.bounded(translator, "translator", 300)
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="translation.step")
        row = (
            DocumentTranslation.objects.select_for_update()
            .filter(original__case=case, pk=translation_id)
            .first()
        )
        if row is None:
            raise DomainError("translation.not_found", translation_id=translation_id)
        source = TranslationStatus(row.status)
        if target not in _STEPS[source]:
            raise DomainError(
                "translation.step_not_allowed",
                source=str(source.label),
                target=str(target.label),
                field="status",
            )
        changes: dict[str, Any] = {"from": source.value, "to": target.value}
        if translation_document_id is not None:
            translated = _document(case.pk, translation_document_id)
            if translated.pk == row.original_id:
                raise DomainError("translation.same_language", field="translation_document_id")
            row.translation = translated
            changes["translation"] = translated.pk
        if target is TranslationStatus.TRANSLATED and row.translation_id is None:
            raise DomainError("translation.file_required", field="translation_document_id")
        if translator.strip():
            row.translator = translator.strip()
            changes["translator"] = row.translator
        row.status = target.value
        row.updated_by = actor
        row.save()
        audit_record(
            actor=actor, action="translation.step", obj=row, case_id=case.pk, changes=changes
        )
    return row
