"""Completeness rules per request type and measure (issue 17): each missing element is named
with the article requiring it; blocking elements stop approval, the others warn."""

from dataclasses import replace
from datetime import date

import pytest

from rogatory.core.drafting import RULES, Severity, blocking, check_completeness
from rogatory.core.drafting.completeness import MeasureKind
from rogatory.core.wire.records import (
    CaseData,
    DocumentNote,
    Measure,
    Name,
    Offence,
    Person,
    PersonFile,
)
from rogatory.core.workflow import CaseKind

PERSON = Person("suspect", [Name("Ivan Petrov")], physical_description="Tall, grey eyes")
OFFENCE = Offence(
    "Laundering",
    "Criminal Code art. 300",
    120,
    place="Port Aurel",
    committed_on=date(2024, 3, 1),
    legal_qualification="Money laundering",
)
MLA = CaseData(
    kind="mla",
    legal_bases=["untoc"],
    title="Bank records",
    subject="Investigation of laundering",
    facts="Proceeds moved through Borealis Trading.",
    persons=[PERSON],
    offences=[OFFENCE],
    measures=[Measure("records", "Statements 2019-2021", purpose="To trace the proceeds")],
    requesting_authority="Central Authority of XA",
    proceedings_authority="Public Prosecutor's Office of XA",
    proceedings_authority_functions="Investigating prosecutor",
    request_language="en",
    contact_name="A. Officer",
    contact_email="officer@ca.xa.example",
    dual_criminality="An offence in both States.",
    use_limits="Only in these proceedings.",
)
EXTRADITION = replace(
    MLA,
    kind="extradition",
    measures=[],
    warrant_kind="arrest_warrant",
    warrant_date=date(2025, 6, 2),
    warrant_court="Criminal Court of XA",
    extradition_purpose="prosecution",
    assurance_speciality="Speciality respected.",
    documents=[DocumentNote("ab" * 32, "Photograph of Ivan Petrov", "", 0, PersonFile.PHOTOGRAPH)],
)


def _codes(case: CaseData) -> list[str]:
    return [f.code for f in check_completeness(case)]


def test_a_complete_mla_request_has_no_finding() -> None:
    assert check_completeness(MLA) == []


def test_a_complete_extradition_request_has_no_finding() -> None:
    assert check_completeness(EXTRADITION) == []


def test_each_element_of_art_18_15_is_named_with_its_paragraph() -> None:
    # given an MLA request with none of UNTOC art. 18(15)(a)-(d) and a measure without purpose
    bare = replace(
        MLA,
        requesting_authority="",
        subject="",
        proceedings_authority="",
        facts="",
        measures=[Measure("taking_evidence", "Hear the witness")],
    )
    # then each is a blocking finding naming its paragraph
    found = {f.code: f for f in blocking(check_completeness(bare))}
    assert {code: f.article for code, f in found.items()} == {
        "drafting.requesting_authority": "UNTOC art. 18(15)(a)",
        "drafting.subject": "UNTOC art. 18(15)(b)",
        "drafting.proceedings_authority": "UNTOC art. 18(15)(b)",
        "drafting.facts": "UNTOC art. 18(15)(c)",
        "drafting.measure_purpose": "UNTOC art. 18(15)(f)",
    }
    assert found["drafting.measure_purpose"].field == "measures[0].purpose"
    assert found["drafting.measure_purpose"].params == {"number": "1"}


def test_a_request_only_for_service_of_documents_needs_no_facts() -> None:
    # UNTOC art. 18(15)(c): the summary of facts is not needed for service of documents.
    service = replace(
        MLA, facts="", measures=[Measure("service_of_documents", "Serve the summons", "Trial")]
    )
    assert "drafting.facts" not in _codes(service)
    assert "drafting.facts" in _codes(
        replace(service, measures=[*service.measures, Measure("records", "Bank", "Trace")])
    )


def test_an_mla_request_without_measures_is_blocked_under_art_18_15_d() -> None:
    (finding,) = check_completeness(replace(MLA, measures=[]))
    assert (finding.code, finding.article, finding.severity) == (
        "drafting.measures",
        "UNTOC art. 18(15)(d)",
        Severity.BLOCK,
    )


@pytest.mark.parametrize(
    ("measure", "code", "article"),
    [
        ("service_of_documents", "drafting.addressee", "UNTOC art. 18(3)(b), 18(15)(e)"),
        ("videoconference_hearing", "drafting.person_to_hear", "UNTOC art. 18(18)"),
        ("transfer_detained", "drafting.detained_person", "UNTOC art. 18(10)(a)"),
    ],
)
def test_measures_about_a_person_need_that_person(measure: str, code: str, article: str) -> None:
    case = replace(MLA, persons=[], measures=[Measure(measure, "Details", "Purpose")])
    found = {f.code: f for f in check_completeness(case)}
    assert found[code].article == article
    assert found[code].severity is Severity.BLOCK
    # "where possible" (art. 18(15)(e)): otherwise persons only warn
    assert found["drafting.persons"].severity is Severity.WARN


def test_preservation_of_electronic_data_needs_the_offence() -> None:
    case = replace(
        MLA, offences=[], measures=[Measure("electronic_preservation", "Logs", "Evidence")]
    )
    found = {f.code: f for f in check_completeness(case)}
    assert found["drafting.preservation_offence"].article == "ETS 185 art. 29(2)(b)"
    assert found["drafting.preservation_offence"].severity is Severity.BLOCK


