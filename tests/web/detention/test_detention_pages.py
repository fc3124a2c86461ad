"""The detention screens: dossiers with their sources, the two-step assessment on a case,
assurances with the Othman checklist, consultation before refusal; refusals write nothing and
bad input never gives a 500."""

from datetime import timedelta
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import (
    Assurance,
    Consultation,
    DetentionAssessment,
    DetentionDossier,
    DetentionSource,
)
from rogatory.apps.extradition.services.competing import competing_file_open
from rogatory.apps.extradition.services.detention import node_today
from rogatory.apps.screening.models import PersonMatch

pytestmark = pytest.mark.django_db


def _dossier(client: Any) -> DetentionDossier:
    response = client.post(
        "/detention/",
        {
            "state": "XB",
            "facility": "Central Remand Prison",
            "facility_kind": "remand",
            "personal_space_m2": "2.5",
            "multi_occupancy": "on",
            "findings": "Overcrowded.",
        },
    )
    dossier = DetentionDossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/detention/{dossier.pk}/"
    return dossier


def test_an_officer_opens_a_dossier_and_adds_a_source(client_for: Any) -> None:
    officer = client_for("officer")
    dossier = _dossier(officer)
    response = officer.post(
        f"/detention/{dossier.pk}/",
        {
            "part": "source",
            "source-kind": "cpt_report",
            "source-title": "CPT visit report 2025",
            "source-published_on": "2025-06-01",
            "source-url": "https://example.org/cpt",
            "source-summary": "Cells of 2.5 m² per prisoner.",
        },
    )
    assert response.status_code == 302
    page = officer.get(f"/detention/{dossier.pk}/").content.decode()
    assert "CPT visit report 2025" in page
    assert "strong presumption" in page
    assert "Muršić" in page
    # and the list shows it
    assert "Central Remand Prison" in officer.get("/detention/").content.decode()


def test_another_authority_gets_404_and_nothing_is_written(client_for: Any, writes: Any) -> None:
    dossier = _dossier(client_for("officer"))
    foreign = client_for("foreign_supervisor")
    before = writes()
    assert foreign.get(f"/detention/{dossier.pk}/").status_code == 404
    response = foreign.post(
        f"/detention/{dossier.pk}/",
        {
            "part": "source",
            "source-kind": "ngo",
            "source-title": "X",
            "source-published_on": "2025-01-01",
        },
    )
    assert response.status_code == 404
    assert not DetentionSource.objects.exists()
    assert writes() == before
    assert "Central Remand Prison" not in foreign.get("/detention/").content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"state": "ZZ", "facility_kind": "remand"},
        {"state": "XB", "facility_kind": "palace"},
        {"state": "XB", "facility_kind": "remand", "personal_space_m2": "-3"},
        {"state": "XB", "facility_kind": "remand", "personal_space_m2": "abc"},
    ],
)
def test_bad_dossier_input_gives_422_and_nothing_is_written(
    client_for: Any, writes: Any, data: dict[str, str]
) -> None:
    before = writes()
    assert client_for("officer").post("/detention/", data).status_code == 422
    assert not DetentionDossier.objects.exists()
    assert writes() == before


def test_the_two_steps_on_the_case_page(client_for: Any, extradition: Case, writes: Any) -> None:
    officer = client_for("officer")
    dossier = _dossier(officer)
    source = DetentionSource.objects.create(
        dossier=dossier,
        kind="cpt_report",
        title="CPT report",
        published_on="2025-06-01",
        added_by=dossier.created_by,
    )
    base = f"/cases/{extradition.pk}/detention/"
    response = officer.post(
        f"{base}general/",
        {
            "general-general_risk": "general_risk",
            "general-sources": [str(source.pk)],
            "general-facility": str(dossier.pk),
            "general-reasons": "Systemic overcrowding.",
        },
    )
    assert response.status_code == 302
    page = officer.get(base).content.decode()
    assert "ask the requesting State for supplementary information" in page
    today = node_today()
    officer.post(
        f"{base}request/",
        {
            "request-asked": "Cell size at Central Remand Prison.",
            "request-requested_on": today.isoformat(),
            "request-deadline": (today + timedelta(days=10)).isoformat(),
        },
    )
    assert DetentionAssessment.objects.get().information_deadline == today + timedelta(days=10)
    # step 2 is refused while the answer is awaited, and nothing is written
    before = writes()
    response = officer.post(
        f"{base}individual/",
        {"individual-individual_risk": "ruled_out", "individual-reasons": "Fine."},
    )
    assert response.status_code == 422
    assert "the decision is postponed" in response.content.decode()
    assert writes() == before
    assert DetentionAssessment.objects.get().individual_risk == "pending"


