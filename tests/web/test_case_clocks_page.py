"""The case page's legal time limits: entering event dates, seeing the clocks in the node's
time zone with the article that sets them."""

from typing import Any

import pytest

from rogatory.apps.cases.models import CaseEventDate, Deadline

pytestmark = pytest.mark.django_db


def test_officer_enters_an_arrest_and_sees_the_ets24_clocks_in_paris_time(
    client_for: Any, open_case: Any, settings: Any
) -> None:
    # given a French node and an incoming extradition request held in custody
    settings.NODE_STATE = "FR"
    settings.NODE_TIME_ZONE = "Europe/Paris"
    case = open_case(actor="clerk", direction="incoming", kind="extradition", custody="detained")
    client = client_for("supervisor")
    # when the supervisor names ETS 24 and enters the arrest of Friday 26 June 2026
    client.post(f"/cases/{case.pk}/time-limits/", {"basis": "ets-24"})
    response = client.post(
        f"/cases/{case.pk}/event-dates/",
        {"kind": "arrest", "day": "26/06/2026", "note": "police report"},
        follow=True,
    )
    # then the page shows both clocks with their article, due at the end of Monday 13 July
    # (14 July is a holiday) in Paris time
    body = response.content.decode()
    assert response.status_code == 200
    assert "Legal time limits" in body
    assert "Europe/Paris" in body
    assert "ETS 24 art. 16(4) (40 days at most)" in body
    assert "13 Jul 2026, 23:59" in body
    assert "14 Jul 2026" in body
    assert Deadline.objects.filter(case=case, code="ece-provisional-arrest").count() == 1


def test_untoc_alone_explains_why_no_clock_runs(client_for: Any, open_case: Any) -> None:
    case = open_case(actor="clerk", direction="incoming", kind="extradition", custody="detained")
    client = client_for("clerk")
    response = client.post(
        f"/cases/{case.pk}/event-dates/", {"kind": "arrest", "day": "2026-03-02"}, follow=True
    )
    body = response.content.decode()
    assert "UNTOC art. 16(9) allows provisional arrest but sets no period" in body
    assert not Deadline.objects.filter(case=case, code__startswith="ece-").exists()


def test_a_refused_date_is_explained_and_nothing_is_written(
    client_for: Any, open_case: Any
) -> None:
    case = open_case(actor="clerk", direction="incoming", kind="extradition", custody="detained")
    response = client_for("clerk").post(
        f"/cases/{case.pk}/event-dates/", {"kind": "arrest", "day": "01/01/2999"}, follow=True
    )
    assert "is in the future" in response.content.decode()
    assert not CaseEventDate.objects.exists()


def test_an_mla_case_has_no_clock_section(client_for: Any, open_case: Any) -> None:
    case = open_case()
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert "Legal time limits" not in body