def test_coercive_measures_warn_without_a_dual_criminality_statement() -> None:
    for measure in ("search_and_seizure", "records", "asset_tracing", "confiscation"):
        case = replace(MLA, dual_criminality="", measures=[Measure(measure, "x", "y")])
        found = {f.code: f for f in check_completeness(case)}
        assert found["drafting.dual_criminality"].severity is Severity.WARN
    hearing = replace(MLA, dual_criminality="", measures=[Measure("taking_evidence", "x", "y")])
    assert "drafting.dual_criminality" not in _codes(hearing)


def test_confiscation_warns_without_the_order_attached() -> None:
    case = replace(MLA, measures=[Measure("confiscation", "The villa", "Confiscation")])
    found = {f.code: f for f in check_completeness(case)}
    assert found["drafting.confiscation_order"].article == "UNTOC art. 13(3)(b)"


def test_extradition_needs_warrant_purpose_and_each_offences_qualification() -> None:
    bare = replace(
        EXTRADITION,
        warrant_kind="",
        extradition_purpose="",
        offences=[Offence("Fraud")],
    )
    found = {f.code: f for f in blocking(check_completeness(bare))}
    assert set(found) == {
        "drafting.warrant",
        "drafting.extradition_purpose",
        "drafting.offence_time_place",
        "drafting.legal_qualification",
        "drafting.legal_provisions",
    }
    assert "ETS 24 art. 12(2)(a)" in found["drafting.warrant"].article
    assert "ETS 24 art. 12(2)(b)" in found["drafting.legal_qualification"].article


def test_extradition_for_enforcement_needs_an_enforceable_judgment_and_the_sentence_left() -> None:
    enforcement = replace(EXTRADITION, extradition_purpose="enforcement")
    assert set(_codes(enforcement)) == {
        "drafting.enforceable_judgment",
        "drafting.sentence_remaining",
    }
    served = replace(
        enforcement,
        warrant_kind="judgment",
        warrant_enforceable=True,
        sentence_remaining="Three years",
    )
    assert _codes(served) == []


def test_provisional_arrest_needs_the_warrant_and_offence_and_suggests_interpol() -> None:
    arrest = replace(EXTRADITION, kind="provisional_arrest", warrant_kind="", interpol_notice="")
    found = {f.code: f for f in check_completeness(arrest)}
    assert found["drafting.warrant"].severity is Severity.BLOCK
    assert "ETS 24 art. 16(2)" in found["drafting.warrant"].article
    assert found["drafting.interpol_notice"].severity is Severity.WARN


def test_transfer_of_sentenced_persons_needs_the_judgment_and_the_sentence_served() -> None:
    transfer = replace(MLA, kind="transfer_sentenced", measures=[])
    found = {f.code: f.article for f in blocking(check_completeness(transfer))}
    assert found == {
        "drafting.judgment": "ETS 112 art. 6(2)(a)",
        "drafting.sentence_served": "ETS 112 art. 6(2)(b)",
    }


def test_transfer_of_proceedings_needs_the_proceedings_the_person_and_the_offences() -> None:
    transfer = replace(
        MLA, kind="transfer_proceedings", measures=[], persons=[], offences=[], subject=""
    )
    assert {f.code for f in blocking(check_completeness(transfer))} == {
        "drafting.subject",
        "drafting.person_sought",
        "drafting.extradition_offences",
    }


def test_every_kind_and_rule_is_covered_and_every_rule_cites_an_article() -> None:
    assert {k for rule in RULES for k in rule.kinds} == set(CaseKind)
    assert all(rule.article for rule in RULES)
    assert len({rule.code for rule in RULES}) == len(RULES)


def test_an_unknown_kind_is_checked_against_the_rules_for_every_request() -> None:
    assert _codes(replace(MLA, kind="newer_kind", request_language="")) == [
        "drafting.request_language"
    ]


def test_the_measure_kinds_are_those_of_the_measure_choices() -> None:
    from rogatory.core.drafting.completeness import COERCIVE

    assert set(MeasureKind) >= COERCIVE
    assert MeasureKind("electronic_preservation") is MeasureKind.ELECTRONIC_PRESERVATION


@pytest.mark.parametrize("kind", ["extradition", "provisional_arrest"])
def test_a_request_for_a_person_without_a_photograph_warns_citing_both_instruments(
    kind: str,
) -> None:
    # given an extradition or provisional arrest request whose only annex is fingerprints
    fingerprints = DocumentNote("cd" * 32, "Fingerprints", "", 0, PersonFile.FINGERPRINTS)
    case = replace(EXTRADITION, kind=kind, documents=[fingerprints])
    # when it is checked
    found = [f for f in check_completeness(case) if f.code == "drafting.photograph"]
    # then one warning (approval is not blocked) cites ETS 24 and the UN Model Treaty
    assert [(f.severity, f.field, f.article) for f in found] == [
        (
            Severity.WARN,
            "persons",
            "ETS 24 art. 12(2)(c); UN Model Treaty on Extradition art. 5(2)(a)",
        )
    ]
    assert not [f for f in blocking(check_completeness(case)) if f.code == "drafting.photograph"]


def test_a_photograph_linked_to_no_person_of_the_request_does_not_count() -> None:
    # given a photograph whose person index points past the persons of the request
    stray = DocumentNote("ef" * 32, "Photograph", "", 5, PersonFile.PHOTOGRAPH)
    case = replace(EXTRADITION, documents=[stray])
    # then the request still lacks a photograph
    assert _codes(case) == ["drafting.photograph"]


def test_an_mla_request_is_never_asked_for_a_photograph() -> None:
    assert "drafting.photograph" not in _codes(replace(MLA, documents=[]))
