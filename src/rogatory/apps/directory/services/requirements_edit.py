"""Editing a State's requirements on a screen (issue 17): the page reads them with an access
check and saves a change as a new version through ``requirements_draft`` and
``requirements_publish``, the same services the ``directory`` command uses, so every version,
whoever wrote it, is validated, kept and audited the same way.

What a State accepts is public knowledge it notifies to the UN Secretary-General: its languages
(UNTOC art. 18(14)) and its central authority and channels (UNTOC art. 18(13)); each version
names its sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max

from rogatory.apps.directory.models import (
    CentralAuthority,
    RequirementSet,
    RequirementStatus,
    State,
)
from rogatory.apps.directory.services.requirements import (
    require_editor,
    requirements_draft,
    requirements_publish,
)
from rogatory.core.drafting.requirements import Channel, Requirements, parse_requirements
from rogatory.core.errors import DomainError

# ISO 639-1 (or 639-2) language code, with an optional region or script (e.g. "zh-Hans").
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
MAX_SOURCES = 20
MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class StateRequirementsRow:
    """One line of the editor's list: a State, its authorities and its versions."""

    state: State
    authorities: list[CentralAuthority]
    published: RequirementSet | None
    latest: RequirementSet | None


def requirements_overview_for(*, actor: Any) -> list[StateRequirementsRow]:
    """Every State with a central authority or requirements here, for the editor's list."""
    require_editor(actor=actor, action="requirements.read")
    sets = list(RequirementSet.objects.order_by("state_id", "-version"))
    authorities = list(CentralAuthority.objects.order_by("state_id", "instrument"))
    codes = {r.state_id for r in sets} | {a.state_id for a in authorities}
    rows = []
    for state in State.objects.filter(code__in=codes).order_by("code"):
        mine = [r for r in sets if r.state_id == state.code]
        rows.append(
            StateRequirementsRow(
                state=state,
                authorities=[a for a in authorities if a.state_id == state.code],
                published=next((r for r in mine if r.status == RequirementStatus.PUBLISHED), None),
                latest=mine[0] if mine else None,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class RequirementsEditView:
    state: State
    authorities: list[CentralAuthority]
    # The version the form starts from: the newest, drafted or published.
    base: Requirements | None
    versions: list[RequirementSet]


def requirements_edit_for(*, actor: Any, state: str) -> RequirementsEditView:
    """A State's requirements for the editor: the newest version and the list of versions."""
    code = state.upper()[:2]
    require_editor(actor=actor, action="requirements.read", state=code)
    row = State.objects.filter(code=code).first()
    if row is None:
        raise DomainError("field.unknown_state", field="state", value=code)
    versions = list(RequirementSet.objects.filter(state=row).order_by("-version"))
    return RequirementsEditView(
        state=row,
        authorities=list(CentralAuthority.objects.filter(state=row).order_by("instrument")),
        base=parse_requirements(versions[0].data) if versions else None,
        versions=versions,
    )


@dataclass(frozen=True, slots=True)
class RequirementsChange:
    """What the editor changes; everything else of the version it starts from is kept
    (legal bases, dual criminality, minimum penalty, certified translations...)."""

    languages_mla: tuple[str, ...]
    languages_extradition: tuple[str, ...]
    channels: tuple[str, ...]
    electronic_transmission: bool
    urgent_channel: str
    sources: tuple[str, ...]
    measure_notes: Mapping[str, str] = field(default_factory=dict)


def _languages(codes: tuple[str, ...], where: str) -> list[str]:
    cleaned = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not all(_LANGUAGE.match(c) for c in cleaned):
        raise DomainError("requirements.invalid", field=where)
    return cleaned


def _checked(change: RequirementsChange) -> dict[str, Any]:
    sources = [s.strip() for s in change.sources if s.strip()]
    if not sources or len(sources) > MAX_SOURCES or any(len(s) > MAX_TEXT for s in sources):
        # Every version must say where its rules come from.
        raise DomainError("requirements.invalid", field="sources")
    channels = list(dict.fromkeys(change.channels))
    known = {c.value for c in Channel}
    if not channels or not set(channels) <= known:
        raise DomainError("requirements.invalid", field="channels")
    if change.urgent_channel and change.urgent_channel not in known:
        raise DomainError("requirements.invalid", field="urgent_channel")
    notes = {k: v.strip() for k, v in change.measure_notes.items() if v.strip()}
    if any(len(v) > MAX_TEXT for v in notes.values()):
        raise DomainError("requirements.invalid", field="measures")
    return {
        "languages": {
            "mla": _languages(change.languages_mla, "languages.mla"),
            "extradition": _languages(change.languages_extradition, "languages.extradition"),
        },
        "channels": channels,
        "urgent_channel": change.urgent_channel or None,
        "electronic_transmission": change.electronic_transmission,
        "measures": notes,
        "sources": sources,
    }


def requirements_revise(
    *, actor: Any, state: str, change: RequirementsChange, publish: bool = False
) -> RequirementSet:
    """A new version of ``state``'s requirements: the newest version with ``change`` applied,
    drafted (validated whole, audited) and, if asked, published at once, superseding the
    version published before it."""
    code = state.upper()[:2]
    require_editor(actor=actor, action="requirements.draft", state=code)
    if not State.objects.filter(code=code).exists():
        raise DomainError("field.unknown_state", field="state", value=code)
    checked = _checked(change)
    with transaction.atomic():
        latest = RequirementSet.objects.filter(state_id=code).aggregate(v=Max("version"))["v"]
        base: dict[str, Any] = (
            dict(RequirementSet.objects.get(state_id=code, version=latest).data)
            if latest is not None
            else {}
        )
        data = {**base, **checked, "state": code}
        data.pop("version", None)
        row = requirements_draft(actor=actor, data=data)
        if publish:
            row = requirements_publish(actor=actor, state=code, version=row.version)
    return row


def requirements_publish_version(*, actor: Any, state: str, version: int) -> RequirementSet:
    """Publish a drafted version from the editor (the same service as the command's)."""
    require_editor(actor=actor, action="requirements.publish", state=state.upper()[:2])
    return requirements_publish(actor=actor, state=state.upper()[:2], version=version)
