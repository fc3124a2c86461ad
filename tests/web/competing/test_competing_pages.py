"""The web screens for same-person suggestions and for competing requests: review a match,
confirm it, open a competing-requests file and decide it with reasons (ETS 24 art. 17)."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import CompetingFile, CompetingStatus
from rogatory.apps.screening.models import MatchStatus, PersonMatch

pytestmark = pytest.mark.django_db


def test_an_officer_reviews_and_confirms_a_match_then_opens_and_a_supervisor_decides(
    client_for: Any, two_requests: tuple[Case, Case], match: PersonMatch
) -> None:
    from_b, from_c = two_requests
    officer = client_for("officer")
    # given the dashboard's queue and the case page link to the suggestion
    assert f"/cases/{from_c.pk}/matches/" in officer.get("/").content.decode()
    assert f"/cases/{from_b.pk}/matches/" in officer.get(f"/cases/{from_b.pk}/").content.decode()
    # when the officer opens the match screen
    page = officer.get(f"/cases/{from_b.pk}/matches/").content.decode()
    # then both persons are side by side with the evidence
    assert "Иван Петров" in page
    assert "same name in Latin form" in page
    # when the officer confirms with a note
    officer.post(
        f"/cases/{from_b.pk}/matches/{match.pk}/decide/",
        {"decision": "confirm", "note": "Same birth date and passport"},
    )
    match.refresh_from_db()
    assert (match.status, match.decision_note) == (
        MatchStatus.CONFIRMED,
        "Same birth date and passport",
    )
    # and opens a competing-requests file on both requests
    response = officer.post(f"/cases/{from_b.pk}/competing/open/", {"cases": [from_c.pk]})
    file = CompetingFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/competing/{file.pk}/"
    body = client_for("supervisor").get(f"/competing/{file.pk}/").content.decode()
    assert "Relative seriousness of the offences" in body
    assert "up to 180 months" in body
    assert "ETS 24 art. 17" in body
    # when the supervisor gives Caldera's earlier request the first place, with reasons
    response = client_for("supervisor").post(
        f"/competing/{file.pk}/",
        {f"place_{from_b.pk}": "2", f"place_{from_c.pk}": "1", "reasons": "Caldera asked first."},
        follow=True,
    )
    # then the decision is recorded and shown, prevailing request first
    file.refresh_from_db()
    assert (file.status, file.order) == (CompetingStatus.DECIDED, [from_c.pk, from_b.pk])
    assert "Caldera asked first." in response.content.decode()


def test_a_decision_that_gives_two_requests_one_place_is_refused_and_nothing_is_written(
    client_for: Any, people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    client_for("officer").post(f"/cases/{from_b.pk}/competing/open/", {"cases": [from_c.pk]})
    file = CompetingFile.objects.get()
    audits = AuditEvent.objects.count()
    response = client_for("supervisor").post(
        f"/competing/{file.pk}/",
        {f"place_{from_b.pk}": "1", f"place_{from_c.pk}": "1", "reasons": "Both first"},
    )
    assert response.status_code == 422
    assert "Give each request a different place in the order." in response.content.decode()
    file.refresh_from_db()
    assert file.status == CompetingStatus.OPEN
    assert AuditEvent.objects.count() == audits


def test_another_authority_gets_not_found_for_the_file(
    client_for: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    client_for("officer").post(f"/cases/{from_b.pk}/competing/open/", {"cases": [from_c.pk]})
    file = CompetingFile.objects.get()
    assert client_for("foreign_supervisor").get(f"/competing/{file.pk}/").status_code == 404


def test_an_officer_rejects_a_match_and_no_file_can_then_be_opened(
    client_for: Any, two_requests: tuple[Case, Case], match: PersonMatch
) -> None:
    from_b, from_c = two_requests
    officer = client_for("officer")
    officer.post(
        f"/cases/{from_b.pk}/matches/{match.pk}/decide/",
        {"decision": "reject", "note": "Different fathers' names"},
    )
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED
    page = officer.get(f"/cases/{from_b.pk}/matches/").content.decode()
    assert "No other extradition request is confirmed to concern the same person." in page
    officer.post(f"/cases/{from_b.pk}/competing/open/", {"cases": [from_c.pk]})
    assert not CompetingFile.objects.exists()


def test_an_auditor_may_read_the_matches_but_not_decide_them(
    client_for: Any, two_requests: tuple[Case, Case], match: PersonMatch
) -> None:
    from_b, _ = two_requests
    auditor = client_for("auditor")
    audits = AuditEvent.objects.count()
    response = auditor.post(
        f"/cases/{from_b.pk}/matches/{match.pk}/decide/", {"decision": "confirm"}, follow=True
    )
    assert "Only case officers and supervisors decide on matches." in response.content.decode()
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert AuditEvent.objects.count() == audits


def test_the_file_shows_the_treaty_factors_from_the_directory(
    client_for: Any, people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from rogatory.apps.directory.services import treaties_load_shipped
    from rogatory.apps.extradition.services.competing import competing_file_open

    # given the example treaties XA-XB and XA-XC in the directory
    treaties_load_shipped()
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    # when the officer opens the file
    body = client_for("officer").get(f"/competing/{file.pk}/").content.decode()
    # then each treaty's rule is listed with its article, explained from the case data
    assert "Extradition Treaty between XA and XB (demo example), art. 15(a)" in body
    assert "Treaty on Extradition between XA and XC (demo example), art. 13(1)(c)" in body
    assert "Nationality of the victims" in body
    assert "The case data do not record this" in body
    assert body.count("Rule of the treaty, from the directory") == 7
