"""The editor of the requested States' requirements (issue 17): an administrator views each
State's requirements with its authorities, saves a change as a new version (drafted or
published at once, through the services the ``directory`` command uses), every write audited;
anyone else is refused and the refusal logged."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial, AuditEvent
from rogatory.apps.directory.models import RequirementSet
from rogatory.apps.directory.selectors import requirements_published
from rogatory.apps.directory.services import requirements_load_shipped
from rogatory.apps.directory.services.requirements_edit import (
    RequirementsChange,
    requirements_revise,
)
from rogatory.core.drafting.requirements import Channel
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db

CHANGE = RequirementsChange(
    languages_mla=("en", "fr", "es"),
    languages_extradition=("fr",),
    channels=("central_authority", "interpol"),
    electronic_transmission=False,
    urgent_channel="interpol",
    sources=("Declaration of XB under UNTOC art. 18(14), 2026",),
    measure_notes={"records": "Name the bank and the accounts.", "other": ""},
)


def _post(**overrides: Any) -> dict[str, Any]:
    data = {
        "languages_mla": "en, fr, es",
        "languages_extradition": "fr",
        "channel_central_authority": "on",
        "channel_interpol": "on",
        "urgent_channel": "interpol",
        "sources": "Declaration of XB under UNTOC art. 18(14), 2026",
        "note_records": "Name the bank and the accounts.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- service -------------------------------------------------------------------------------


def test_a_revision_is_a_new_published_version_keeping_what_the_editor_does_not_show(
    people: dict[str, Any],
) -> None:
    # given XB's shipped requirements, version 1, with legal bases and a minimum penalty
    requirements_load_shipped()
    # when the administrator revises them and publishes at once
    row = requirements_revise(actor=people["admin"], state="XB", change=CHANGE, publish=True)
    # then version 2 is published and version 1 superseded, not overwritten
    assert (row.version, row.status) == (2, "published")
    assert list(RequirementSet.objects.filter(state_id="XB").values_list("version", "status")) == [
        (2, "published"),
        (1, "superseded"),
    ]
    rules = requirements_published("XB")
    assert rules is not None
    assert rules.languages_mla == frozenset({"en", "fr", "es"})
    assert rules.languages_extradition == frozenset({"fr"})
    assert rules.channels == frozenset({Channel.CENTRAL_AUTHORITY, Channel.INTERPOL})
    assert (rules.electronic_transmission, rules.urgent_channel) == (False, Channel.INTERPOL)
    assert dict(rules.measure_notes) == {"records": "Name the bank and the accounts."}
    assert rules.sources == ("Declaration of XB under UNTOC art. 18(14), 2026",)
    # and what the editor does not show is kept from version 1
    assert rules.min_penalty_months == 12
    assert {b.basis for b in rules.legal_bases} == {"untoc", "treaty"}
    # and the draft and the publication are audited by the administrator
    actions = list(
        AuditEvent.objects.filter(action__startswith="requirements.", actor_id=people["admin"].pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["requirements.draft", "requirements.publish"]


def test_a_draft_revision_leaves_the_published_version_in_force(people: dict[str, Any]) -> None:
    requirements_load_shipped()
    row = requirements_revise(actor=people["admin"], state="XB", change=CHANGE)
    assert (row.version, row.status) == (2, "draft")
    rules = requirements_published("XB")
    assert rules is not None
    assert rules.version == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sources": ("  ",)}, "sources"),
        ({"channels": ()}, "channels"),
        ({"channels": ("carrier_pigeon",)}, "channels"),
        ({"languages_mla": ("English",)}, "languages.mla"),
        ({"urgent_channel": "fax"}, "urgent_channel"),
    ],
)
def test_an_invalid_change_is_refused_naming_the_field_and_nothing_is_written(
    people: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    requirements_load_shipped()
    before = (RequirementSet.objects.count(), AuditEvent.objects.count())
    bad = RequirementsChange(**_merge(change))
    with pytest.raises(DomainError) as refused:
        requirements_revise(actor=people["admin"], state="XB", change=bad, publish=True)
    assert (refused.value.code, refused.value.params) == ("requirements.invalid", {"field": field})
    assert (RequirementSet.objects.count(), AuditEvent.objects.count()) == before


def _merge(change: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "languages_mla": CHANGE.languages_mla,
        "languages_extradition": CHANGE.languages_extradition,
        "channels": CHANGE.channels,
        "electronic_transmission": CHANGE.electronic_transmission,
        "urgent_channel": CHANGE.urgent_channel,
        "sources": CHANGE.sources,
        "measure_notes": CHANGE.measure_notes,
    }
    return {**fields, **change}


@pytest.mark.parametrize("who", ["supervisor", "officer", "auditor"])
def test_only_an_administrator_revises_and_a_refusal_is_logged(
    people: dict[str, Any], who: str
) -> None:
    requirements_load_shipped()
    before = (RequirementSet.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as refused:
        requirements_revise(actor=people[who], state="XB", change=CHANGE, publish=True)
    assert refused.value.code == "requirements.forbidden"
    assert (RequirementSet.objects.count(), AuditEvent.objects.count()) == before
    denial = AccessDenial.objects.get()
    assert (denial.actor, denial.action, denial.object_type, denial.object_id) == (
        who,
        "requirements.draft",
        "requirements",
        "XB",
    )


# --- pages ---------------------------------------------------------------------------------


def test_the_list_shows_each_state_with_its_authorities_and_versions(client_for: Any) -> None:
    requirements_load_shipped()
    response = client_for("admin").get("/directory/requirements/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/directory/requirements/XB/"' in body
    assert 'href="/directory/requirements/XC/"' in body


def test_the_editor_starts_from_the_newest_version(client_for: Any) -> None:
    requirements_load_shipped()
    body = client_for("admin").get("/directory/requirements/XB/").content.decode()
    assert 'value="en, fr"' in body
    assert "XB accepts requests in French or English only" in body
    assert "Give the bank, the account numbers and the period" in body


def test_the_administrator_publishes_a_new_version_from_the_page(client_for: Any) -> None:
    requirements_load_shipped()
    client = client_for("admin")
    response = client.post("/directory/requirements/XB/", _post(publish="1"))
    assert response.status_code == 302
    assert response["Location"] == "/directory/requirements/XB/"
    rules = requirements_published("XB")
    assert rules is not None
    assert rules.version == 2
    assert rules.languages_mla == frozenset({"en", "fr", "es"})
    assert "Version 2 was published." in client.get(response["Location"]).content.decode()


def test_a_draft_saved_from_the_page_is_published_later_with_its_button(client_for: Any) -> None:
    requirements_load_shipped()
    client = client_for("admin")
    assert client.post("/directory/requirements/XB/", _post(draft="1")).status_code == 302
    assert RequirementSet.objects.get(state_id="XB", version=2).status == "draft"
    response = client.post("/directory/requirements/XB/2/publish/")
    assert response.status_code == 302
    assert RequirementSet.objects.get(state_id="XB", version=2).status == "published"
    # publishing it again is refused with a message, nothing changed
    again = client.post("/directory/requirements/XB/2/publish/", follow=True)
    assert "is not a draft" in again.content.decode()


def test_a_change_without_sources_is_refused_next_to_the_field(client_for: Any) -> None:
    requirements_load_shipped()
    before = RequirementSet.objects.count()
    response = client_for("admin").post("/directory/requirements/XB/", _post(sources=" "))
    assert response.status_code == 422
    assert RequirementSet.objects.count() == before


def test_a_bad_language_code_is_refused_with_the_services_message(client_for: Any) -> None:
    requirements_load_shipped()
    response = client_for("admin").post(
        "/directory/requirements/XB/", _post(languages_mla="English")
    )
    assert response.status_code == 422
    assert "The requirements are not valid: languages.mla." in response.content.decode()
    assert RequirementSet.objects.filter(state_id="XB").count() == 1


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/directory/requirements/"),
        ("get", "/directory/requirements/XB/"),
        ("post", "/directory/requirements/XB/"),
        ("post", "/directory/requirements/XB/1/publish/"),
    ],
)
def test_a_supervisor_is_refused_every_screen_and_the_refusal_is_logged(
    client_for: Any, method: str, url: str
) -> None:
    requirements_load_shipped()
    before = RequirementSet.objects.count()
    response = getattr(client_for("supervisor"), method)(url, _post(publish="1"))
    assert response.status_code == 403
    assert RequirementSet.objects.count() == before
    assert AccessDenial.objects.filter(actor="supervisor", object_type="requirements").exists()


def test_an_unknown_state_is_not_found_and_a_malformed_code_is_no_page(client_for: Any) -> None:
    client = client_for("admin")
    assert client.get("/directory/requirements/QQ/").status_code == 422
    assert client.get("/directory/requirements/X%00/").status_code == 404
