"""Issue 17: approval refuses an incomplete request or one the requested State would refuse,
naming why; the supervisor approves a version (its hash), and a change withdraws it."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.drafting_selectors import draft_check
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.cases.services import case_update
from rogatory.apps.cases.services.inputs import MeasureInput
from rogatory.apps.cases.services.offence_edits import measure_update
from rogatory.apps.cases.wire import canonical_hash
from rogatory.apps.directory.services import requirements_load_shipped
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _writes() -> tuple[int, int]:
    return CaseEvent.objects.count(), AuditEvent.objects.count()


# XB executes coercive measures (the fixture asks for bank records) only on dual criminality.
DUAL = "Laundering is an offence under XB's law too."


def _submitted(case: Case, people: Any) -> Case:
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")
    return case


def test_an_incomplete_draft_is_not_approved_and_the_refusal_names_each_element(
    open_case: Any, people: Any
) -> None:
    # given a submitted draft without subject, proceedings authority, language or measures
    case = _submitted(
        open_case(
            subject="",
            proceedings_authority="",
            request_language="",
            measures=[],
        ),
        people,
    )
    before = _writes()
    # when the supervisor approves it
    with pytest.raises(DomainError) as refused:
        case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # then it is refused, naming every blocking element, and nothing is written
    assert refused.value.code == "drafting.incomplete"
    assert refused.value.params == {
        "count": 4,
        "missing": "drafting.request_language, drafting.subject, "
        "drafting.proceedings_authority, drafting.measures",
    }
    assert Case.objects.get(pk=case.pk).status == "pending_approval"
    assert _writes() == before


def test_the_checker_stops_a_request_in_a_language_xb_does_not_accept(
    open_case: Any, people: Any
) -> None:
    # given XB's published requirements (French or English only) and a request in Spanish
    requirements_load_shipped()
    case = _submitted(open_case(request_language="es", dual_criminality=DUAL), people)
    before = _writes()
    # when the supervisor approves it
    with pytest.raises(DomainError) as refused:
        case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # then it is refused because of the language, and the finding says which are accepted
    assert refused.value.params["missing"] == "requirements.language"
    (finding,) = draft_check(Case.objects.get(pk=case.pk)).blocking
    assert (finding.code, finding.params) == (
        "requirements.language",
        {"language": "es", "accepted": "en, fr"},
    )
    assert "UNTOC art. 18(14)" in finding.article
    assert _writes() == before


def test_a_translation_into_an_accepted_language_lets_the_request_through(
    open_case: Any, people: Any
) -> None:
    # given XB's requirements and a request in Spanish with a French translation
    requirements_load_shipped()
    case = _submitted(
        open_case(request_language="es", translation_languages=["fr"], dual_criminality=DUAL),
        people,
    )
    # when the supervisor approves it
    approved = case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # then it is approved
    assert approved.status == "approved"


def test_no_legal_basis_in_force_blocks_approval(open_case: Any, people: Any) -> None:
    # given XB, which applies UNTOC and the XA-XB treaty, and a request on reciprocity only
    requirements_load_shipped()
    case = _submitted(open_case(legal_bases=["reciprocity"], dual_criminality=DUAL), people)
    # when the supervisor approves it, then it is refused for the legal basis
    with pytest.raises(DomainError) as refused:
        case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    assert refused.value.params["missing"] == "requirements.legal_basis"


def test_the_supervisor_approves_a_version_named_by_its_hash_and_the_audit_says_so(
    open_case: Any, people: Any
) -> None:
    # given a complete, submitted draft
    case = _submitted(open_case(), people)
    version = canonical_hash(case)
    # when the supervisor approves it
    approved = case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # then the version approved and who approved it are kept and audited
    assert (approved.approved_hash, approved.approved_by) == (version, people["supervisor"])
    audit = AuditEvent.objects.filter(case_id=case.pk, action="case.transition").last()
    assert audit is not None
    assert (audit.actor, audit.changes["to"], audit.changes["version"]) == (
        "supervisor",
        "approved",
        version,
    )


def test_a_change_after_approval_withdraws_it_back_to_draft_audited(
    open_case: Any, people: Any
) -> None:
    # given an approved request
    case = _submitted(open_case(), people)
    approved = case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    version = approved.approved_hash
    # when the officer changes its facts
    case_update(actor=people["officer"], case_id=case.pk, changes={"facts": "New facts."})
    # then the approval is withdrawn: back to draft, no version, the withdrawal audited
    case.refresh_from_db()
    assert (case.status, case.approved_hash, case.approved_by) == ("draft", "", None)
    assert case.facts == "New facts."
    audit = AuditEvent.objects.get(case_id=case.pk, action="case.approval_withdrawn")
    assert audit.changes == {"version": version, "because": "case.update"}
    assert CaseEvent.objects.filter(case=case, kind="approval_withdrawn").count() == 1


def test_editing_a_measure_of_an_approved_request_withdraws_the_approval(
    open_case: Any, people: Any
) -> None:
    # given an approved request
    case = _submitted(open_case(), people)
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    measure = case.measures.get()
    # when the officer edits its measure
    measure_update(
        actor=people["officer"],
        case_id=case.pk,
        measure_id=measure.pk,
        data=MeasureInput("records", "Statements 2018-2021", purpose="To trace the proceeds"),
    )
    # then the request is a draft again and the change is kept
    case.refresh_from_db()
    assert case.status == "draft"
    assert case.measures.get().description == "Statements 2018-2021"
    assert AuditEvent.objects.filter(case_id=case.pk, action="case.approval_withdrawn").count()


def test_after_transmission_nothing_is_edited_in_place(open_case: Any, people: Any) -> None:
    # given a request that has left for the requested State
    case = _submitted(open_case(), people)
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    Case.objects.filter(pk=case.pk).update(status="transmitted")
    before = _writes()
    # when the officer changes it, then it is refused and nothing is written
    with pytest.raises(DomainError) as refused:
        case_update(actor=people["officer"], case_id=case.pk, changes={"facts": "Other."})
    assert refused.value.code == "case.transmitted"
    with pytest.raises(DomainError) as refused_measure:
        measure_update(
            actor=people["officer"],
            case_id=case.pk,
            measure_id=case.measures.get().pk,
            data=MeasureInput("records", "Everything"),
        )
    assert refused_measure.value.code == "case.not_draft"
    assert Case.objects.get(pk=case.pk).status == "transmitted"
    assert _writes() == before
