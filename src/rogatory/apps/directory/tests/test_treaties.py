"""Treaty records (issue 16): versioned, audited directory data, loaded from the package like
the requirements, read between two States at a date."""

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.directory.models import TreatyRecord
from rogatory.apps.directory.selectors import treaties_between, treaty_governing
from rogatory.apps.directory.services import (
    treaties_load_shipped,
    treaty_draft,
    treaty_publish,
)
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_the_shipped_examples_load_once_and_are_marked_as_examples(states: None) -> None:
    # when the shipped treaty records are loaded twice
    assert treaties_load_shipped() == 3
    assert treaties_load_shipped() == 0
    # then each is published once, as an example, with its parties and dates in force
    rows = {r.code: r for r in TreatyRecord.objects.prefetch_related("parties")}
    assert set(rows) == {
        "demo-xa-xb-extradition",
        "demo-xa-xc-extradition",
        "demo-xb-xc-extradition",
    }
    assert all(r.example and r.status == "published" and r.version == 1 for r in rows.values())
    assert "demo example" in rows["demo-xa-xb-extradition"].title
    assert sorted(p.code for p in rows["demo-xa-xc-extradition"].parties.all()) == ["XA", "XC"]
    assert AuditEvent.objects.filter(action="treaty.publish").count() == 3


def test_the_selector_reads_the_treaty_in_force_between_two_states_at_a_date(
    states: None,
) -> None:
    treaties_load_shipped()
    # the XA-XB treaty is in force from 1 March 2015, in either order of the States
    found = treaty_governing("XB", "XA", on=date(2026, 3, 2))
    assert found is not None
    assert found.code == "demo-xa-xb-extradition"
    assert found.arrest_limit is not None
    assert (found.arrest_limit.days, found.arrest_extendable) == (60, False)
    assert treaty_governing("XA", "XB", on=date(2015, 2, 28)) is None
    # the XA-XC treaty's 45 days may be extended to 60 (its art. 9(4))
    xc = treaty_governing("XA", "XC", on=date(2026, 3, 2))
    assert xc is not None
    assert xc.arrest_limit is not None
    assert (xc.arrest_limit.days, xc.arrest_limit.extended_days) == (45, 60)
    # the XB-XC treaty ended on 31 December 2019
    assert [t.code for t in treaties_between("XB", "XC", on=date(2019, 12, 31))] == [
        "demo-xb-xc-extradition"
    ]
    assert treaties_between("XB", "XC", on=date(2020, 1, 1)) == []


def test_a_new_version_supersedes_the_published_one_and_both_are_kept(
    states: None, people: Any
) -> None:
    treaties_load_shipped()
    current = TreatyRecord.objects.get(code="demo-xa-xb-extradition")
    data = {**current.data, "provisional_arrest": {"article": "art. 11(4)", "days": 40}}
    row = treaty_draft(actor=people["admin"], data=data)
    assert (row.version, row.status) == (2, "draft")
    # a draft does not govern yet
    before = treaty_governing("XA", "XB", on=date(2026, 3, 2))
    assert before is not None
    assert before.arrest_limit is not None
    assert before.arrest_limit.days == 60
    treaty_publish(actor=people["admin"], code="demo-xa-xb-extradition", version=2)
    statuses = dict(
        TreatyRecord.objects.filter(code="demo-xa-xb-extradition").values_list("version", "status")
    )
    assert statuses == {1: "superseded", 2: "published"}
    after = treaty_governing("XA", "XB", on=date(2026, 3, 2))
    assert after is not None
    assert after.arrest_limit is not None
    assert after.arrest_limit.days == 40
    audit = AuditEvent.objects.filter(action="treaty.publish").order_by("seq").last()
    assert audit is not None
    assert (audit.actor, audit.changes) == (
        "admin",
        {"code": "demo-xa-xb-extradition", "version": 2, "superseded": [1]},
    )


def test_only_an_administrator_writes_treaties_and_a_refusal_writes_nothing(
    states: None, people: Any
) -> None:
    treaties_load_shipped()
    data = TreatyRecord.objects.get(code="demo-xa-xb-extradition").data
    rows, events = TreatyRecord.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        treaty_draft(actor=people["supervisor"], data=data)
    assert refused.value.code == "treaty.forbidden"
    with pytest.raises(DomainError) as invalid:
        treaty_draft(actor=people["admin"], data={**data, "parties": ["XA", "QQ"]})
    assert invalid.value.code == "field.unknown_state"
    with pytest.raises(DomainError) as bad:
        treaty_draft(actor=people["admin"], data={**data, "in_force_from": "someday"})
    assert (bad.value.code, bad.value.params) == ("treaty.invalid", {"field": "in_force_from"})
    with pytest.raises(DomainError) as published:
        treaty_publish(actor=people["admin"], code="demo-xa-xb-extradition", version=1)
    assert published.value.code == "treaty.not_draft"
    assert (TreatyRecord.objects.count(), AuditEvent.objects.count()) == (rows, events)


def test_the_command_loads_the_treaties(states: None) -> None:
    out = io.StringIO()
    call_command("directory", "treaties-load", stdout=out)
    assert "3 treaty records published" in out.getvalue()
