"""The API of the detention area: dossiers, the two-step assessment, assurances, consultation
before refusal, speciality and competing-requests files; refusals are 4xx and write nothing."""

from datetime import timedelta
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import Consultation, DetentionDossier, SpecialityConsent
from rogatory.apps.extradition.services.detention import node_today
from rogatory.apps.screening.models import PersonMatch

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1{url}", body, content_type="application/json")


def test_dossier_assessment_and_assurance_through_the_api(
    client_for: Any, extradition: Case
) -> None:
    officer = client_for("officer")
    created = _post(
        officer,
        "/detention/dossiers",
        {"state": "XB", "facility": "Central", "personal_space_m2": "2.8"},
    )
    assert created.status_code == 201, created.content
    dossier_id = created.json()["id"]
    source = _post(
        officer,
        f"/detention/dossiers/{dossier_id}/sources",
        {"kind": "cpt_report", "title": "CPT 2025", "published_on": "2025-06-01"},
    )
    assert source.status_code == 201
    detail = officer.get(f"/api/v1/detention/dossiers/{dossier_id}").json()
    assert (detail["space_reading"], len(detail["sources"])) == ("strong_presumption", 1)
    general = _post(
        officer,
        f"/cases/{extradition.pk}/detention/general-risk",
        {"general_risk": "general_risk", "reasons": "CPT", "source_ids": [source.json()["id"]]},
    )
    assert general.json()["gate"] == "information_not_requested"
    today = node_today()
    asked = _post(
        officer,
        f"/cases/{extradition.pk}/detention/information-request",
        {
            "asked": "Cell size",
            "requested_on": today.isoformat(),
            "deadline": (today + timedelta(days=7)).isoformat(),
        },
    )
    assert asked.json()["gate"] == "awaiting_information"
    early = _post(
        officer,
        f"/cases/{extradition.pk}/detention/individual-risk",
        {"individual_risk": "ruled_out", "reasons": "R"},
    )
    assert early.status_code == 422
    assert early.json()["code"] == "detention.awaiting_information"
    assurance = _post(
        officer,
        f"/cases/{extradition.pk}/assurances",
        {
            "given_by": "Ministry of Justice",
            "level": "ministry_of_justice",
            "given_on": today.isoformat(),
            "covers": "4 m²",
            "othman": {"specific": {"answer": "yes", "note": "named prison"}},
        },
    )
    assert assurance.status_code == 201
    assert assurance.json()["othman"]["specific"] == {"answer": "yes", "note": "named prison"}


def test_another_authority_gets_404_through_the_api(
    client_for: Any, extradition: Case, writes: Any
) -> None:
    foreign = client_for("foreign_supervisor")
    before = writes()
    assert foreign.get(f"/api/v1/cases/{extradition.pk}/detention").status_code == 404
    response = _post(
        foreign, f"/cases/{extradition.pk}/consultations", {"not_possible_reason": "No time"}
    )
    assert response.status_code == 404
    assert not Consultation.objects.exists()
    assert writes() == before


@pytest.mark.parametrize(
    "body",
    [
        {"state": "XB", "personal_space_m2": "1000"},
        {"state": "XB", "personal_space_m2": "1.234"},
        {"state": "XB", "facility_kind": "castle"},
        {"state": "QQ"},
        {"state": "XB", "facility": "x" * 301},
    ],
)
def test_bad_dossier_bodies_are_refused_without_writing(
    client_for: Any, body: dict[str, Any], writes: Any
) -> None:
    before = writes()
    response = _post(client_for("officer"), "/detention/dossiers", body)
    assert 400 <= response.status_code < 500
    assert not DetentionDossier.objects.exists()
    assert writes() == before


def test_speciality_consents_per_surrender(client_for: Any, extradition: Case) -> None:
    officer = client_for("officer")
    today = node_today().isoformat()
    surrender = _post(
        officer,
        f"/cases/{extradition.pk}/surrenders",
        {"surrendered_on": today, "offences_covered": "Armed robbery"},
    )
    assert surrender.status_code == 201
    sid = surrender.json()["id"]
    no_state = _post(
        officer,
        f"/cases/{extradition.pk}/surrenders/{sid}/consents",
        {"kind": "re_extradition", "subject": "Fraud in XC", "requested_on": today},
    )
    assert no_state.status_code == 422
    granted = _post(
        officer,
        f"/cases/{extradition.pk}/surrenders/{sid}/consents",
        {
            "kind": "re_extradition",
            "state": "XC",
            "subject": "Fraud in XC",
            "requested_on": today,
            "decision": "granted",
            "decided_on": today,
        },
    )
    assert granted.status_code == 201
    assert SpecialityConsent.objects.get().decision == "granted"
    view = officer.get(f"/api/v1/cases/{extradition.pk}/detention").json()
    assert view["surrenders"][0]["consents"][0]["state_id"] == "XC"


def test_competing_file_through_the_api(
    client_for: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    officer = client_for("officer")
    opened = _post(officer, f"/cases/{from_b.pk}/competing-files", {"case_ids": [from_c.pk]})
    assert opened.status_code == 201
    file_id = opened.json()["id"]
    consult = _post(
        officer,
        f"/competing-files/{file_id}/consultations",
        {"party": "eurojust", "asked_on": node_today().isoformat(), "question": "Advice?"},
    )
    assert consult.status_code == 201
    view = officer.get(f"/api/v1/competing-files/{file_id}").json()
    assert {f["factor"] for f in view["findings"]} >= {"seriousness", "dates", "nationality"}
    assert view["consultations"][0]["party"] == "eurojust"
    decided = _post(
        client_for("supervisor"),
        f"/competing-files/{file_id}/decision",
        {"order": [from_c.pk, from_b.pk], "reasons": "Caldera asked first."},
    )
    assert decided.json()["status"] == "decided"
