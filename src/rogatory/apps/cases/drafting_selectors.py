"""What a draft still lacks: the completeness rules of its type and measures, and what the
requested State's published requirements ask (rogatory.core.drafting)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rogatory.apps.cases.choices import TranslationStatus
from rogatory.apps.cases.models import Case, DocumentTranslation
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.cases.wire import case_data
from rogatory.apps.directory.selectors import requirements_published
from rogatory.core.drafting import (
    DocumentLanguage,
    Finding,
    Requirements,
    blocking,
    check_completeness,
    check_requirements,
)
from rogatory.core.workflow import Direction

_DONE = (TranslationStatus.TRANSLATED, TranslationStatus.CERTIFIED)


@dataclass(frozen=True)
class DraftCheck:
    completeness: list[Finding]
    requirements: list[Finding]
    rules: Requirements | None

    @property
    def findings(self) -> list[Finding]:
        return [*self.completeness, *self.requirements]

    @property
    def blocking(self) -> list[Finding]:
        return blocking(self.findings)


def _documents(case: Case) -> tuple[DocumentLanguage, ...]:
    translations = DocumentTranslation.objects.filter(original__case=case, status__in=_DONE)
    done: dict[int, set[str]] = {}
    certified: dict[int, set[str]] = {}
    for t in translations:
        done.setdefault(t.original_id, set()).add(t.target_language)
        if t.status == TranslationStatus.CERTIFIED:
            certified.setdefault(t.original_id, set()).add(t.target_language)
    # A translation is itself a document of the case: it is not checked as an original.
    translated_files = set(
        DocumentTranslation.objects.filter(
            original__case=case, translation__isnull=False
        ).values_list("translation_id", flat=True)
    )
    return tuple(
        DocumentLanguage(
            d.title,
            d.language,
            frozenset(done.get(d.pk, ())),
            frozenset(certified.get(d.pk, ())),
        )
        for d in case.documents.filter(received=False, communication=None)
        if d.pk not in translated_files and d.language
    )


def draft_check(case: Case) -> DraftCheck:
    """The findings for ``case`` (an outgoing request; an incoming one is another State's)."""
    if case.direction != Direction.OUTGOING:
        return DraftCheck([], [], None)
    data = case_data(case)
    rules = requirements_published(case.requested_state_id)
    return DraftCheck(
        check_completeness(data),
        check_requirements(
            data,
            requesting_state=case.requesting_state_id,
            requirements=rules,
            documents=_documents(case),
        ),
        rules,
    )


def draft_check_for(*, actor: Any, case_id: int) -> tuple[Case, DraftCheck]:
    """The case, if the actor may read it, and its findings."""
    case = case_get_for(actor=actor, case_id=case_id)
    return case, draft_check(case)


def translations_for(
    *, actor: Any, case_id: int
) -> tuple[Case, list[Any], list[DocumentTranslation]]:
    """The case, if the actor may read it, its documents and their translations."""
    case = case_get_for(actor=actor, case_id=case_id)
    documents = list(case.documents.order_by("id"))
    translations = list(
        DocumentTranslation.objects.filter(original__case=case)
        .select_related("original", "translation")
        .order_by("original_id", "target_language")
    )
    return case, documents, translations
