"""Competing requests for the same person: the factors the instruments name, assessed from the
data of each request.

ETS 24 art. 17 leaves the choice to the requested Party "having regard to all the
circumstances", in particular the relative seriousness and place of the offences, the
respective dates of the requests, the nationality of the person and the possibility of later
extradition to another State. FD 2002/584/JHA art. 16(1) names the same circumstances for
several European arrest warrants, adds whether each warrant is for prosecution or for the
execution of a sentence, lets the executing authority seek Eurojust's advice (art. 16(2)) and
gives the choice between a warrant and a third State's extradition request to the competent
authority (art. 16(3)). A finding never decides: it says which requests a factor favours and
why, and the officer weighs them and records the reasons (CJEU C-763/22: the decision must be
open to judicial review).

A bilateral treaty may name its own criteria (reference §2.2: the State of nationality, the
earlier request, the relative seriousness...); `treaty_findings` reads each from the case data
the same way and cites the treaty's article, from the directory's treaty record.

Pure Python: findings carry codes and parameters, the web edge words them.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from rogatory.core.extradition.treaties import Treaty, TreatyRule


class Factor(StrEnum):
    SERIOUSNESS = "seriousness"
    PLACE = "place"
    DATES = "dates"
    NATIONALITY = "nationality"
    RE_EXTRADITION = "re_extradition"
    PURPOSE = "purpose"
    EUROJUST = "eurojust"
    WARRANT_V_EXTRADITION = "warrant_v_extradition"
    # Factors only a treaty names (reference §2.2), read from its directory record.
    VICTIM_NATIONALITY = "victim_nationality"
    INTERESTS_AFFECTED = "interests_affected"
    RESIDENCE = "residence"
    TREATY_BASIS = "treaty_basis"


class Reading(StrEnum):
    """What the data say about one factor; each has its sentence at the web edge."""

    HIGHEST_PENALTY = "highest_penalty"
    NO_PENALTY_RECORDED = "no_penalty_recorded"
    COMMITTED_IN_REQUESTING_STATE = "committed_in_requesting_state"
    PLACE_NOT_CONCLUSIVE = "place_not_conclusive"
    EARLIEST_REQUEST = "earliest_request"
    DATES_MISSING = "dates_missing"
    NATIONAL_OF_REQUESTING_STATE = "national_of_requesting_state"
    NATIONAL_OF_NO_REQUESTING_STATE = "national_of_no_requesting_state"
    RE_EXTRADITION_NEEDS_CONSENT = "re_extradition_needs_consent"
    SAME_REQUESTING_STATE = "same_requesting_state"
    PURPOSE_TO_ASSESS = "purpose_to_assess"
    EUROJUST_ADVICE_POSSIBLE = "eurojust_advice_possible"
    COMPETENT_AUTHORITY_DECIDES = "competent_authority_decides"
    # The case data hold nothing on the factor: the officer reads it from the requests.
    NOT_IN_CASE_DATA = "not_in_case_data"
    MADE_UNDER_TREATY = "made_under_treaty"
    ALL_UNDER_TREATY = "all_under_treaty"


ETS_24_ART_17 = "ETS 24 art. 17"
FD_ART_16_1 = "FD 2002/584/JHA art. 16(1)"
FD_ART_16_2 = "FD 2002/584/JHA art. 16(2)"
FD_ART_16_3 = "FD 2002/584/JHA art. 16(3)"

# Life imprisonment outranks any term of months when seriousness is compared.
LIFE = 10**6


@dataclass(frozen=True, slots=True)
class Offence:
    max_penalty_months: int | None
    life: bool
    place: str

    @property
    def weight(self) -> int | None:
        return LIFE if self.life else self.max_penalty_months


@dataclass(frozen=True, slots=True)
class Request:
    """One of the competing requests, as the case data describe it."""

    reference: str
    requesting_state: str
    # The requesting State's ISO code and its names, to recognise it in a place of commission.
    state_names: tuple[str, ...]
    received_on: date | None
    is_arrest_warrant: bool
    offences: tuple[Offence, ...] = ()
    nationalities: tuple[str, ...] = ()

    @property
    def max_weight(self) -> int | None:
        weights = [w for o in self.offences if (w := o.weight) is not None]
        return max(weights) if weights else None

    @property
    def committed_at_home(self) -> bool:
        # Whole words only: the code "FR" must not be found in "Frankfurt".
        names = [re.compile(rf"\b{re.escape(n.casefold())}\b") for n in self.state_names if n]
        return any(n.search(o.place.casefold()) for o in self.offences for n in names)


@dataclass(frozen=True, slots=True)
class Finding:
    factor: Factor
    sources: tuple[str, ...]
    reading: Reading
    # References of the requests the factor favours; empty when it favours none.
    favours: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)
    # The title of the treaty whose own rule this is; empty for the instruments' factors.
    treaty: str = ""


def _seriousness(requests: list[Request], sources: tuple[str, ...]) -> Finding:
    weights = {r.reference: r.max_weight for r in requests}
    known = [w for w in weights.values() if w is not None]
    if not known:
        return Finding(Factor.SERIOUSNESS, sources, Reading.NO_PENALTY_RECORDED)
    top = max(known)
    favours = tuple(ref for ref, w in weights.items() if w == top)
    if len(favours) == len(requests):
        favours = ()
    shown = "life" if top == LIFE else str(top)
    return Finding(Factor.SERIOUSNESS, sources, Reading.HIGHEST_PENALTY, favours, {"months": shown})


def _place(requests: list[Request], sources: tuple[str, ...]) -> Finding:
    home = tuple(r.reference for r in requests if r.committed_at_home)
    if not home or len(home) == len(requests):
        return Finding(Factor.PLACE, sources, Reading.PLACE_NOT_CONCLUSIVE)
    return Finding(Factor.PLACE, sources, Reading.COMMITTED_IN_REQUESTING_STATE, home)


def _dates(requests: list[Request], sources: tuple[str, ...]) -> Finding:
    dated = [r for r in requests if r.received_on is not None]
    if len(dated) < len(requests):
        return Finding(Factor.DATES, sources, Reading.DATES_MISSING)
    first = min(r.received_on for r in dated if r.received_on is not None)
    favours = tuple(r.reference for r in dated if r.received_on == first)
    if len(favours) == len(requests):
        favours = ()
    return Finding(
        Factor.DATES, sources, Reading.EARLIEST_REQUEST, favours, {"date": first.isoformat()}
    )


def _nationality(requests: list[Request], sources: tuple[str, ...] = (ETS_24_ART_17,)) -> Finding:
    nationals = tuple(r.reference for r in requests if r.requesting_state in r.nationalities)
    if not nationals:
        return Finding(Factor.NATIONALITY, sources, Reading.NATIONAL_OF_NO_REQUESTING_STATE)
    if len(nationals) == len(requests):
        nationals = ()
    return Finding(Factor.NATIONALITY, sources, Reading.NATIONAL_OF_REQUESTING_STATE, nationals)


def _re_extradition(
    requests: list[Request], sources: tuple[str, ...] = (ETS_24_ART_17,)
) -> Finding:
    # Surrender to one State leaves the others to a later extradition, which needs the
    # requested Party's consent (ETS 24 art. 15; FD 2002/584/JHA art. 28 between warrants).
    if len({r.requesting_state for r in requests}) == 1:
        return Finding(Factor.RE_EXTRADITION, sources, Reading.SAME_REQUESTING_STATE)
    return Finding(Factor.RE_EXTRADITION, sources, Reading.RE_EXTRADITION_NEEDS_CONSENT)


def assess(requests: list[Request]) -> list[Finding]:
    """The findings for two or more competing requests, in the order the articles name them."""
    if len(requests) < 2:
        raise ValueError("competing requests need at least two requests")
    warrants = [r for r in requests if r.is_arrest_warrant]
    shared: tuple[str, ...] = (ETS_24_ART_17, FD_ART_16_1) if warrants else (ETS_24_ART_17,)
    findings = [
        _seriousness(requests, shared),
        _place(requests, shared),
        _dates(requests, shared),
        _nationality(requests),
        _re_extradition(requests),
    ]
    if warrants:
        # The case data do not record whether a warrant seeks prosecution or the execution of
        # a sentence, so the officer assesses it from the warrant itself.
        findings.append(Finding(Factor.PURPOSE, (FD_ART_16_1,), Reading.PURPOSE_TO_ASSESS))
        findings.append(Finding(Factor.EUROJUST, (FD_ART_16_2,), Reading.EUROJUST_ADVICE_POSSIBLE))
        if len(warrants) < len(requests):
            findings.append(
                Finding(
                    Factor.WARRANT_V_EXTRADITION,
                    (FD_ART_16_3,),
                    Reading.COMPETENT_AUTHORITY_DECIDES,
                )
            )
    return findings


def order_check(order: list[str], references: list[str]) -> bool:
    """A decided order names every competing request exactly once."""
    return len(order) == len(references) and sorted(order) == sorted(references)


def _treaty_basis(
    requests: list[Request], sources: tuple[str, ...], under_treaty: frozenset[str]
) -> Finding:
    favours = tuple(r.reference for r in requests if r.reference in under_treaty)
    if len(favours) == len(requests):
        return Finding(Factor.TREATY_BASIS, sources, Reading.ALL_UNDER_TREATY)
    return Finding(Factor.TREATY_BASIS, sources, Reading.MADE_UNDER_TREATY, favours)


def _treaty_rule(
    rule: TreatyRule,
    requests: list[Request],
    sources: tuple[str, ...],
    under_treaty: frozenset[str],
) -> Finding:
    """One criterion of a treaty, read from the case data like the instruments' factors."""
    match rule:
        case TreatyRule.NATIONALITY_OF_PERSON:
            return _nationality(requests, sources)
        case TreatyRule.EARLIER_REQUEST:
            return _dates(requests, sources)
        case TreatyRule.RELATIVE_SERIOUSNESS:
            return _seriousness(requests, sources)
        case TreatyRule.PLACE_OF_COMMISSION:
            return _place(requests, sources)
        case TreatyRule.RE_EXTRADITION:
            return _re_extradition(requests, sources)
        case TreatyRule.TREATY_BASED_REQUEST:
            return _treaty_basis(requests, sources, under_treaty)
        case TreatyRule.PURPOSE:
            return Finding(Factor.PURPOSE, sources, Reading.PURPOSE_TO_ASSESS)
        case TreatyRule.NATIONALITY_OF_VICTIM:
            return Finding(Factor.VICTIM_NATIONALITY, sources, Reading.NOT_IN_CASE_DATA)
        case TreatyRule.INTERESTS_AFFECTED:
            return Finding(Factor.INTERESTS_AFFECTED, sources, Reading.NOT_IN_CASE_DATA)
        case TreatyRule.RESIDENCE:
            return Finding(Factor.RESIDENCE, sources, Reading.NOT_IN_CASE_DATA)


def treaty_findings(
    requests: list[Request], treaties: Mapping[str, Treaty | None]
) -> list[Finding]:
    """The rules of each request's treaty (`treaties`: request reference -> the treaty between
    its requesting State and the requested State, from the directory), each assessed across
    all the competing requests and cited to the treaty's own article. A treaty shared by
    several requests is listed once."""
    under_treaty = frozenset(ref for ref, t in treaties.items() if t is not None)
    seen: set[str] = set()
    findings: list[Finding] = []
    for request in requests:
        treaty = treaties.get(request.reference)
        if treaty is None or treaty.code in seen:
            continue
        seen.add(treaty.code)
        for rule in treaty.competing:
            sources = (f"{treaty.title}, {rule.article}",)
            finding = _treaty_rule(rule.rule, requests, sources, under_treaty)
            findings.append(replace(finding, treaty=treaty.title))
    return findings
