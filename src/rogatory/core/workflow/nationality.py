"""Which nationalities a person holds on the date of the decision, and what follows from them.

Pure rules, no Django. The date is the date of the decision on extradition because ETS 24
art. 6(1)(c) judges nationality "at the time of the decision concerning extradition"; treaties
that take another date (the request, the offence) pass that date instead.

Flags, each with the article it rests on:
- a national of the requested State: the State may refuse (ETS 24 art. 6(1)(a); under UNTOC
  only where its own law or a treaty allows, UNTOC art. 16(7)); if it refuses on that ground
  alone it submits the case for prosecution at the requesting State's request (UNTOC art.
  16(10), ETS 24 art. 6(2)). Whether its law bars the surrender outright is directory data.
- a national of both States: prevailing practice treats the person as the requested State's
  own national; the requesting State's nationality does not remove the protection (Convention
  on Certain Questions relating to the Conflict of Nationality Laws, The Hague 1930, art. 3).
- a national of a third State: the person must be told without delay of the right to have that
  State's consular post informed (Vienna Convention on Consular Relations art. 36(1)(b)); the
  notification, or the person's objection, is recorded.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class NationalityFlag(StrEnum):
    NONE_RECORDED = "none_recorded"
    REQUESTED_STATE_NATIONAL = "requested_state_national"
    DUAL_NATIONAL_BOTH_STATES = "dual_national_both_states"
    REQUESTING_STATE_NATIONAL = "requesting_state_national"
    THIRD_STATE_NATIONAL = "third_state_national"


FLAG_ARTICLES: dict[NationalityFlag, str] = {
    # UNTOC art. 18(15)(e) and ETS 24 art. 12(2)(c) ask for the person's nationality; without
    # it no nationality bar can be weighed.
    NationalityFlag.NONE_RECORDED: "ETS 24 art. 12(2)(c)",
    NationalityFlag.REQUESTED_STATE_NATIONAL: "UNTOC art. 16(10); ETS 24 art. 6(1)(a) and 6(2)",
    NationalityFlag.DUAL_NATIONAL_BOTH_STATES: (
        "ETS 24 art. 6(1)(c); Hague Convention on Conflict of Nationality Laws (1930) art. 3"
    ),
    NationalityFlag.REQUESTING_STATE_NATIONAL: "Vienna Convention on Consular Relations art. 36",
    NationalityFlag.THIRD_STATE_NATIONAL: "Vienna Convention on Consular Relations art. 36(1)(b)",
}


@dataclass(frozen=True, slots=True)
class NationalityRecord:
    """One nationality: ISO code of the State, and the dates it was acquired and lost."""

    state: str
    acquired_on: date | None = None
    lost_on: date | None = None

    def held_on(self, day: date) -> bool:
        """Held on `day`: acquired on or before it (or date unknown), not lost on or before it.

        An unknown acquisition date counts as held: the officer recorded the nationality, and
        dropping it silently would hide a possible bar.
        """
        if self.acquired_on is not None and self.acquired_on > day:
            return False
        return self.lost_on is None or self.lost_on > day


@dataclass(frozen=True, slots=True)
class Finding:
    flag: NationalityFlag
    article: str
    states: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NationalityAssessment:
    on: date
    held: tuple[str, ...]
    findings: tuple[Finding, ...]
    # The requested State's law bars surrendering its nationals, and the person is one.
    barred: bool
    # States whose consular post the person may ask to have informed (VCCR art. 36(1)(b)).
    consular_states: tuple[str, ...]

    @property
    def flags(self) -> tuple[NationalityFlag, ...]:
        return tuple(f.flag for f in self.findings)


def _finding(flag: NationalityFlag, states: Iterable[str] = ()) -> Finding:
    return Finding(flag, FLAG_ARTICLES[flag], tuple(states))


def assess(
    records: Iterable[NationalityRecord],
    *,
    requesting_state: str,
    requested_state: str,
    on: date,
    requested_state_bars_nationals: bool,
) -> NationalityAssessment:
    """The nationality flags of one person on `on` (the date of the decision)."""
    held = tuple(sorted({r.state for r in records if r.held_on(on)}))
    findings: list[Finding] = []
    own = requested_state in held
    if not held:
        findings.append(_finding(NationalityFlag.NONE_RECORDED))
    if own:
        findings.append(_finding(NationalityFlag.REQUESTED_STATE_NATIONAL, [requested_state]))
        if requesting_state in held:
            findings.append(
                _finding(
                    NationalityFlag.DUAL_NATIONAL_BOTH_STATES, [requested_state, requesting_state]
                )
            )
    elif requesting_state in held:
        findings.append(_finding(NationalityFlag.REQUESTING_STATE_NATIONAL, [requesting_state]))
    third = tuple(s for s in held if s not in (requested_state, requesting_state))
    if third:
        findings.append(_finding(NationalityFlag.THIRD_STATE_NATIONAL, third))
    # The VCCR does not address a detainee who is also a national of the detaining State
    # (reference §3.3); the panel still lists every foreign nationality, so that a notification
    # made or declined is recorded against each.
    consular = tuple(s for s in held if s != requested_state)
    return NationalityAssessment(
        on=on,
        held=held,
        findings=tuple(findings),
        barred=own and requested_state_bars_nationals,
        consular_states=consular,
    )
