"""Translation workflow per document (issue 17): needs translation -> in translation ->
translated -> certified, the translation beside its original with translator and language;
the requirements checker lists documents still needing translation for the requested State."""

import io
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.drafting_selectors import draft_check
from rogatory.apps.cases.models import Case, DocumentTranslation
from rogatory.apps.cases.services import document_add
from rogatory.apps.cases.services.document_translations import (
    translation_request,
    translation_step,
)
from rogatory.apps.directory.services import requirements_load_shipped
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _doc(case: Case, people: Any, title: str, language: str) -> Any:
    return document_add(
        actor=people["officer"],
        case_id=case.pk,
        title=title,
        filename=f"{title}.txt",
        stream=io.BytesIO(title.encode()),
        language=language,
    )


def _pending(case: Case) -> list[str]:
    return [
        f.params["title"]
        for f in draft_check(Case.objects.get(pk=case.pk)).requirements
        if f.code == "requirements.document_translation"
    ]


def test_a_document_goes_from_needing_translation_to_certified_with_each_step_audited(
    open_case: Any, people: Any
) -> None:
    # given XB's requirements (French or English, certified) and a court order in Spanish
    requirements_load_shipped()
    case = open_case()
    order = _doc(case, people, "Court order", "es")
    assert _pending(case) == ["Court order"]
    # when the officer asks for a French translation and it goes through every step
    row = translation_request(
        actor=people["officer"], case_id=case.pk, document_id=order.pk, target_language="fr"
    )
    officer = people["officer"]
    translation_step(actor=officer, case_id=case.pk, translation_id=row.pk, status="in_translation")
    french = _doc(case, people, "Court order (French)", "fr")
    translation_step(
        actor=officer,
        case_id=case.pk,
        translation_id=row.pk,
        status="translated",
        translator="J. Martin, sworn translator",
        translation_document_id=french.pk,
    )
    # then, translated but not certified, it is still listed for XB (certified translations)
    assert _pending(case) == ["Court order"]
    translation_step(actor=officer, case_id=case.pk, translation_id=row.pk, status="certified")
    # and once certified it is no longer listed; the translation sits beside its original
    assert _pending(case) == []
    row = DocumentTranslation.objects.get(pk=row.pk)
    assert (row.status, row.translator, row.translation_id, row.target_language) == (
        "certified",
        "J. Martin, sworn translator",
        french.pk,
        "fr",
    )
    steps = AuditEvent.objects.filter(case_id=case.pk, action="translation.step")
    assert [e.changes["to"] for e in steps.order_by("seq")] == [
        "in_translation",
        "translated",
        "certified",
    ]


def test_a_translation_cannot_skip_to_certified_or_be_translated_without_its_file(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    order = _doc(case, people, "Court order", "es")
    row = translation_request(
        actor=people["officer"], case_id=case.pk, document_id=order.pk, target_language="fr"
    )
    before = AuditEvent.objects.count()
    for status, code in (
        ("certified", "translation.step_not_allowed"),
        ("translated", "translation.file_required"),
        ("nonsense", "field.invalid_choice"),
    ):
        with pytest.raises(DomainError) as refused:
            translation_step(
                actor=people["officer"], case_id=case.pk, translation_id=row.pk, status=status
            )
        assert refused.value.code == code
    assert DocumentTranslation.objects.get(pk=row.pk).status == "needed"
    assert AuditEvent.objects.count() == before


def test_an_outsider_cannot_ask_for_a_translation_and_nothing_is_written(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    order = _doc(case, people, "Court order", "es")
    with pytest.raises(DomainError) as refused:
        translation_request(
            actor=people["colleague"], case_id=case.pk, document_id=order.pk, target_language="fr"
        )
    assert refused.value.code == "case.not_found"
    assert not DocumentTranslation.objects.exists()


def test_a_translation_into_the_documents_own_language_is_refused(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    order = _doc(case, people, "Court order", "es")
    with pytest.raises(DomainError) as refused:
        translation_request(
            actor=people["officer"], case_id=case.pk, document_id=order.pk, target_language="es"
        )
    assert refused.value.code == "translation.same_language"
