"""What the requested State asks of a request, as versioned data with its sources, and the
checker that reads a draft against it.

The data is public knowledge: the languages a State accepts are notified to the UN
Secretary-General (UNTOC art. 18(14)), as are its central authority and any requirement that
requests go through the diplomatic channel (art. 18(13)); treaties in force between two States
decide the legal basis (art. 18(6)-(7)). The checker blocks approval where the requested State
would have to refuse or return the request, and warns where it may.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rogatory.core.drafting.completeness import COERCIVE
from rogatory.core.drafting.findings import Finding, Severity
from rogatory.core.errors import DomainError
from rogatory.core.wire.records import CaseData
from rogatory.core.workflow import CaseKind

FORMAT = "rogatory.requirements/1"


class Channel(StrEnum):
    # UNTOC art. 18(13): central authorities transmit directly to each other...
    CENTRAL_AUTHORITY = "central_authority"
    # ...unless a State requires the diplomatic channel; INTERPOL in urgent cases if agreed.
    DIPLOMATIC = "diplomatic"
    INTERPOL = "interpol"
    # Direct transmission between judicial authorities (e.g. ETS 182 art. 4).
    DIRECT = "direct"


@dataclass(frozen=True, slots=True)
class LegalBasisInForce:
    """A legal basis (``rogatory.apps.cases.choices.LegalBasis`` value) the requested State
    applies, with the States it binds it to (empty: every State that offers it)."""

    basis: str
    states: frozenset[str] = frozenset()
    source: str = ""

    def binds(self, state: str) -> bool:
        return not self.states or state in self.states


@dataclass(frozen=True, slots=True)
class Requirements:
    state: str
    version: int
    sources: tuple[str, ...]
    # An example drawn from a real State's published requirements, not operational data.
    example: bool = False
    languages_mla: frozenset[str] = frozenset()
    languages_extradition: frozenset[str] = frozenset()
    certified_translation: bool = False
    channels: frozenset[Channel] = frozenset({Channel.CENTRAL_AUTHORITY})
    urgent_channel: Channel | None = None
    legal_bases: tuple[LegalBasisInForce, ...] = ()
    dual_criminality_coercive: bool = False
    min_penalty_months: int | None = None
    electronic_transmission: bool = True
    electronic_signature: bool = True
    death_penalty_assurance: bool = False
    measure_notes: Mapping[str, str] = field(default_factory=dict)

    def languages_for(self, kind: str) -> frozenset[str]:
        extradition = kind in (CaseKind.EXTRADITION, CaseKind.PROVISIONAL_ARREST)
        return self.languages_extradition if extradition else self.languages_mla


def _texts(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DomainError("requirements.invalid", field=where)
    return list(value)


def _flag(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise DomainError("requirements.invalid", field=key)
    return value


def parse_requirements(data: Any) -> Requirements:
    """One State's requirements from their JSON form; refused naming the faulty field."""
    if not isinstance(data, Mapping):
        raise DomainError("requirements.invalid", field="requirements")
    state = data.get("state")
    version = data.get("version", 1)
    if not isinstance(state, str) or len(state) != 2 or not state.isupper():
        raise DomainError("requirements.invalid", field="state")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DomainError("requirements.invalid", field="version")
    sources = _texts(data.get("sources", []), "sources")
    if not sources:
        # Every rule must say where it comes from.
        raise DomainError("requirements.invalid", field="sources")
    languages = data.get("languages", {})
    if not isinstance(languages, Mapping):
        raise DomainError("requirements.invalid", field="languages")
    try:
        channels = frozenset(Channel(c) for c in _texts(data.get("channels", []), "channels"))
        urgent = data.get("urgent_channel")
        urgent_channel = Channel(urgent) if urgent else None
    except ValueError:
        raise DomainError("requirements.invalid", field="channels") from None
    bases: list[LegalBasisInForce] = []
    for i, b in enumerate(data.get("legal_bases", [])):
        if not isinstance(b, Mapping) or not isinstance(b.get("basis"), str):
            raise DomainError("requirements.invalid", field=f"legal_bases[{i}]")
        bases.append(
            LegalBasisInForce(
                b["basis"],
                frozenset(_texts(b.get("states", []), f"legal_bases[{i}].states")),
                str(b.get("source", "")),
            )
        )
    minimum = data.get("min_penalty_months")
    if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool)):
        raise DomainError("requirements.invalid", field="min_penalty_months")
    notes = data.get("measures", {})
    if not isinstance(notes, Mapping) or not all(isinstance(v, str) for v in notes.values()):
        raise DomainError("requirements.invalid", field="measures")
    return Requirements(
        state=state,
        version=version,
        sources=tuple(sources),
        example=_flag(data, "example", False),
        languages_mla=frozenset(_texts(languages.get("mla", []), "languages.mla")),
        languages_extradition=frozenset(
            _texts(languages.get("extradition", []), "languages.extradition")
        ),
        certified_translation=_flag(data, "certified_translation", False),
        channels=channels or frozenset({Channel.CENTRAL_AUTHORITY}),
        urgent_channel=urgent_channel,
        legal_bases=tuple(bases),
        dual_criminality_coercive=_flag(data, "dual_criminality_coercive", False),
        min_penalty_months=minimum,
        electronic_transmission=_flag(data, "electronic_transmission", True),
        electronic_signature=_flag(data, "electronic_signature", True),
        death_penalty_assurance=_flag(data, "death_penalty_assurance", False),
        measure_notes=dict(notes),
    )


