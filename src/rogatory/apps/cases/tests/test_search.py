"""Search finds what people type, and reveals nothing outside the user's grants (issue 13 item 4,
issue 14 finding 3)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from rogatory.apps.cases.search import MAX_TERM, case_terms_of, query_units
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    NameInput,
    OffenceInput,
    PersonInput,
)


def _person(name: str, *, latin: str = "", documents: list[str] | None = None) -> PersonInput:
    return PersonInput(
        role="suspect",
        names=[NameInput(name, "primary", latin)],
        birth_date="1980",
        birth_place="Valmora",
        documents=[IdDocumentInput("passport", n, "XB") for n in documents or []],
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _found(client: Client, q: str) -> list[int]:
    response = client.get("/api/v1/cases", {"q": q})
    assert response.status_code == 200, q
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def register(open_case: Callable[..., Any]) -> dict[str, Any]:
    """Given three cases of one officer, each naming a person, a place and a subject."""
    return {
        "husseini": open_case(
            title="Transfers to Borealis",
            persons=[_person("Ahmed Al-Husseini", documents=["P 123-45 67"])],
        ),
        "abdullah": open_case(
            title="Phone records",
            subject="Smuggling of migrants by sea",
            persons=[_person("عبد الله محمد", latin="Abdullah Mohammed")],
        ),
        "aurel": open_case(
            title="Seizure of a vessel",
            persons=[_person("Jan van der Berg")],
            offences=[OffenceInput("Trafficking of firearms", place="Port Aurel")],
        ),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Al-Husseini", ["husseini"]),
        ("al-husseini", ["husseini"]),
        ("Husseini", ["husseini"]),
        ("AHMED AL HUSSEINI", ["husseini"]),
        ("Mohammed", ["abdullah"]),
        ("Muhammad", ["abdullah"]),
        ("Mohamed", ["abdullah"]),
        ("عبدالله", ["abdullah"]),
        ("عبد الله", ["abdullah"]),
        ("abdallah", ["abdullah"]),
        ("P1234567", ["husseini"]),
        ("p 123 45 67", ["husseini"]),
        ("p-1234567", ["husseini"]),
        ("Port Aurel", ["aurel"]),
        ("aurel", ["aurel"]),
        ("smuggling", ["abdullah"]),
        ("migrants", ["abdullah"]),
        ("firearms", ["aurel"]),
        ("van der Berg", ["aurel"]),
        ("Berg", ["aurel"]),
        ("Valmora", ["aurel", "abdullah", "husseini"]),
        ("Hassan", []),
        ("P1234568", []),
        ("Port Aurel Husseini", []),
    ],
)
def test_search_finds_names_documents_places_and_subjects_as_typed(
    register: dict[str, Any], people: Any, q: str, expected: list[str]
) -> None:
    # when the officer searches as a person would type it; then exactly these cases, newest first
    assert _found(_client(people["officer"]), q) == [register[k].pk for k in expected]


def test_search_completes_the_last_word_being_typed(register: dict[str, Any], people: Any) -> None:
    assert _found(_client(people["officer"]), "Ahmed Husse") == [register["husseini"].pk]


def test_an_unreadable_name_is_saved_and_found_by_its_word(open_case: Any, people: Any) -> None:
    # given a name the analysis may not read (issue 13 item 1): search still answers
    case = open_case(persons=[_person("ا")])
    assert _found(_client(people["officer"]), "ا") == [case.pk]


def test_the_web_page_marks_the_matched_words_of_the_field_found(
    register: dict[str, Any], open_case: Any, people: Any
) -> None:
    open_case(title="Fraud <b>Aurel</b> & co")
    body = _client(people["officer"]).get("/cases/", {"q": "Al-Husseini"}).content.decode()
    assert "Found in Name:" in body
    assert "Ahmed Al-<mark>Husseini</mark>" in body
    body = _client(people["officer"]).get("/cases/", {"q": "Aurel"}).content.decode()
    # then the matched text is escaped, never rendered as markup
    assert "Fraud &lt;b&gt;<mark>Aurel</mark>&lt;/b&gt; &amp; co" in body
    assert "Found in Place of commission:" in body
    assert "Port <mark>Aurel</mark>" in body
    body = _client(people["officer"]).get("/cases/", {"q": "p 123 45 67"}).content.decode()
    assert "Found in Number:" in body
    assert "<mark>P 123-45 67</mark>" in body


def test_search_is_no_oracle_for_words_of_cases_the_user_may_not_see(
    open_case: Any, people: Any
) -> None:
    """Given two officers with disjoint grants, the colleague's search for the surname of the
    officer's sealed case answers exactly as for a word that exists nowhere (issue 14 finding 3)."""
    visible = open_case("colleague", title="Accounts", persons=[_person("Olena Kovalenko")])
    colleague = _client(people["colleague"])
    web_before = colleague.get("/cases/", {"q": "Kova"}).context["page"].items
    api_before = colleague.get("/api/v1/cases", {"q": "Kova"}).json()
    assert [i["id"] for i in api_before["items"]] == [visible.pk]
    # when the officer opens a sealed case on a person named Kova
    sealed = open_case("officer", title="Sealed", sealed=True, persons=[_person("Ivo Kova")])
    # then the colleague's answers, on the API and the web page, are the same as before
    assert colleague.get("/api/v1/cases", {"q": "Kova"}).json() == api_before
    assert colleague.get("/cases/", {"q": "Kova"}).context["page"].items == web_before
    assert colleague.get("/api/v1/cases", {"q": "Ivo Kova"}).json()["items"] == []
    # and its own team finds it
    assert _found(_client(people["officer"]), "Kova") == [sealed.pk]


