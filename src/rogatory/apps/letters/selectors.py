"""Reads of the letters area: a letter of request and the extradition file summary, each for a
case the actor may see (the case selector checks access and logs a denial)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rogatory.apps.cases.clock_selectors import CaseClocks, case_clocks_of
from rogatory.apps.cases.models import Case, Document, Person
from rogatory.apps.cases.nationality_selectors import CaseNationality, case_nationality_of
from rogatory.apps.cases.selectors import case_detail_for, case_get_for
from rogatory.apps.cases.wire import case_data
from rogatory.apps.extradition.models import CompetingFile
from rogatory.apps.extradition.selectors import (
    competing_cases,
    competing_files_of,
    competing_findings,
)
from rogatory.apps.letters.content import letter_build
from rogatory.apps.letters.languages import (
    LetterFormat,
    LetterLanguage,
    letter_filename,
    letter_filenames,
)
from rogatory.apps.letters.render import letter_docx, letter_pdf
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import Finding
from rogatory.core.workflow.grounds import GroundInfo, Instrument, grounds_for


@dataclass(frozen=True, slots=True)
class RenderedLetter:
    case: Case
    language: LetterLanguage
    format: LetterFormat
    content: bytes
    sha256: str

    @property
    def filename(self) -> str:
        return letter_filename(self.case.our_reference, self.language, self.format)

    @property
    def content_type(self) -> str:
        return self.format.content_type

    @property
    def title(self) -> str:
        return _("Letter of request %(reference)s (%(language)s, %(format)s)") % {
            "reference": self.case.our_reference,
            "language": self.language.short,
            "format": self.format.value.upper(),
        }


def letter_render(case: Case, language: LetterLanguage, fmt: LetterFormat) -> RenderedLetter:
    """The letter of a case already read through an access check (or by the node operator)."""
    # Letters already attached to the case are versions of this letter, not its annexes: left
    # out, an attached letter does not change the next rendering of the same case version.
    own = set(
        Document.objects.filter(
            case=case, filename__in=letter_filenames(case.our_reference)
        ).values_list("sha256", flat=True)
    )
    full = case_data(case)
    data = replace(full, documents=[d for d in full.documents if d.sha256 not in own])
    with translation.override(language.value):
        letter = letter_build(case, data, language)
        content = letter_pdf(letter) if fmt is LetterFormat.PDF else letter_docx(letter)
    return RenderedLetter(case, language, fmt, content, hashlib.sha256(content).hexdigest())


def letter_for(
    *, actor: object, case_id: int, language: LetterLanguage, fmt: LetterFormat
) -> RenderedLetter:
    case = case_get_for(actor=actor, case_id=case_id, action="letter.read")
    return letter_render(case, language, fmt)


def letter_for_reference(
    *, reference: str, language: LetterLanguage, fmt: LetterFormat
) -> RenderedLetter:
    """For the node operator's command (no user: the operator already holds the database)."""
    case = (
        Case.objects.select_related(
            "requesting_state", "requested_state", "requesting_authority", "requested_authority"
        )
        .filter(our_reference=reference)
        .first()
    )
    if case is None:
        raise DomainError("case.not_found", case_id=reference[:64])
    return letter_render(case, language, fmt)


@dataclass(frozen=True, slots=True)
class CompetingSummary:
    file: CompetingFile
    cases: list[Case]
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class ExtraditionSummary:
    case: Case
    persons: list[Person]
    clocks: CaseClocks
    nationality: CaseNationality
    competing: list[CompetingSummary]
    instrument: Instrument
    grounds: list[GroundInfo]
    printed_at: datetime


def _instrument(case: Case) -> Instrument:
    try:
        return Instrument(case.time_limit_basis)
    except ValueError:
        return Instrument.UNTOC


def extradition_summary_for(*, actor: object, case_id: int) -> ExtraditionSummary:
    """Everything the printable file summary shows (issue 16 item 5), for an extradition or
    provisional-arrest case the actor may see."""
    case = case_detail_for(actor=actor, case_id=case_id)
    if case.kind not in ("extradition", "provisional_arrest"):
        raise DomainError("letter.not_extradition")
    now = timezone.now()
    today: date = timezone.localdate(now)
    # case_detail_for prefetched the persons with their names, nationalities and documents.
    persons = list(case.persons.all())
    files = competing_files_of(actor=actor, case_id=case.pk)
    competing = []
    for file in files:
        cases = competing_cases(file)
        competing.append(CompetingSummary(file, cases, competing_findings(cases)))
    instrument = _instrument(case)
    return ExtraditionSummary(
        case=case,
        persons=persons,
        clocks=case_clocks_of(case, now=now),
        nationality=case_nationality_of(case, today=today),
        competing=competing,
        instrument=instrument,
        grounds=grounds_for(extradition=True, instrument=instrument),
        printed_at=now,
    )