@dataclass(frozen=True, slots=True)
class DocumentLanguage:
    """A document of the request: its language and the languages of its finished
    (translated or certified) translations, and of its certified ones."""

    title: str
    language: str
    translated: frozenset[str] = frozenset()
    certified: frozenset[str] = frozenset()


def _where(req: Requirements) -> str:
    return "; ".join(req.sources)


def check_requirements(
    case: CaseData,
    *,
    requesting_state: str,
    requirements: Requirements | None,
    documents: tuple[DocumentLanguage, ...] = (),
) -> list[Finding]:
    """What the requested State would refuse (blocking) or may question (warning)."""
    if requirements is None:
        return [Finding("requirements.unknown", "UNTOC art. 18(14)", Severity.WARN)]
    req, source = requirements, _where(requirements)
    found: list[Finding] = []
    accepted = req.languages_for(case.kind)
    if accepted:
        languages = {case.request_language, *case.translation_languages} - {""}
        if case.request_language and not languages & accepted:
            found.append(
                Finding(
                    "requirements.language",
                    f"UNTOC art. 18(14); {source}",
                    Severity.BLOCK,
                    "request_language",
                    {
                        "language": case.request_language,
                        "accepted": ", ".join(sorted(accepted)),
                    },
                )
            )
        for doc in documents:
            if doc.language in accepted:
                continue
            done = doc.certified if req.certified_translation else doc.translated
            if not done & accepted:
                found.append(
                    Finding(
                        "requirements.document_translation",
                        f"UNTOC art. 18(14); {source}",
                        Severity.WARN,
                        "documents",
                        {"title": doc.title, "accepted": ", ".join(sorted(accepted))},
                    )
                )
    if Channel.CENTRAL_AUTHORITY not in req.channels:
        found.append(
            Finding(
                "requirements.channel",
                f"UNTOC art. 18(13); {source}",
                Severity.BLOCK,
                "",
                {"channels": ", ".join(sorted(req.channels))},
            )
        )
    elif not req.electronic_transmission:
        found.append(Finding("requirements.no_electronic", source, Severity.BLOCK))
    if case.urgency == "urgent" and req.urgent_channel is not None:
        found.append(
            Finding(
                "requirements.urgent_channel",
                f"UNTOC art. 18(13); {source}",
                Severity.WARN,
                "urgency",
                {"channel": req.urgent_channel.value},
            )
        )
    in_force = [b for b in req.legal_bases if b.binds(requesting_state)]
    if req.legal_bases and not {b.basis for b in in_force} & set(case.legal_bases):
        found.append(
            Finding(
                "requirements.legal_basis",
                f"UNTOC art. 18(6)-(7); {source}",
                Severity.BLOCK,
                "legal_bases",
                {"in_force": ", ".join(sorted({b.basis for b in in_force})) or "—"},
            )
        )
    coercive = {m.type for m in case.measures} & COERCIVE
    if req.dual_criminality_coercive and coercive and not case.dual_criminality.strip():
        found.append(
            Finding(
                "requirements.dual_criminality",
                f"UNTOC art. 18(9); {source}",
                Severity.BLOCK,
                "dual_criminality",
            )
        )
    if case.kind == CaseKind.EXTRADITION and req.min_penalty_months is not None:
        for i, o in enumerate(case.offences):
            if o.max_penalty_life:
                continue
            if o.max_penalty_months is not None and o.max_penalty_months < req.min_penalty_months:
                found.append(
                    Finding(
                        "requirements.min_penalty",
                        f"UNTOC art. 16(7); {source}",
                        Severity.BLOCK,
                        f"offences[{i}].max_penalty_months",
                        {"number": str(i + 1), "months": str(req.min_penalty_months)},
                    )
                )
    if (
        case.kind == CaseKind.EXTRADITION
        and req.death_penalty_assurance
        and not case.assurance_death_penalty.strip()
    ):
        found.append(
            Finding(
                "requirements.death_penalty",
                f"ETS 24 art. 11; {source}",
                Severity.WARN,
                "assurance_death_penalty",
            )
        )
    for m in case.measures:
        note = req.measure_notes.get(m.type)
        if note:
            found.append(
                Finding(
                    "requirements.measure_note",
                    source,
                    Severity.WARN,
                    "measures",
                    {"measure": m.type, "note": note},
                )
            )
    return found
