"""What a letter of request says, in the letter's language, built from the wire snapshot.

The letter is made from :func:`rogatory.apps.cases.wire.case_data`, the same record that is
sealed and transmitted, so the paper shows exactly what travels. The header (States, the case
reference, the date of the case version) comes from the case row, as it does in the envelope.
Call inside ``translation.override(language)``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rogatory.apps.cases.choices import (
    Custody,
    DocumentType,
    ExtraditionPurpose,
    KindChoice,
    LegalBasis,
    MeasureType,
    NameRole,
    PersonFileKind,
    PersonRole,
    Urgency,
    WarrantKind,
)
from rogatory.apps.cases.models import Case
from rogatory.apps.directory.models import State
from rogatory.apps.letters.languages import LetterLanguage
from rogatory.core.documents import (
    Block,
    Entry,
    Field,
    Letter,
    Section,
    SectionView,
    is_extradition_kind,
    sections_for,
)
from rogatory.core.wire import CaseData, DocumentNote, Measure, Offence, Person
from rogatory.core.wire.case import to_wire


def _label(choices: type, value: str) -> str:
    labels = dict(choices.choices)  # type: ignore[attr-defined]
    return str(labels.get(value, value))


def _fields(*pairs: tuple[str, str], user: bool = True) -> tuple[Field, ...]:
    return tuple(Field(label, value, user) for label, value in pairs if value)


def fingerprint(data: CaseData) -> str:
    """SHA-256 of the transmitted payload: the same content gives the same fingerprint."""
    payload = json.dumps(to_wire(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def version_instant(case: Case) -> datetime:
    """The instant of the case version a letter is made from: its last change, to the second.

    Both the page and the command read it from the row, so they stamp the same date into the
    file (no clock is read while rendering)."""
    at = case.updated_at or case.created_at
    return at.astimezone(UTC).replace(microsecond=0)


def _title(kind: str) -> str:
    if kind == "extradition":
        return _("Request for extradition")
    if kind == "provisional_arrest":
        return _("Request for provisional arrest with a view to extradition")
    return _("Letter of request for mutual legal assistance in criminal matters")


def _state(state: State, language: LetterLanguage) -> str:
    return state.name(language.value)


def _penalty(o: Offence) -> str:
    if o.max_penalty_life:
        return _("Life imprisonment")
    if o.max_penalty_months is not None:
        return _("Months of imprisonment: %(n)s") % {"n": o.max_penalty_months}
    return ""


def _offence(o: Offence, n: int, language: LetterLanguage) -> Entry:
    title = o.legal_qualification or _("Offence %(n)s") % {"n": n}
    committed = (
        format_date(o.committed_on, "long", locale=language.babel_locale) if o.committed_on else ""
    )
    return Entry(
        title=title,
        text=o.description,
        fields=_fields(
            (_("Legal provisions"), o.legal_provisions),
            (_("Maximum penalty"), _penalty(o)),
            (_("Place of commission"), o.place),
            (_("Date of commission"), committed),
        ),
    )


def _person(p: Person, states: dict[str, str]) -> Entry:
    primary, *others = p.names or []
    title = primary.full_name if primary else _("Name unknown")
    names = [
        f"{n.full_name} ({_label(NameRole, n.role)})"
        + (f" [{n.latin}]" if n.latin and n.latin != n.full_name else "")
        for n in others
    ]
    latin = primary.latin if primary and primary.latin != primary.full_name else ""
    documents = "; ".join(
        f"{_label(DocumentType, d.type)} {d.number}"
        + (f" ({states.get(d.issuing_state, d.issuing_state)})" if d.issuing_state else "")
        for d in p.documents
    )
    return Entry(
        title=title,
        fields=(
            Field(_("Role in the case"), _label(PersonRole, p.role), user=False),
            *_fields(
                (_("Latin transliteration"), latin),
                (_("Other names"), "; ".join(names)),
                (_("Date of birth"), p.birth_date),
                (_("Place of birth"), p.birth_place),
                (_("Father's name"), p.father_name),
                (_("Mother's name"), p.mother_name),
                (_("Nationalities"), ", ".join(states.get(c, c) for c in p.nationalities)),
                (_("Identity documents"), documents),
                (_("Known location"), p.location),
                (_("Physical description"), p.physical_description),
            ),
        ),
    )


def _measure(m: Measure, n: int) -> Entry:
    return Entry(
        title=f"{n}. {_label(MeasureType, m.type)}",
        text=m.description,
        fields=_fields((_("Procedure to follow"), m.procedure), (_("Purpose"), m.purpose)),
    )


def _not_stated() -> tuple[Block, ...]:
    return (Block(_("Not stated in the request.")),)


class _Builder:
    def __init__(self, case: Case, data: CaseData, language: LetterLanguage) -> None:
        self.case = case
        self.data = data
        self.language = language
        codes = {
            c
            for p in data.persons
            for c in [*p.nationalities, *(d.issuing_state or "" for d in p.documents)]
        }
        self.states = {
            s.code: s.name(language.value) for s in State.objects.filter(code__in=codes - {""})
        }
        self.extradition = is_extradition_kind(data.kind)

    def section(self, key: Section, article: str) -> SectionView:
        heading, blocks, fields, entries = getattr(self, key.value)()
        return SectionView(key, heading, article, tuple(blocks), tuple(fields), tuple(entries))

    def requesting_authority(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        case, data = self.case, self.data
        authority = data.requesting_authority or (
            case.requesting_authority.name if case.requesting_authority else ""
        )
        return (
            _("Requesting authority"),
            [],
            [
                Field(
                    pgettext("international law", "Requesting State"),
                    _state(case.requesting_state, self.language),
                    False,
                ),
                *_fields((_("Authority"), authority)),
            ],
            [],
        )

    def legal_basis(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        bases = "; ".join(_label(LegalBasis, b) for b in self.data.legal_bases)
        return (
            _("Legal basis"),
            [],
            [
                *_fields((_("Legal basis"), bases), user=False),
                *_fields((_("Treaty"), self.data.treaty)),
            ],
            [],
        )

    def proceedings(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        d = self.data
        fields = _fields(
            (_("Authority conducting the proceedings"), d.proceedings_authority),
            (_("Functions of that authority"), d.proceedings_authority_functions),
        )
        if self.extradition:
            warrant = _fields(
                (_("Warrant or judgment"), _label(WarrantKind, d.warrant_kind)),
                (_("Court"), d.warrant_court),
                (
                    _("Date of the warrant or judgment"),
                    format_date(d.warrant_date, "long", locale=self.language.babel_locale)
                    if d.warrant_date
                    else "",
                ),
            )
            enforceable = (
                (Field(_("Enforceable"), _("Yes"), False),) if d.warrant_enforceable else ()
            )
            fields = (*fields, *warrant, *enforceable)
        blocks = [Block(d.subject, user=True)] if d.subject else []
        if not blocks and not fields:
            blocks = list(_not_stated())
        heading = (
            _("Proceedings, warrant or judgment")
            if self.extradition
            else _("Subject and nature of the proceedings and the authority conducting them")
        )
        return heading, blocks, fields, []

    def facts(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        blocks = [Block(p, user=True) for p in _paragraphs(self.data.facts)] or list(_not_stated())
        return _("Summary of the facts"), blocks, [], []

    def offences(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        entries = [_offence(o, i, self.language) for i, o in enumerate(self.data.offences, 1)]
        blocks = [] if entries else list(_not_stated())
        fields = _fields((_("Dual criminality"), self.data.dual_criminality))
        return _("Offences, legal provisions and penalties"), blocks, fields, entries

    def assistance(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        entries = [_measure(m, i) for i, m in enumerate(self.data.measures, 1)]
        blocks = [] if entries else list(_not_stated())
        return _("Assistance sought and procedure to be followed"), blocks, [], entries

    def surrender(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        d = self.data
        state = _state(self.case.requested_state, self.language)
        if d.kind == "provisional_arrest":
            text = _(
                "The requesting authority asks %(state)s to arrest provisionally the person "
                "sought described below, pending the request for extradition."
            ) % {"state": state}
        else:
            text = _(
                "The requesting authority asks %(state)s to surrender the person sought "
                "described below."
            ) % {"state": state}
        fields = [
            *_fields(
                (_("Purpose of the surrender"), _label(ExtraditionPurpose, d.extradition_purpose))
            ),
            *_fields(
                (_("Sentence remaining to be served"), d.sentence_remaining),
                (_("Assurance on the death penalty"), d.assurance_death_penalty),
                (_("Assurance of speciality"), d.assurance_speciality),
                (_("INTERPOL notice"), d.interpol_notice),
            ),
        ]
        return _("Request"), [Block(text)], fields, []

    def persons(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        entries = [_person(p, self.states) for p in self.data.persons]
        blocks = [] if entries else list(_not_stated())
        heading = (
            _("Person sought")
            if self.extradition
            else _("Identity, location and nationality of the persons concerned")
        )
        return heading, blocks, [], entries

    def purpose(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        entries = [
            Entry(f"{i}. {_label(MeasureType, m.type)}", text=m.purpose)
            for i, m in enumerate(self.data.measures, 1)
            if m.purpose
        ]
        blocks = [] if entries else list(_not_stated())
        return _("Purpose of the assistance"), blocks, [], entries

    def urgency(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        d = self.data
        urgent = d.urgency == Urgency.URGENT
        text = _("This request is urgent.") if urgent else _("This request is not urgent.")
        by = ""
        if d.requested_by is not None:
            local = d.requested_by.astimezone(_zone())
            by = format_date(local.date(), "long", locale=self.language.babel_locale)
        fields = [
            *_fields((_("Reason for urgency"), d.urgency_reason)),
            *_fields(
                (_("Execution requested by"), by),
                (_("Custody"), _label(Custody, d.custody)),
                user=False,
            ),
        ]
        return _("Urgency and time limits"), [Block(text)], fields, []

    def confidentiality(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        if self.data.confidential:
            text = _(
                "The requesting State asks that the fact and the content of this request be "
                "kept confidential, except as needed to execute it. If the requested State "
                "cannot comply, it is asked to inform the requesting authority promptly."
            )
        else:
            text = _("No confidentiality is requested beyond that required by law.")
        return _("Confidentiality"), [Block(text)], [], []

    def use_limits(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        blocks = [
            Block(
                _(
                    "The information and evidence obtained will not be transmitted or used "
                    "for investigations, prosecutions or proceedings other than those stated "
                    "in this request without the prior consent of the requested State."
                )
            )
        ]
        if self.data.use_limits:
            blocks.append(Block(self.data.use_limits, user=True))
        return _("Limits on use"), blocks, [], []

    def contact(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        d = self.data
        fields = _fields(
            (_("Name"), d.contact_name),
            (_("Function"), d.contact_function),
            (_("Telephone"), d.contact_phone),
            (_("E-mail"), d.contact_email),
        )
        languages = dict(settings.LANGUAGES)
        translations = ", ".join(str(languages.get(c, c)) for c in d.translation_languages)
        lang_fields = _fields(
            (
                _("Language of the request"),
                str(languages.get(d.request_language, d.request_language)),
            ),
            (_("Translations attached"), translations),
            user=False,
        )
        blocks = [] if fields else list(_not_stated())
        return _("Contact person"), blocks, [*fields, *lang_fields], []

    def annexes(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        # Every file is named by its hash, never embedded: a photograph or fingerprints
        # (ETS 24 art. 12(2)(c); UN Model Treaty on Extradition art. 5(2)(a)) also say whom
        # they identify, and travel beside the letter as files of the request.
        entries = [
            Entry(
                f"{i}. {doc.title}",
                fields=(*self._identifies(doc), *_fields(("SHA-256", doc.sha256))),
            )
            for i, doc in enumerate(self.data.documents, 1)
        ]
        blocks = [] if entries else [Block(_("No annex."))]
        return _("Annexes"), blocks, [], entries

    def _identifies(self, doc: DocumentNote) -> tuple[Field, ...]:
        persons = self.data.persons
        if doc.person is None or not 0 <= doc.person < len(persons):
            return ()
        names = persons[doc.person].names
        return (
            *_fields((_("Kind of annex"), _label(PersonFileKind, doc.person_file)), user=False),
            *_fields((_("Person"), names[0].full_name if names else "")),
        )

    def signature(self) -> tuple[str, list[Block], Iterable[Field], list[Entry]]:
        fields = [
            Field(_("Place and date"), "", False),
            Field(_("Name and function"), "", False),
            Field(_("Signature and seal"), "", False),
        ]
        return _("Signature"), [], fields, []


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.NODE_TIME_ZONE)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def letter_build(case: Case, data: CaseData, language: LetterLanguage) -> Letter:
    """The letter's content for one case version, in ``language`` (already active)."""
    builder = _Builder(case, data, language)
    at = version_instant(case)
    local = at.astimezone(_zone())
    requested = _state(case.requested_state, language)
    addressee = [_("To the competent authorities of %(state)s") % {"state": requested}]
    if case.requested_authority:
        addressee.insert(0, case.requested_authority.name)
    sender = [_state(case.requesting_state, language)]
    authority = data.requesting_authority or (
        case.requesting_authority.name if case.requesting_authority else ""
    )
    if authority:
        sender.append(authority)
    print_ = fingerprint(data)
    kind_label = _label(KindChoice, data.kind)
    return Letter(
        language=language.value,
        rtl=language.rtl,
        title=_title(data.kind),
        reference=case.our_reference,
        date_text=format_date(local.date(), "long", locale=language.babel_locale),
        version_at=at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        fingerprint=print_,
        addressee=tuple(addressee),
        sender=tuple(sender),
        sections=tuple(builder.section(key, article) for key, article in sections_for(data.kind)),
        footer=_("Content fingerprint (SHA-256): %(value)s") % {"value": print_[:16]},
        labels={
            "reference": _("Our reference"),
            "date": _("Date"),
            "kind": kind_label,
            "kind_label": _("Type of request"),
            "subject": _("Subject"),
            "title": data.title,
        },
    )
