"""Detention dossiers, the two-step assessment of a case and assurances, each audited; a
refused write changes nothing."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial, AuditEvent
from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.detention_selectors import (
    case_detention_for,
    dossier_get_for,
)
from rogatory.apps.extradition.models import (
    Assurance,
    DetentionAssessment,
    DetentionDossier,
    DetentionSource,
)
from rogatory.apps.extradition.services.detention import (
    assessment_general_record,
    assessment_individual_record,
    assessment_information_received,
    assessment_information_request,
    assurance_record,
    dossier_save,
    node_today,
    source_add,
)
from rogatory.core.errors import DomainError
from rogatory.core.extradition.detention import Gate, SpaceReading

pytestmark = pytest.mark.django_db


@pytest.fixture
def extradition(open_case: Any, people: dict[str, Any]) -> Case:
    from rogatory.apps.cases.models import CaseGrant

    case: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", requesting_state="XB"
    )
    CaseGrant.objects.create(case=case, user=people["officer"], granted_by=people["supervisor"])
    return case


@pytest.fixture
def dossier(people: dict[str, Any]) -> DetentionDossier:
    return dossier_save(
        actor=people["officer"],
        state="XB",
        facility="Central Remand Prison",
        facility_kind="remand",
        personal_space_m2=Decimal("2.6"),
        findings="Overcrowding; two hours out of cell.",
    )


@pytest.fixture
def source(people: dict[str, Any], dossier: DetentionDossier) -> DetentionSource:
    return source_add(
        actor=people["officer"],
        dossier_id=dossier.pk,
        kind="cpt_report",
        title="Report on the visit to Borealis",
        published_on=date(2025, 6, 1),
        url="https://example.org/cpt/xb-2025",
        personal_space_m2=Decimal("2.6"),
    )


def test_an_officer_keeps_a_dossier_with_sources_and_each_write_is_audited(
    people: Any, dossier: DetentionDossier, source: DetentionSource
) -> None:
    assert dossier_get_for(actor=people["supervisor"], dossier_id=dossier.pk) == dossier
    assert list(dossier.sources.all()) == [source]
    assert list(
        AuditEvent.objects.filter(action__startswith="detention.").values_list("action", flat=True)
    ) == ["detention.dossier_save", "detention.source_add"]


def test_another_authority_does_not_see_or_change_the_dossier(
    people: Any, dossier: DetentionDossier
) -> None:
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        source_add(
            actor=people["foreign_supervisor"],
            dossier_id=dossier.pk,
            kind="ngo",
            title="X",
            published_on=date(2025, 1, 1),
        )
    assert err.value.code == "detention.dossier_not_found"
    assert not DetentionSource.objects.exists()
    assert AuditEvent.objects.count() == audits
    assert AccessDenial.objects.filter(object_type="dossier").exists()


def test_a_clerk_may_not_keep_a_dossier(people: Any) -> None:
    with pytest.raises(DomainError) as err:
        dossier_save(actor=people["clerk"], state="XB")
    assert err.value.code == "detention.forbidden"
    assert not DetentionDossier.objects.exists()


def test_a_general_risk_needs_its_sources(people: Any, extradition: Case) -> None:
    with pytest.raises(DomainError) as err:
        assessment_general_record(
            actor=people["officer"],
            case_id=extradition.pk,
            general_risk="general_risk",
            reasons="Overcrowding",
        )
    assert err.value.code == "detention.sources_required"
    assert not DetentionAssessment.objects.exists()


def test_the_two_steps_block_the_decision_until_the_information_is_in(
    people: Any, extradition: Case, dossier: DetentionDossier, source: DetentionSource
) -> None:
    officer = people["officer"]
    # step 1: a general risk, shown by the CPT report
    assessment_general_record(
        actor=officer,
        case_id=extradition.pk,
        general_risk="general_risk",
        reasons="Systemic overcrowding in remand prisons.",
        source_ids=[source.pk],
        facility_id=dossier.pk,
    )
    view = case_detention_for(actor=officer, case_id=extradition.pk)
    assert view.gate is Gate.INFORMATION_NOT_REQUESTED
    assert view.facility_space is not None
    assert view.facility_space.reading is SpaceReading.STRONG_PRESUMPTION
    # step 2 cannot be concluded before the information is asked
    with pytest.raises(DomainError) as err:
        assessment_individual_record(
            actor=officer, case_id=extradition.pk, individual_risk="ruled_out", reasons="R"
        )
    assert err.value.code == "detention.information_not_requested"
    today = node_today()
    assessment_information_request(
        actor=officer,
        case_id=extradition.pk,
        asked="Cell size and occupancy at Central Remand Prison.",
        requested_on=today,
        deadline=today + timedelta(days=14),
    )
    # while the answer is awaited, step 2 is refused and nothing is written
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        assessment_individual_record(
            actor=officer, case_id=extradition.pk, individual_risk="ruled_out", reasons="R"
        )
    assert err.value.code == "detention.awaiting_information"
    assert AuditEvent.objects.count() == audits
    assert DetentionAssessment.objects.get().individual_risk == "pending"
    assert case_detention_for(actor=officer, case_id=extradition.pk).gate is (
        Gate.AWAITING_INFORMATION
    )
    # when the answer is in, step 2 is concluded with reasons
    assessment_information_received(
        actor=officer,
        case_id=extradition.pk,
        received_on=today,
        answer="Single cell of 7 m² in wing B.",
    )
    assessment_individual_record(
        actor=officer,
        case_id=extradition.pk,
        individual_risk="ruled_out",
        reasons="Single cell of 7 m², assured in writing.",
    )
    assert case_detention_for(actor=officer, case_id=extradition.pk).gate is Gate.OPEN


def test_a_passed_time_limit_lets_step_two_conclude(
    people: Any, extradition: Case, source: DetentionSource
) -> None:
    officer = people["officer"]
    assessment_general_record(
        actor=officer,
        case_id=extradition.pk,
        general_risk="general_risk",
        reasons="Overcrowding",
        source_ids=[source.pk],
    )
    today = node_today()
    assessment_information_request(
        actor=officer,
        case_id=extradition.pk,
        asked="Where will he be held?",
        requested_on=today - timedelta(days=20),
        deadline=today - timedelta(days=1),
    )
    assert case_detention_for(actor=officer, case_id=extradition.pk).information_overdue
    row = assessment_individual_record(
        actor=officer,
        case_id=extradition.pk,
        individual_risk="not_ruled_out_in_time",
        reasons="No answer within the time limit.",
    )
    assert row.individual_risk == "not_ruled_out_in_time"


def test_the_othman_checklist_is_stored_with_every_factor(people: Any, extradition: Case) -> None:
    row = assurance_record(
        actor=people["officer"],
        case_id=extradition.pk,
        given_by="Ministry of Justice of Borealis",
        level="ministry_of_justice",
        given_on=date(2026, 11, 1),
        covers="At least 4 m² of personal space at Central Remand Prison.",
        othman={
            "specific": ("yes", "Names the prison and the space"),
            "objectively_verifiable": ("no", "No consular visits offered"),
        },
    )
    stored = Assurance.objects.get(pk=row.pk).othman
    assert len(stored) == 11
    assert stored["specific"] == {"answer": "yes", "note": "Names the prison and the space"}
    assert stored["objectively_verifiable"]["answer"] == "no"
    assert stored["terms_disclosed"] == {"answer": "unknown", "note": ""}
    assert AuditEvent.objects.get(action="detention.assurance").changes["othman"] == stored


def test_another_authority_officer_cannot_assess_a_case_and_nothing_is_written(
    people: Any, extradition: Case
) -> None:
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        assessment_general_record(
            actor=people["foreign_supervisor"],
            case_id=extradition.pk,
            general_risk="no_general_risk",
            reasons="R",
        )
    assert err.value.code == "case.not_found"
    assert not DetentionAssessment.objects.exists()
    assert AuditEvent.objects.count() == audits
