"""Directory import and export as JSON, validated whole before anything is written."""

from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.directory.models import CentralAuthority, Channel, Instrument, State
from rogatory.core.errors import DomainError

FORMAT = "rogatory-directory/1"
_AUTHORITY_FIELDS = ("email", "phone", "address", "notes", "treaty")


def directory_export() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "states": [
            {
                "code": s.code,
                "alpha3": s.alpha3,
                "names": s.names,
                "un_member": s.un_member,
                "fictional": s.fictional,
            }
            for s in State.objects.order_by("code")
        ],
        "authorities": [
            {
                "state": a.state_id,
                "instrument": a.instrument,
                "name": a.name,
                "accepted_languages": a.accepted_languages,
                "channels": a.channels,
                **{f: getattr(a, f) for f in _AUTHORITY_FIELDS},
            }
            for a in CentralAuthority.objects.order_by("state_id", "instrument", "name")
        ],
    }


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DomainError("directory.invalid_field", where=where)
    return value


def _parse_authority(i: int, raw: Any, known: set[str]) -> CentralAuthority:
    where = f"authorities[{i}]"
    if not isinstance(raw, dict):
        raise DomainError("directory.invalid_entry", where=where)
    state = raw.get("state")
    if state not in known:
        raise DomainError("directory.unknown_state", where=where, state=str(state))
    instrument = raw.get("instrument")
    if instrument not in Instrument.values:
        raise DomainError("directory.unknown_instrument", where=where, value=str(instrument))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DomainError("directory.name_required", where=where)
    channels = _str_list(raw.get("channels", []), f"{where}.channels")
    bad = [c for c in channels if c not in Channel.values]
    if bad:
        raise DomainError("directory.unknown_channel", where=where, value=bad[0])
    fields = {f: raw.get(f, "") for f in _AUTHORITY_FIELDS}
    if not all(isinstance(v, str) for v in fields.values()):
        raise DomainError("directory.invalid_field", where=where)
    return CentralAuthority(
        state_id=state,
        instrument=instrument,
        name=name.strip(),
        accepted_languages=_str_list(raw.get("accepted_languages", []), f"{where}.languages"),
        channels=channels,
        **fields,
    )


def directory_import(*, actor: Any, data: Any) -> dict[str, int]:
    """Add or update States and authorities from an export document."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DomainError("directory.unknown_format", expected=FORMAT)
    states = data.get("states", [])
    authorities = data.get("authorities", [])
    if not isinstance(states, list) or not isinstance(authorities, list):
        raise DomainError("directory.invalid_entry", where="root")
    state_rows = []
    for i, raw in enumerate(states):
        code = raw.get("code") if isinstance(raw, dict) else None
        names = raw.get("names") if isinstance(raw, dict) else None
        if not isinstance(code, str) or len(code) != 2 or not code.isupper():
            raise DomainError("directory.invalid_state_code", where=f"states[{i}]")
        if not isinstance(names, dict) or not isinstance(names.get("en"), str):
            raise DomainError("directory.state_name_required", where=f"states[{i}]")
        state_rows.append(
            State(
                code=code,
                alpha3=str(raw.get("alpha3", "")),
                names=names,
                un_member=bool(raw.get("un_member", False)),
                fictional=bool(raw.get("fictional", False)),
            )
        )
    known = set(State.objects.values_list("code", flat=True)) | {s.code for s in state_rows}
    authority_rows = [_parse_authority(i, raw, known) for i, raw in enumerate(authorities)]
    with transaction.atomic():
        if state_rows:
            State.objects.bulk_create(
                state_rows,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["alpha3", "names", "un_member", "fictional"],
            )
        created = updated = 0
        for a in authority_rows:
            _, was_created = CentralAuthority.objects.update_or_create(
                state_id=a.state_id,
                instrument=a.instrument,
                treaty=a.treaty,
                name=a.name,
                defaults={
                    "email": a.email,
                    "phone": a.phone,
                    "address": a.address,
                    "notes": a.notes,
                    "accepted_languages": a.accepted_languages,
                    "channels": a.channels,
                },
            )
            created += was_created
            updated += not was_created
        stats = {"states": len(state_rows), "created": created, "updated": updated}
        marker = State.objects.order_by("code").first()
        if marker is not None:
            audit_record(actor=actor, action="directory.import", obj=marker, changes=stats)
    return stats
