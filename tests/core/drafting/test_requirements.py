"""Requirements of the requested State as data, and the checker that blocks or warns before
approval, saying why (issue 17)."""

from dataclasses import replace
from typing import Any

import pytest

from rogatory.core.drafting import (
    DocumentLanguage,
    Severity,
    check_requirements,
    parse_requirements,
)
from rogatory.core.errors import DomainError
from rogatory.core.wire.records import CaseData, Measure, Name, Offence, Person

XB: dict[str, Any] = {
    "state": "XB",
    "version": 3,
    "sources": ["Demo: XB's declaration under UNTOC art. 18(14)"],
    "languages": {"mla": ["en", "fr"], "extradition": ["fr"]},
    "certified_translation": True,
    "channels": ["central_authority", "diplomatic"],
    "urgent_channel": "interpol",
    "legal_bases": [
        {"basis": "untoc"},
        {"basis": "treaty", "states": ["XA"], "source": "XA-XB treaty"},
    ],
    "dual_criminality_coercive": True,
    "min_penalty_months": 12,
    "death_penalty_assurance": True,
    "measures": {"records": "Name the bank and the accounts."},
}
CASE = CaseData(
    kind="mla",
    legal_bases=["untoc"],
    title="Bank records",
    persons=[Person("suspect", [Name("Ivan")])],
    measures=[Measure("taking_evidence", "Hear the witness", "Trial")],
    request_language="en",
)


def _check(case: CaseData, data: dict[str, Any] = XB, **kw: Any) -> dict[str, Any]:
    found = check_requirements(
        case, requesting_state="XA", requirements=parse_requirements(data), **kw
    )
    return {f.code: f for f in found}


def test_a_request_in_an_accepted_language_on_a_basis_in_force_passes() -> None:
    assert _check(CASE) == {}


def test_a_request_in_a_language_xb_does_not_accept_is_blocked_and_says_which_it_accepts() -> None:
    found = _check(replace(CASE, request_language="es"))
    finding = found["requirements.language"]
    assert finding.severity is Severity.BLOCK
    assert finding.params == {"language": "es", "accepted": "en, fr"}
    assert finding.article.startswith("UNTOC art. 18(14); Demo: XB's declaration")
    assert finding.field == "request_language"


def test_a_translation_into_an_accepted_language_is_enough() -> None:
    assert _check(replace(CASE, request_language="es", translation_languages=["fr"])) == {}


def test_extradition_languages_are_read_apart_from_mla_languages() -> None:
    extradition = replace(CASE, kind="extradition", measures=[])
    assert "requirements.language" in _check(extradition)
    assert "requirements.language" not in _check(replace(extradition, request_language="fr"))


def test_no_legal_basis_in_force_between_the_two_states_is_blocked() -> None:
    found = _check(replace(CASE, legal_bases=["reciprocity"]))
    assert found["requirements.legal_basis"].severity is Severity.BLOCK
    assert found["requirements.legal_basis"].params == {"in_force": "treaty, untoc"}
    # the treaty binds XB to XA only
    other = check_requirements(
        replace(CASE, legal_bases=["treaty"]),
        requesting_state="XC",
        requirements=parse_requirements(XB),
    )
    assert [f.code for f in other] == ["requirements.legal_basis"]


def test_a_state_that_requires_the_diplomatic_channel_blocks_direct_transmission() -> None:
    found = _check(CASE, {**XB, "channels": ["diplomatic"]})
    assert found["requirements.channel"].severity is Severity.BLOCK
    assert found["requirements.channel"].article.startswith("UNTOC art. 18(13)")
    no_electronic = _check(CASE, {**XB, "electronic_transmission": False})
    assert no_electronic["requirements.no_electronic"].severity is Severity.BLOCK


def test_coercive_measures_need_dual_criminality_where_the_state_requires_it() -> None:
    records = replace(CASE, measures=[Measure("records", "Bank", "Trace")])
    found = _check(records)
    assert found["requirements.dual_criminality"].severity is Severity.BLOCK
    assert found["requirements.measure_note"].severity is Severity.WARN
    assert found["requirements.measure_note"].params == {
        "measure": "records",
        "note": "Name the bank and the accounts.",
    }
    assert "requirements.dual_criminality" not in _check(replace(records, dual_criminality="Y"))


def test_extradition_below_the_minimum_penalty_is_blocked_and_death_penalty_warns() -> None:
    extradition = replace(
        CASE,
        kind="extradition",
        measures=[],
        request_language="fr",
        offences=[Offence("Theft", max_penalty_months=6), Offence("Murder", max_penalty_life=True)],
    )
    found = _check(extradition)
    assert found["requirements.min_penalty"].field == "offences[0].max_penalty_months"
    assert found["requirements.min_penalty"].params == {"number": "1", "months": "12"}
    assert found["requirements.death_penalty"].severity is Severity.WARN


def test_urgent_requests_are_told_the_urgency_channel() -> None:
    found = _check(replace(CASE, urgency="urgent"))
    assert found["requirements.urgent_channel"].params == {"channel": "interpol"}


def test_documents_still_needing_a_certified_translation_are_listed() -> None:
    docs = (
        DocumentLanguage("Court order", "es"),
        DocumentLanguage("Statement", "es", translated=frozenset({"fr"})),
        DocumentLanguage("Certified", "es", frozenset({"fr"}), frozenset({"fr"})),
        DocumentLanguage("Letter", "en"),
    )
    found = check_requirements(
        CASE, requesting_state="XA", requirements=parse_requirements(XB), documents=docs
    )
    # XB asks for certified translations: a translation not yet certified still counts
    assert [f.params["title"] for f in found] == ["Court order", "Statement"]
    assert {f.code for f in found} == {"requirements.document_translation"}


def test_without_published_requirements_the_checker_only_warns() -> None:
    (finding,) = check_requirements(CASE, requesting_state="XA", requirements=None)
    assert (finding.code, finding.severity) == ("requirements.unknown", Severity.WARN)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**XB, "state": "xb"}, "state"),
        ({**XB, "version": 0}, "version"),
        ({**XB, "sources": []}, "sources"),
        ({**XB, "channels": ["pigeon"]}, "channels"),
        ({**XB, "languages": {"mla": "en"}}, "languages.mla"),
        ({**XB, "certified_translation": "yes"}, "certified_translation"),
        ({**XB, "min_penalty_months": "12"}, "min_penalty_months"),
        ({**XB, "legal_bases": [{"states": []}]}, "legal_bases[0]"),
        ([], "requirements"),
    ],
)
def test_malformed_requirements_are_refused_naming_the_field(data: Any, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_requirements(data)
    assert (refused.value.code, refused.value.params) == ("requirements.invalid", {"field": field})
