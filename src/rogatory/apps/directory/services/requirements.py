"""Versions of what each State asks of a request: drafted, published (one at a time per
State, the previous superseded and kept), exported for the node registry, every write audited.

Only an administrator edits or publishes (DESIGN.md: the administrator keeps the directory);
the system (``actor=None``) loads the data shipped with the platform.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.apps.directory.models import RequirementSet, RequirementStatus, State
from rogatory.core.drafting.requirements import FORMAT, parse_requirements
from rogatory.core.errors import DomainError


def require_editor(*, actor: Any, action: str, state: str = "-") -> None:
    """Only an administrator keeps the directory (DESIGN.md, "Who uses it"); anyone else is
    refused, and the refusal is logged like every other denied access."""
    if getattr(actor, "role", None) != "administrator":
        access_denied(actor=actor, action=action, object_type="requirements", object_id=state)
        raise DomainError("requirements.forbidden")


def _require_admin(actor: Any, action: str = "requirements.draft", state: str = "-") -> None:
    if actor is not None:
        require_editor(actor=actor, action=action, state=state)


def requirements_draft(*, actor: Any, data: Any) -> RequirementSet:
    """A new draft version of one State's requirements, validated whole before it is written."""
    target = data.get("state") if isinstance(data, Mapping) else None
    _require_admin(actor, "requirements.draft", str(target or "-")[:2])
    parsed = parse_requirements(data)
    if not State.objects.filter(code=parsed.state).exists():
        raise DomainError("field.unknown_state", field="state", value=parsed.state)
    with transaction.atomic():
        State.objects.select_for_update().get(code=parsed.state)
        last = RequirementSet.objects.filter(state_id=parsed.state).aggregate(v=Max("version"))
        version = (last["v"] or 0) + 1
        row = RequirementSet.objects.create(
            state_id=parsed.state,
            version=version,
            data={**dict(data), "version": version},
            example=parsed.example,
        )
        audit_record(
            actor=actor,
            action="requirements.draft",
            obj=row,
            changes={"state": parsed.state, "version": version, "sources": list(parsed.sources)},
        )
    return row


def requirements_publish(*, actor: Any, state: str, version: int) -> RequirementSet:
    """Publish a draft version; the version published before it is superseded, not deleted."""
    _require_admin(actor, "requirements.publish", state)
    with transaction.atomic():
        row = (
            RequirementSet.objects.select_for_update()
            .filter(state_id=state, version=version)
            .first()
        )
        if row is None:
            raise DomainError("requirements.not_found", state=state, version=version)
        if row.status != RequirementStatus.DRAFT:
            raise DomainError("requirements.not_draft", state=state, version=version)
        previous = list(
            RequirementSet.objects.select_for_update().filter(
                state_id=state, status=RequirementStatus.PUBLISHED
            )
        )
        for old in previous:
            old.status = RequirementStatus.SUPERSEDED
            old.save(update_fields=["status"])
        row.status = RequirementStatus.PUBLISHED
        row.published_at = timezone.now()
        row.published_by = getattr(actor, "username", "") or "system"
        row.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            actor=actor,
            action="requirements.publish",
            obj=row,
            changes={
                "state": state,
                "version": version,
                "superseded": [o.version for o in previous],
            },
        )
    return row


def requirements_load_shipped(*, actor: Any = None) -> int:
    """Draft and publish the requirements shipped in the package where they differ from the
    published version (idempotent); returns how many States got a new version."""
    text = resources.files("rogatory.apps.directory.data").joinpath("requirements.json")
    shipped = json.loads(text.read_text(encoding="utf-8"))
    # A node whose directory lacks a State (a test database, a trimmed directory) skips it.
    known = set(State.objects.values_list("code", flat=True))
    shipped["states"] = [s for s in shipped["states"] if s.get("state") in known]
    return requirements_import(actor=actor, data=shipped)


def requirements_import(*, actor: Any, data: Any) -> int:
    """Publish each State's requirements of an export (the format of ``requirements_export``)
    whose content differs from what is published here; States not in the directory are
    refused before anything is written."""
    _require_admin(actor, "requirements.import")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DomainError("requirements.invalid", field="format")
    items = data.get("states")
    if not isinstance(items, list):
        raise DomainError("requirements.invalid", field="states")
    parsed = [parse_requirements(item) for item in items]
    known = set(
        State.objects.filter(code__in={p.state for p in parsed}).values_list("code", flat=True)
    )
    for p in parsed:
        if p.state not in known:
            raise DomainError("field.unknown_state", field="state", value=p.state)
    changed = 0
    with transaction.atomic():
        for item, p in zip(items, parsed, strict=True):
            current = RequirementSet.objects.filter(
                state_id=p.state, status=RequirementStatus.PUBLISHED
            ).first()
            if current is not None and _content(current.data) == _content(item):
                continue
            row = requirements_draft(actor=actor, data=item)
            requirements_publish(actor=actor, state=p.state, version=row.version)
            changed += 1
    return changed


def _content(data: Any) -> Any:
    return {k: v for k, v in dict(data).items() if k != "version"}


def requirements_export() -> dict[str, Any]:
    """The published version of every State's requirements, as one JSON document that can
    travel with the node registry, so every node checks requests against the same data."""
    rows = RequirementSet.objects.filter(status=RequirementStatus.PUBLISHED).order_by("state_id")
    return {"format": FORMAT, "states": [r.data for r in rows]}
