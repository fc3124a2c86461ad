"""The drafting checklist over the API, and the request fields of wire schema 1.1 on a case."""

from typing import Any

import pytest
from django.test import Client

from rogatory.apps.cases.choices import MeasureType
from rogatory.core.drafting.completeness import MeasureKind

pytestmark = pytest.mark.django_db


def test_the_measure_kinds_of_the_checker_are_the_measure_choices() -> None:
    assert {k.value for k in MeasureKind} == set(MeasureType.values)


def test_the_api_lists_what_a_draft_still_needs_with_articles(open_case: Any, people: Any) -> None:
    case = open_case(subject="", request_language="")
    client = Client()
    client.force_login(people["officer"])
    body = client.get(f"/api/v1/cases/{case.pk}/checklist").json()
    assert body["blocking"] == 2
    blocks = [f for f in body["completeness"] if f["severity"] == "block"]
    assert [(f["code"], f["article"], f["severity"]) for f in blocks] == [
        ("drafting.request_language", "UNTOC art. 18(14)", "block"),
        ("drafting.subject", "UNTOC art. 18(15)(b)", "block"),
    ]
    assert body["completeness"][0]["message"] == "Give the language of the request."
    assert body["requirements"][0]["code"] == "requirements.unknown"
    assert Client().get(f"/api/v1/cases/{case.pk}/checklist").status_code in (401, 403)


def test_the_api_patches_the_new_fields_and_shows_them(open_case: Any, people: Any) -> None:
    case = open_case()
    client = Client()
    client.force_login(people["officer"])
    response = client.patch(
        f"/api/v1/cases/{case.pk}",
        {"use_limits": "Only these proceedings.", "translation_languages": ["FR", "en"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["use_limits"], body["translation_languages"]) == (
        "Only these proceedings.",
        ["en", "fr"],
    )
    assert body["requesting_authority_name"] == "Central Authority of XA"
    bad = client.patch(
        f"/api/v1/cases/{case.pk}",
        {"warrant_kind": "summons"},
        content_type="application/json",
    )
    assert bad.status_code == 422
