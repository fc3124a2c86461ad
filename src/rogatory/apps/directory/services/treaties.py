"""Versions of the extradition treaties between States (issue 16): drafted, published (one
version at a time per treaty, the previous superseded and kept), every write audited.

Only an administrator edits or publishes (DESIGN.md: the administrator keeps the directory);
the system (``actor=None``) loads the example records shipped with the platform.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.directory.models import RequirementStatus, State, TreatyRecord
from rogatory.core.errors import DomainError
from rogatory.core.extradition.treaties import FORMAT, parse_treaty


def _require_admin(actor: Any) -> None:
    if actor is not None and getattr(actor, "role", None) != "administrator":
        raise DomainError("treaty.forbidden")


def treaty_draft(*, actor: Any, data: Any) -> TreatyRecord:
    """A new draft version of one treaty's record, validated whole before it is written."""
    _require_admin(actor)
    parsed = parse_treaty(data)
    known = set(State.objects.filter(code__in=parsed.parties).values_list("code", flat=True))
    for code in sorted(parsed.parties - known):
        raise DomainError("field.unknown_state", field="parties", value=code)
    with transaction.atomic():
        # One writer per treaty at a time: the version number is taken under this lock.
        list(State.objects.select_for_update().filter(code__in=parsed.parties).order_by("code"))
        last = TreatyRecord.objects.filter(code=parsed.code).aggregate(v=Max("version"))
        version = (last["v"] or 0) + 1
        row = TreatyRecord.objects.create(
            code=parsed.code,
            version=version,
            kind=parsed.kind.value,
            title=parsed.title,
            in_force_from=parsed.in_force_from,
            in_force_to=parsed.in_force_to,
            data={**dict(data), "version": version},
            example=parsed.example,
        )
        row.parties.set(State.objects.filter(code__in=parsed.parties))
        audit_record(
            actor=actor,
            action="treaty.draft",
            obj=row,
            changes={
                "code": parsed.code,
                "version": version,
                "parties": sorted(parsed.parties),
                "sources": list(parsed.sources),
            },
        )
    return row


def treaty_publish(*, actor: Any, code: str, version: int) -> TreatyRecord:
    """Publish a draft version; the version published before it is superseded, not deleted."""
    _require_admin(actor)
    with transaction.atomic():
        row = TreatyRecord.objects.select_for_update().filter(code=code, version=version).first()
        if row is None:
            raise DomainError("treaty.not_found", treaty=code, version=version)
        if row.status != RequirementStatus.DRAFT:
            raise DomainError("treaty.not_draft", treaty=code, version=version)
        previous = list(
            TreatyRecord.objects.select_for_update().filter(
                code=code, status=RequirementStatus.PUBLISHED
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
            action="treaty.publish",
            obj=row,
            changes={"code": code, "version": version, "superseded": [o.version for o in previous]},
        )
    return row


def _content(data: Any) -> Any:
    return {k: v for k, v in dict(data).items() if k != "version"}


def treaties_import(*, actor: Any, data: Any) -> int:
    """Publish each treaty of a document (format ``rogatory.treaties/1``) whose content differs
    from the version published here; a bad record refuses the whole document before anything
    is written. Returns how many treaties got a new version."""
    _require_admin(actor)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DomainError("treaty.invalid", field="format")
    items = data.get("treaties")
    if not isinstance(items, list):
        raise DomainError("treaty.invalid", field="treaties")
    parsed = [parse_treaty(item) for item in items]
    wanted = {p for t in parsed for p in t.parties}
    known = set(State.objects.filter(code__in=wanted).values_list("code", flat=True))
    for code in sorted(wanted - known):
        raise DomainError("field.unknown_state", field="parties", value=code)
    changed = 0
    with transaction.atomic():
        for item, t in zip(items, parsed, strict=True):
            current = TreatyRecord.objects.filter(
                code=t.code, status=RequirementStatus.PUBLISHED
            ).first()
            if current is not None and _content(current.data) == _content(item):
                continue
            row = treaty_draft(actor=actor, data=item)
            treaty_publish(actor=actor, code=t.code, version=row.version)
            changed += 1
    return changed


def treaties_load_shipped(*, actor: Any = None) -> int:
    """Draft and publish the example treaty records shipped in the package where they differ
    from the published version (idempotent), as the requirements are loaded; returns how
    many treaties got a new version."""
    text = resources.files("rogatory.apps.directory.data").joinpath("treaties.json")
    shipped = json.loads(text.read_text(encoding="utf-8"))
    # A node whose directory lacks a party (a test database, a trimmed directory) skips it.
    known = set(State.objects.values_list("code", flat=True))
    shipped["treaties"] = [t for t in shipped["treaties"] if set(t.get("parties", [])) <= known]
    return treaties_import(actor=actor, data=shipped)
