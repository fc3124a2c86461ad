"""Dates typed and shown in the reader's language, and values of either direction kept in
order on Arabic pages (issue 13 items 6 and 7)."""

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.inputs import OffenceInput
from tests.web.test_case_forms import _mla_request

pytestmark = pytest.mark.django_db


def test_a_birth_date_typed_day_first_opens_the_request(client_for: Any, writes: Any) -> None:
    # when the officer types the date of birth as 31/12/1980
    data = _mla_request(**{"persons-0-birth_date": "31/12/1980"})
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)
    # then the request is opened with the person born on 31 December 1980
    assert response.status_code == 302
    person = Case.objects.get().persons.get()
    assert person.birth_date_text == "1980-12-31"


def test_a_birth_in_2099_is_refused_on_the_persons_row(client_for: Any, writes: Any) -> None:
    # given a person born in 2099
    before = writes()
    data = _mla_request(**{"persons-0-birth_date": "2099"})
    # when the form is sent
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)
    # then the refusal is on that person's date of birth, in words, and nothing is written
    row = response.context["formsets"]["persons"].forms[0]
    assert response.status_code == 422
    assert row.errors["birth_date"] == ["Date of birth of person 1: 2099 is in the future."]
    assert Case.objects.count() == 0
    assert writes() == before


def test_an_offence_date_is_typed_day_first_and_a_future_one_is_refused(
    client_for: Any, writes: Any
) -> None:
    before = writes()
    refused = client_for("officer").post(
        "/cases/new/outgoing/mla/", _mla_request(**{"offences-0-committed_on": "01/01/2099"})
    )
    row = refused.context["formsets"]["offences"].forms[0]
    assert refused.status_code == 422
    assert row.errors["committed_on"] == [
        "Date of commission of offence 1: 2099-01-01 is in the future; give the date on which "
        "the offence was committed."
    ]
    assert (Case.objects.count(), writes()) == (0, before)
    opened = client_for("officer").post(
        "/cases/new/outgoing/mla/", _mla_request(**{"offences-0-committed_on": "30.06.2025"})
    )
    assert opened.status_code == 302
    assert Case.objects.get().offences.get().committed_on == date(2025, 6, 30)


def _case_with_dates(open_case: Any) -> Any:
    return open_case(
        offences=[
            OffenceInput("Fraud", place="Port Aurel", committed_on=date(2025, 6, 30)),
        ],
        requested_by=datetime(2026, 12, 3, 23, 59, tzinfo=UTC),
    )


def test_english_pages_write_the_month_in_words_day_first(client_for: Any, open_case: Any) -> None:
    # given a request to be executed by 3 December 2026, for an offence of 30 June 2025
    case = _case_with_dates(open_case)
    # when its page is shown in English
    page = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    # then no date can be read month first
    assert "<dd><bdi>3 Dec 2026</bdi></dd>" in page
    assert (
        '<span><bdi class="place">Port Aurel</bdi></span><span><bdi class="date">30 Jun 2025</bdi>'
        in page
    )
    assert "<dd><bdi>Mar 1975</bdi></dd>" in page  # born in March 1975, the day unknown
    assert "12/03/2026" not in page


def test_arabic_pages_isolate_each_value_of_an_offence_line(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given an officer who reads Arabic, and an offence with a Latin place and a date
    people["officer"].language = "ar"
    people["officer"].save(update_fields=["language"])
    case = _case_with_dates(open_case)
    # when the case page is shown
    page = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    # then the place and the date are each their own isolated run, place first, in Arabic
    line = re.search(
        r'<span><bdi class="place">(.*?)</bdi></span><span><bdi class="date">(.*?)</bdi>', page
    )
    assert line is not None
    assert line.groups() == ("Port Aurel", "30 يونيو 2025")
    assert 'dir="rtl"' in page


def test_deadline_sources_are_written_in_words(client_for: Any, people: Any) -> None:
    from rogatory.apps.cases.services import case_open
    from rogatory.apps.cases.services.inputs import NameInput, PersonInput

    # given an incoming request concerning a detained person, which starts two clocks
    case = case_open(
        actor=people["clerk"],
        direction="incoming",
        kind="mla",
        requesting_state="XB",
        requested_state="XA",
        legal_bases=["untoc"],
        title="Detained witness",
        custody="detained",
        persons=[PersonInput(role="witness", names=[NameInput("Anna Berg")])],
    )
    # when its page is shown
    page = client_for("clerk").get(f"/cases/{case.pk}/").content.decode()
    # then each deadline's source reads as the article and its meaning
    assert "<td>UNTOC art. 18(24); priority of a detained person (practice)</td>" in page


def test_the_empty_choice_of_a_select_is_in_the_readers_language() -> None:
    # Passes once the catalogues carry "- Select an option -" (Django 6.1's own Arabic,
    # Russian and Chinese catalogues lack it).
    from django.utils import translation

    from rogatory.web.forms import CaseForm

    with translation.override("ar"):
        label = str(CaseForm().fields["requesting_state"].empty_label)
    assert label == "- اختر خيارًا -"


@pytest.mark.parametrize(
    ("language", "short_datetime"),
    [
        ("en", "3 Dec 2026, 17:09"),
        ("ar", "03\u200f/12\u200f/2026 17:09"),
        ("es", "03/12/2026 17:09"),
        ("fr", "03/12/2026 17:09"),
        ("ru", "03.12.2026 17:09"),
        ("zh-hans", "2026年12月3日 17:09"),
    ],
)
def test_a_moment_is_written_day_first_in_every_language(
    language: str, short_datetime: str
) -> None:
    # given 3 December 2026 at 17:09, as the dashboard's activity and the audit view show it
    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    moment = datetime(2026, 12, 3, 17, 9)  # noqa: DTZ001 (a wall-clock time, already local)
    # when it is written in each UN language
    with translation.override(language):
        written = date_filter(moment, "SHORT_DATETIME_FORMAT")
    # then it is never month first (Django's Arabic formats have no date-and-time format)
    assert written == short_datetime
