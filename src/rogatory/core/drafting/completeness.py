"""Completeness of a request per type and measure, as data: each rule names the element, the
article requiring it, and whether its absence blocks approval or only warns.

Request types are the case kinds of ``rogatory.core.workflow.CaseKind``; measures are the
values of ``rogatory.apps.cases.choices.MeasureType`` (``MeasureKind`` here, a test keeps the
two equal). The issue 17 list maps onto them as follows:

- MLA (UNTOC art. 18(15)): taking evidence (``taking_evidence``), service of documents
  (``service_of_documents``), search and seizure (``search_and_seizure``), banking records
  (``records``), preservation and production of electronic evidence
  (``electronic_preservation``, ``electronic_evidence``), freezing and confiscation
  (``asset_tracing``, ``confiscation``, and the ``confiscation`` kind, UNTOC art. 13(3)),
  hearing by videoconference (``videoconference_hearing``), temporary transfer of a detained
  person (``transfer_detained``);
- extradition for prosecution or for enforcement (kind ``extradition`` and its
  ``extradition_purpose``), provisional arrest (``provisional_arrest``), transfer of
  proceedings (``transfer_proceedings``), transfer of sentenced persons
  (``transfer_sentenced``).

Where a treaty between the two States asks for more, the requested State's requirements
(``rogatory.core.drafting.requirements``) add findings of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from rogatory.core.drafting.findings import Finding, Severity
from rogatory.core.wire.records import CaseData, PersonFile
from rogatory.core.workflow import CaseKind


class MeasureKind(StrEnum):
    TAKING_EVIDENCE = "taking_evidence"
    VIDEOCONFERENCE_HEARING = "videoconference_hearing"
    SERVICE_OF_DOCUMENTS = "service_of_documents"
    SEARCH_AND_SEIZURE = "search_and_seizure"
    EXAMINATION = "examination"
    RECORDS = "records"
    ELECTRONIC_EVIDENCE = "electronic_evidence"
    ELECTRONIC_PRESERVATION = "electronic_preservation"
    ASSET_TRACING = "asset_tracing"
    CONFISCATION = "confiscation"
    TRANSFER_OF_DETAINED_PERSON = "transfer_detained"
    VOLUNTARY_APPEARANCE = "voluntary_appearance"
    SPONTANEOUS_INFORMATION = "spontaneous_information"
    OTHER = "other"


# Measures that compel (search, seizure, freezing, production of records or data): many
# States execute them only for conduct that is an offence under their law too (UNTOC art.
# 18(9)) and on a judicial order (reference §8.2, checklist gates).
COERCIVE = frozenset(
    {
        MeasureKind.SEARCH_AND_SEIZURE,
        MeasureKind.RECORDS,
        MeasureKind.ELECTRONIC_EVIDENCE,
        MeasureKind.ASSET_TRACING,
        MeasureKind.CONFISCATION,
    }
)
# Kinds drafted as assistance under UNTOC art. 18 (a JIT agreement, art. 19, states the same
# proceedings and authority).
ASSISTANCE = frozenset({CaseKind.MLA, CaseKind.CONFISCATION, CaseKind.JOINT_INVESTIGATION_TEAM})
EXTRADITION = frozenset({CaseKind.EXTRADITION})
ALL_KINDS = frozenset(CaseKind)

Check = Callable[[CaseData], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """``code`` is present unless ``ok(case)``; the rule applies to ``kinds`` and, when
    ``measures`` is given, only if the request asks for one of them (``when`` narrows further)."""

    code: str
    field: str
    article: str
    kinds: frozenset[CaseKind]
    ok: Check
    severity: Severity = Severity.BLOCK
    measures: frozenset[MeasureKind] = frozenset()
    when: Check | None = None


def _has(name: str) -> Check:
    return lambda c: bool(str(getattr(c, name)).strip())


def _measures(case: CaseData) -> set[str]:
    return {m.type for m in case.measures}


def _only_service(case: CaseData) -> bool:
    return bool(case.measures) and _measures(case) == {MeasureKind.SERVICE_OF_DOCUMENTS}


def _photographed(case: CaseData) -> bool:
    """A photograph of a person of the request is annexed (linked to that person)."""
    return any(
        d.person_file == PersonFile.PHOTOGRAPH
        and d.person is not None
        and 0 <= d.person < len(case.persons)
        for d in case.documents
    )


def _enforcement(case: CaseData) -> bool:
    return case.extradition_purpose == "enforcement"


_TSP = frozenset({CaseKind.TRANSFER_OF_SENTENCED_PERSONS})
_PA = frozenset({CaseKind.PROVISIONAL_ARREST})
_TOP = frozenset({CaseKind.TRANSFER_OF_PROCEEDINGS})
_PROCEEDINGS = ASSISTANCE | _TOP

RULES: tuple[Rule, ...] = (
    # --- every request ---
    Rule(
        "drafting.requesting_authority",
        "requesting_authority_name",
        "UNTOC art. 18(15)(a)",
        ALL_KINDS,
        _has("requesting_authority"),
    ),
    Rule(
        "drafting.request_language",
        "request_language",
        "UNTOC art. 18(14)",
        ALL_KINDS,
        _has("request_language"),
    ),
    Rule(
        "drafting.contact",
        "contact_name",
        "Practice: UNODC MLA Request Writer Tool (reference §8.2 item 11)",
        ALL_KINDS,
        lambda c: bool(c.contact_name.strip() and (c.contact_email or c.contact_phone).strip()),
        Severity.WARN,
    ),
    # --- assistance (UNTOC art. 18(15)) and transfer of proceedings (UNTOC art. 21) ---
    Rule(
        "drafting.subject",
        "subject",
        "UNTOC art. 18(15)(b)",
        _PROCEEDINGS,
        _has("subject"),
    ),
    Rule(
        "drafting.proceedings_authority",
        "proceedings_authority",
        "UNTOC art. 18(15)(b)",
        _PROCEEDINGS,
        lambda c: bool(c.proceedings_authority.strip() and c.proceedings_authority_functions),
    ),
    Rule(
        # Not needed when the request is only for service of documents (art. 18(15)(c)).
        "drafting.facts",
        "facts",
        "UNTOC art. 18(15)(c)",
        ALL_KINDS,
        _has("facts"),
        when=lambda c: not _only_service(c),
    ),
    Rule(
        "drafting.measures",
        "measures",
        "UNTOC art. 18(15)(d)",
        frozenset({CaseKind.MLA, CaseKind.CONFISCATION}),
        lambda c: bool(c.measures),
    ),
    Rule(
        "drafting.persons",
        "persons",
        "UNTOC art. 18(15)(e)",
        ASSISTANCE,
        lambda c: bool(c.persons),
        Severity.WARN,
    ),
    Rule(
        "drafting.offences",
        "offences",
        "Practice: reference §8.2 item 5; UNTOC art. 18(9)",
        ASSISTANCE,
        lambda c: bool(c.offences),
        Severity.WARN,
    ),
    Rule(
        "drafting.use_limits",
        "use_limits",
        "UNTOC art. 18(19)",
        ASSISTANCE,
        _has("use_limits"),
        Severity.WARN,
    ),
    Rule(
        "drafting.dual_criminality",
        "dual_criminality",
        "UNTOC art. 18(9)",
        ASSISTANCE,
        _has("dual_criminality"),
        Severity.WARN,
        measures=COERCIVE,
    ),
    # --- per measure ---
    Rule(
        "drafting.addressee",
        "persons",
        "UNTOC art. 18(3)(b), 18(15)(e)",
        ASSISTANCE,
        lambda c: bool(c.persons),
        measures=frozenset({MeasureKind.SERVICE_OF_DOCUMENTS}),
    ),
    Rule(
        "drafting.person_to_hear",
        "persons",
        "UNTOC art. 18(18)",
        ASSISTANCE,
        lambda c: bool(c.persons),
        measures=frozenset({MeasureKind.VIDEOCONFERENCE_HEARING}),
    ),
    Rule(
        "drafting.detained_person",
        "persons",
        "UNTOC art. 18(10)(a)",
        ASSISTANCE,
        lambda c: bool(c.persons),
        measures=frozenset({MeasureKind.TRANSFER_OF_DETAINED_PERSON}),
    ),
    Rule(
        # Budapest Convention (ETS 185) art. 29(2)(b): the offence and a summary of the facts.
        "drafting.preservation_offence",
        "offences",
        "ETS 185 art. 29(2)(b)",
        ASSISTANCE,
        lambda c: bool(c.offences),
        measures=frozenset({MeasureKind.ELECTRONIC_PRESERVATION}),
    ),
    Rule(
        "drafting.confiscation_order",
        "documents",
        "UNTOC art. 13(3)(b)",
        ASSISTANCE,
        lambda c: bool(c.documents),
        Severity.WARN,
        measures=frozenset({MeasureKind.CONFISCATION}),
    ),
    # --- extradition (ETS 24 art. 12; UN Model Treaty on Extradition art. 5) ---
    Rule(
        "drafting.person_sought",
        "persons",
        "ETS 24 art. 12(2)(c); UN Model Treaty art. 5(2)(a)",
        EXTRADITION | _PA | _TSP | _TOP,
        lambda c: bool(c.persons),
    ),
    Rule(
        "drafting.physical_description",
        "persons",
        "ETS 24 art. 12(2)(c); UN Model Treaty art. 5(2)(a)",
        EXTRADITION | _PA,
        lambda c: any(p.physical_description.strip() for p in c.persons),
        Severity.WARN,
    ),
    Rule(
        # Not every State holds a photograph of the person it seeks: a warning, not a block.
        "drafting.photograph",
        "persons",
        "ETS 24 art. 12(2)(c); UN Model Treaty on Extradition art. 5(2)(a)",
        EXTRADITION | _PA,
        _photographed,
        Severity.WARN,
        when=lambda c: bool(c.persons),
    ),
    Rule(
        "drafting.extradition_offences",
        "offences",
        "ETS 24 art. 12(2)(b); ETS 24 art. 16(2)",
        EXTRADITION | _PA | _TOP,
        lambda c: bool(c.offences),
    ),
    Rule(
        "drafting.offence_time_place",
        "offences",
        "ETS 24 art. 12(2)(b); ETS 24 art. 16(2)",
        EXTRADITION | _PA,
        lambda c: all(o.place.strip() and o.committed_on for o in c.offences),
    ),
    Rule(
        "drafting.legal_qualification",
        "offences",
        "ETS 24 art. 12(2)(b); UN Model Treaty art. 5(2)(b)",
        EXTRADITION,
        lambda c: all(o.legal_qualification.strip() for o in c.offences),
    ),
    Rule(
        "drafting.legal_provisions",
        "offences",
        "ETS 24 art. 12(2)(b); UN Model Treaty art. 5(2)(b)",
        EXTRADITION,
        lambda c: all(o.legal_provisions.strip() for o in c.offences),
    ),
    Rule(
        "drafting.penalty",
        "offences",
        "ETS 24 art. 2(1); UNTOC art. 16(7)",
        EXTRADITION,
        lambda c: all(o.max_penalty_months is not None or o.max_penalty_life for o in c.offences),
        Severity.WARN,
    ),
    Rule(
        "drafting.warrant",
        "warrant_kind",
        "ETS 24 art. 12(2)(a); ETS 24 art. 16(2); UN Model Treaty art. 5(2)(b)",
        EXTRADITION | _PA,
        lambda c: bool(c.warrant_kind and c.warrant_date and c.warrant_court.strip()),
    ),
    Rule(
        "drafting.extradition_purpose",
        "extradition_purpose",
        "UN Model Treaty art. 5(2)(b)-(c)",
        EXTRADITION,
        _has("extradition_purpose"),
    ),
    Rule(
        "drafting.enforceable_judgment",
        "warrant_enforceable",
        "ETS 24 art. 12(2)(a); UN Model Treaty art. 5(2)(c)",
        EXTRADITION,
        lambda c: c.warrant_kind == "judgment" and c.warrant_enforceable,
        when=_enforcement,
    ),
    Rule(
        "drafting.sentence_remaining",
        "sentence_remaining",
        "UN Model Treaty art. 5(2)(c)",
        EXTRADITION,
        _has("sentence_remaining"),
        when=_enforcement,
    ),
    Rule(
        "drafting.speciality",
        "assurance_speciality",
        "ETS 24 art. 14; UN Model Treaty art. 14",
        EXTRADITION,
        _has("assurance_speciality"),
        Severity.WARN,
    ),
    Rule(
        "drafting.interpol_notice",
        "interpol_notice",
        "ETS 24 art. 16(3)",
        _PA,
        _has("interpol_notice"),
        Severity.WARN,
    ),
    # --- transfer of sentenced persons (ETS 112 art. 6(2)) ---
    Rule(
        "drafting.judgment",
        "warrant_kind",
        "ETS 112 art. 6(2)(a)",
        _TSP,
        lambda c: bool(c.warrant_kind == "judgment" and c.warrant_date and c.warrant_court),
    ),
    Rule(
        "drafting.sentence_served",
        "sentence_remaining",
        "ETS 112 art. 6(2)(b)",
        _TSP,
        _has("sentence_remaining"),
    ),
)


def _applies(rule: Rule, case: CaseData, kind: CaseKind) -> bool:
    if kind not in rule.kinds:
        return False
    if rule.measures and not (rule.measures & _measures(case)):
        return False
    return rule.when is None or rule.when(case)


def _per_measure(case: CaseData, kind: CaseKind) -> Iterator[Finding]:
    if kind not in ASSISTANCE:
        return
    for i, m in enumerate(case.measures):
        # UNTOC art. 18(15)(f): the purpose for which each item is sought.
        if not m.purpose.strip():
            yield Finding(
                "drafting.measure_purpose",
                "UNTOC art. 18(15)(f)",
                Severity.BLOCK,
                f"measures[{i}].purpose",
                {"number": str(i + 1)},
            )


def check_completeness(case: CaseData) -> list[Finding]:
    """Every element the request still lacks, in the order of the letter. An unknown kind
    (a newer node's) is checked against the rules for every request only."""
    try:
        kind = CaseKind(case.kind)
    except ValueError:
        kind = None
    found: list[Finding] = []
    for rule in RULES:
        if kind is None and rule.kinds != ALL_KINDS:
            continue
        if (kind is None or _applies(rule, case, kind)) and not rule.ok(case):
            found.append(Finding(rule.code, rule.article, rule.severity, rule.field))
    if kind is not None:
        found.extend(_per_measure(case, kind))
    return found