def test_an_assurance_with_its_othman_checklist(client_for: Any, extradition: Case) -> None:
    officer = client_for("officer")
    data = {
        "assurance-given_by": "Ministry of Justice of Borealis",
        "assurance-level": "ministry_of_justice",
        "assurance-given_on": "2026-11-02",
        "assurance-covers": "At least 4 m² per person.",
        "assurance-facility": "Central Remand Prison",
    }
    data |= {f"assurance-othman_{f}": "unknown" for f in ("terms_disclosed",)}
    data |= {
        "assurance-othman_specific": "yes",
        "assurance-note_specific": "Names the prison",
        "assurance-othman_objectively_verifiable": "no",
    }
    # the other factors are posted as "not known", as the form shows them
    from rogatory.core.extradition.detention import OthmanFactor

    for f in OthmanFactor:
        data.setdefault(f"assurance-othman_{f.value}", "unknown")
    response = officer.post(f"/cases/{extradition.pk}/detention/assurance/", data)
    assert response.status_code == 302
    stored = Assurance.objects.get().othman
    assert stored["specific"] == {"answer": "yes", "note": "Names the prison"}
    page = officer.get(f"/cases/{extradition.pk}/detention/").content.decode()
    assert "Can whoever gave it bind the State?" in page


def test_the_detention_page_of_another_authority_is_404(
    client_for: Any, extradition: Case, writes: Any
) -> None:
    foreign = client_for("foreign_supervisor")
    before = writes()
    assert foreign.get(f"/cases/{extradition.pk}/detention/").status_code == 404
    response = foreign.post(
        f"/cases/{extradition.pk}/detention/consultation/",
        {"consultation-not_possible_reason": "No time."},
    )
    assert response.status_code == 404
    assert not Consultation.objects.exists()
    assert writes() == before


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("unknown", {}),
        ("general", {"general-general_risk": "maybe", "general-reasons": "R"}),
        ("general", {"general-general_risk": "general_risk", "general-sources": ["x"]}),
        ("request", {"request-requested_on": "31/02/2026", "request-deadline": "x"}),
        ("consent", {"consent-surrender": "999"}),
    ],
)
def test_bad_case_input_never_gives_a_500(
    client_for: Any, extradition: Case, writes: Any, part: str, data: dict[str, Any]
) -> None:
    before = writes()
    response = client_for("officer").post(f"/cases/{extradition.pk}/detention/{part}/", data)
    assert response.status_code in (404, 422)
    assert writes() == before


def test_a_consultation_recorded_on_the_page_opens_the_refusal(
    client_for: Any, extradition: Case
) -> None:
    response = client_for("officer").post(
        f"/cases/{extradition.pk}/detention/consultation/",
        {
            "consultation-asked_on": node_today().isoformat(),
            "consultation-question": "Can the offence be requalified?",
        },
    )
    assert response.status_code == 302
    row = Consultation.objects.get()
    assert (row.party, row.state_id, row.purpose) == ("requesting_state", "XB", "before_refusal")


def test_consultations_on_a_competing_file(
    client_for: Any, people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    officer = client_for("officer")
    response = officer.post(
        f"/competing/{file.pk}/consultations/",
        {
            "consult-party": "other_state",
            "consult-state": "XC",
            "consult-asked_on": node_today().isoformat(),
            "consult-question": "Would you re-extradite to Borealis after trial?",
            "consult-answered_on": node_today().isoformat(),
            "consult-answer": "Yes, with consent.",
        },
    )
    assert response.status_code == 302
    page = officer.get(f"/competing/{file.pk}/").content.decode()
    assert "Would you re-extradite to Borealis after trial?" in page
    assert "Yes, with consent." in page
    # another authority cannot add one
    foreign = client_for("foreign_supervisor").post(
        f"/competing/{file.pk}/consultations/",
        {
            "consult-party": "eurojust",
            "consult-asked_on": node_today().isoformat(),
            "consult-question": "Q",
        },
    )
    assert foreign.status_code == 404
    assert Consultation.objects.count() == 1


def test_the_case_page_summary_links_to_the_detention_page(
    people: Any, extradition: Case, rf: Any
) -> None:
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = people["officer"]
    html = render_to_string(
        "web/includes/case_detention.html", {"case": extradition}, request=request
    )
    assert f"/cases/{extradition.pk}/detention/" in html
    assert "No assessment of the detention conditions" in html