@pytest.mark.django_db
def test_the_bulk_demo_loader_writes_the_same_terms_as_the_case_writer() -> None:
    from rogatory.apps.cases.models import Case, SearchTerm
    from rogatory.apps.cases.services.demo_data import demo_cases_bulk, demo_setup
    from rogatory.apps.cases.services.indexing import case_terms, search_reindex_all

    # given cases made by the bulk loader (benchmarks, scale tests)
    demo_cases_bulk(count=20, seed=5, users=demo_setup(password="pw")["users"], batch=10)
    stored = {
        c.pk: set(SearchTerm.objects.filter(case=c).values_list("term", flat=True))
        for c in Case.objects.all()
    }
    # then each holds exactly the terms the writer computes, and a full rebuild changes nothing
    assert stored == {c.pk: case_terms(c) for c in Case.objects.all()}
    assert search_reindex_all(batch=7) == len(stored)
    assert {
        c.pk: set(SearchTerm.objects.filter(case=c).values_list("term", flat=True))
        for c in Case.objects.all()
    } == stored


def test_a_search_lists_the_best_matches_first(open_case: Any, people: Any) -> None:
    from rogatory.apps.cases.selectors import case_page_for

    # given, oldest to newest: a name spelt as typed, another spelling of it, a word of the facts
    as_typed = open_case(title="One", persons=[_person("Mohamed Saleh")])
    variant = open_case(title="Two", persons=[_person("Muhammad Saleh")])
    in_facts = open_case(title="Three", facts="Funds sent by Mohamed to Borealis Trading.")
    # when the officer searches on the web page, without choosing an order
    page = _client(people["officer"]).get("/cases/", {"q": "Mohamed"}).context["page"]
    # then the name as typed comes first, then its other spelling, then the word of the facts
    assert page.items == [as_typed, variant, in_facts]
    # and the ranked pages walk every match once, a page at a time
    seen, cursor = [], None
    while True:
        one = case_page_for(
            actor=people["officer"], order="relevance", cursor=cursor, limit=1, q="Mohamed"
        )
        seen += one.items
        cursor = one.next_cursor
        if cursor is None:
            break
    assert seen == [as_typed, variant, in_facts]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_indexed_and_searched_without_error(text: str) -> None:
    # Any Unicode (all scripts, combining marks, joiners, bidi controls, emoji) either yields
    # terms that fit the column or none; it never raises.
    terms = case_terms_of(references=[text], texts=[text], names=[text], documents=[text])
    assert all(0 < len(t) <= MAX_TERM for t in terms)
    for unit in query_units(text):
        assert unit.terms
        assert all(0 < len(t) <= MAX_TERM for t in unit.terms)
