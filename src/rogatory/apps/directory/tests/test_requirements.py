"""Requirements of requested States (issue 17): versions kept, one published per State, every
write audited, only the administrator edits, and the published set exported for the node
registry and imported on another node."""

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.directory.models import RequirementSet
from rogatory.apps.directory.selectors import requirements_published
from rogatory.apps.directory.services import (
    requirements_draft,
    requirements_export,
    requirements_import,
    requirements_load_shipped,
    requirements_publish,
)
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db

XB: dict[str, Any] = {
    "state": "XB",
    "sources": ["Demo"],
    "languages": {"mla": ["en", "fr"]},
    "channels": ["central_authority"],
}


def test_the_shipped_data_publishes_the_demo_states_and_reloading_changes_nothing(
    states: None,
) -> None:
    # given the directory's demo States (the test directory has no LV, LT or LS)
    # when the shipped requirements are loaded twice
    first = requirements_load_shipped()
    second = requirements_load_shipped()
    # then XA, XB and XC are published once, and XB accepts only French and English
    assert (first, second) == (3, 0)
    xb = requirements_published("XB")
    assert xb is not None
    assert xb.languages_mla == frozenset({"en", "fr"})
    assert xb.sources
    assert not xb.example
    assert AuditEvent.objects.filter(action="requirements.publish").count() == 3


def test_publishing_a_new_version_supersedes_the_old_one_which_is_kept(
    people: Any,
) -> None:
    admin = people["admin"]
    v1 = requirements_draft(actor=admin, data=XB)
    requirements_publish(actor=admin, state="XB", version=v1.version)
    v2 = requirements_draft(actor=admin, data={**XB, "languages": {"mla": ["fr"]}})
    # a draft is not read by the checker until published
    published = requirements_published("XB")
    assert published is not None
    assert published.languages_mla == frozenset({"en", "fr"})
    requirements_publish(actor=admin, state="XB", version=v2.version)
    rows = {r.version: r.status for r in RequirementSet.objects.filter(state_id="XB")}
    assert rows == {1: "superseded", 2: "published"}
    published = requirements_published("XB")
    assert published is not None
    assert published.version == 2
    audit = AuditEvent.objects.filter(action="requirements.publish").order_by("seq").last()
    assert audit is not None
    assert (audit.actor, audit.changes) == (
        "admin",
        {"state": "XB", "version": 2, "superseded": [1]},
    )


def test_only_an_administrator_edits_or_publishes_and_nothing_is_written(people: Any) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        requirements_draft(actor=people["supervisor"], data=XB)
    assert refused.value.code == "requirements.forbidden"
    row = requirements_draft(actor=people["admin"], data=XB)
    with pytest.raises(DomainError):
        requirements_publish(actor=people["officer"], state="XB", version=row.version)
    assert RequirementSet.objects.get().status == "draft"
    assert AuditEvent.objects.count() == before + 1


def test_a_published_version_is_not_published_again(people: Any) -> None:
    row = requirements_draft(actor=people["admin"], data=XB)
    requirements_publish(actor=people["admin"], state="XB", version=row.version)
    with pytest.raises(DomainError) as refused:
        requirements_publish(actor=people["admin"], state="XB", version=row.version)
    assert refused.value.code == "requirements.not_draft"


def test_malformed_requirements_are_refused_and_nothing_is_written(people: Any) -> None:
    with pytest.raises(DomainError) as refused:
        requirements_draft(actor=people["admin"], data={**XB, "sources": []})
    assert refused.value.params == {"field": "sources"}
    with pytest.raises(DomainError):
        requirements_draft(actor=people["admin"], data={**XB, "state": "QQ"})
    assert not RequirementSet.objects.exists()


def test_the_export_travels_and_another_node_publishes_the_same(states: None) -> None:
    # given the published requirements on one node, exported as the registry carries them
    requirements_load_shipped()
    exported = json.loads(json.dumps(requirements_export()))
    assert [s["state"] for s in exported["states"]] == ["XA", "XB", "XC"]
    # when another node (here the same database, emptied) imports it
    RequirementSet.objects.all().delete()
    assert requirements_import(actor=None, data=exported) == 3
    # then it reads the same requirements
    xb = requirements_published("XB")
    assert xb is not None
    assert xb.languages_mla == frozenset({"en", "fr"})
    with pytest.raises(DomainError):
        requirements_import(actor=None, data={"format": "other", "states": []})


def test_the_command_loads_and_exports(states: None, tmp_path: Any) -> None:
    out = io.StringIO()
    call_command("directory", "requirements-load", stdout=out)
    assert "3 States' requirements published" in out.getvalue()
    target = tmp_path / "requirements.json"
    call_command("directory", "requirements-export", "--out", str(target))
    assert json.loads(target.read_text())["format"] == "rogatory.requirements/1"
