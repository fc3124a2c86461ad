"""Extradition treaties as data: parties, dates in force, the provisional-arrest period and the
treaty's own rule for competing requests.

A bilateral treaty's periods differ from the multilateral instruments' (reference §5: 40, 60
days and others), and so does its rule for several requests for the same person (reference
§2.2: priority to the State of nationality, to the earlier request, to the more serious
offence...). Both are read from the directory's treaty record, never written in code: the
provisional-arrest period becomes a `TimeLimit` through `time_limit_from_data`, each competing
rule a factor assessed from the case data (see `competing.treaty_findings`).

Pure Python: `parse_treaty` validates a record whole and raises DomainError
`treaty.invalid` naming the field at fault.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rogatory.core.deadlines.limits import (
    Counting,
    Side,
    TimeLimit,
    Trigger,
    time_limit_from_data,
)
from rogatory.core.errors import DomainError

FORMAT = "rogatory.treaties/1"
TREATY_ARREST_CODE = "treaty-provisional-arrest"


class TreatyKind(StrEnum):
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"


class TreatyRule(StrEnum):
    """A criterion a treaty names for choosing between competing requests (reference §2.2)."""

    # e.g. Thailand-Philippines 1981 art. XVII; ETS 24 art. 17.
    NATIONALITY_OF_PERSON = "nationality_of_person"
    # e.g. US-Poland 1996 art. 17 ("chronological order").
    EARLIER_REQUEST = "earlier_request"
    RELATIVE_SERIOUSNESS = "relative_seriousness"
    PLACE_OF_COMMISSION = "place_of_commission"
    # e.g. US-Poland 1996 art. 17(d).
    NATIONALITY_OF_VICTIM = "nationality_of_victim"
    # e.g. French CPP art. 696-5.
    INTERESTS_AFFECTED = "interests_affected"
    RE_EXTRADITION = "re_extradition"
    # e.g. US-Poland 1996 art. 17(a): whether the request is made under a treaty.
    TREATY_BASED_REQUEST = "treaty_based_request"
    # e.g. CIS-style treaties: principal place of residence.
    RESIDENCE = "residence"
    # Prosecution or enforcement of a sentence (FD 2002/584/JHA art. 16(1) names it too).
    PURPOSE = "purpose"


@dataclass(frozen=True, slots=True)
class CompetingRule:
    rule: TreatyRule
    article: str


@dataclass(frozen=True, slots=True)
class Treaty:
    code: str
    title: str
    kind: TreatyKind
    parties: frozenset[str]
    in_force_from: date
    in_force_to: date | None
    # None: the treaty sets no period for provisional arrest.
    arrest_limit: TimeLimit | None
    competing: tuple[CompetingRule, ...]
    sources: tuple[str, ...]
    # Shipped to illustrate the format (the demo's fictional States), not a real treaty.
    example: bool

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def binds(self, a: str, b: str) -> bool:
        return a != b and {a, b} <= self.parties

    @property
    def arrest_extendable(self) -> bool:
        return self.arrest_limit is not None and self.arrest_limit.extended_days is not None


def _fail(field: str) -> DomainError:
    return DomainError("treaty.invalid", field=field)


def _text(data: Mapping[str, object], key: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(key)
    return value.strip()


def _date(data: Mapping[str, object], key: str, *, required: bool = True) -> date | None:
    value = data.get(key)
    if value is None and not required:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(key) from None


def _arrest(raw: object, title: str) -> TimeLimit | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise _fail("provisional_arrest")
    article = raw.get("article")
    days = raw.get("days")
    extendable = raw.get("extendable", False)
    extended = raw.get("extended_days")
    if not isinstance(article, str) or not article.strip():
        raise _fail("provisional_arrest.article")
    if not isinstance(extendable, bool) or extendable != (extended is not None):
        # An extension is either allowed, with its whole period, or not at all.
        raise _fail("provisional_arrest.extended_days")
    # A limit on custody keeps its last day (counting conventions of core.deadlines.compute),
    # counted from the arrest; both States watch it, as under ETS 24 art. 16(4).
    return time_limit_from_data(
        {
            "code": TREATY_ARREST_CODE,
            "instrument": title,
            "article": article.strip(),
            "trigger": Trigger.ARREST.value,
            "days": days,
            "counting": Counting.KEEP_LAST_DAY.value,
            "side": Side.BOTH.value,
            "extended_days": extended,
            "extension_article": raw.get("extension_article"),
        }
    )


def _competing(raw: object) -> tuple[CompetingRule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail("competing_requests")
    rules: list[CompetingRule] = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise _fail("competing_requests")
        try:
            rule = TreatyRule(str(item.get("factor")))
        except ValueError:
            raise _fail("competing_requests.factor") from None
        article = item.get("article")
        if not isinstance(article, str) or not article.strip():
            raise _fail("competing_requests.article")
        rules.append(CompetingRule(rule, article.strip()))
    if len({r.rule for r in rules}) != len(rules):
        raise _fail("competing_requests.factor")
    return tuple(rules)


def parse_treaty(data: object) -> Treaty:
    """A treaty record from its JSON form (directory data), validated whole."""
    if not isinstance(data, Mapping):
        raise _fail("treaty")
    code = _text(data, "code")
    title = _text(data, "title")
    try:
        kind = TreatyKind(str(data.get("kind")))
    except ValueError:
        raise _fail("kind") from None
    parties_raw = data.get("parties")
    if not isinstance(parties_raw, list) or not all(
        isinstance(p, str) and len(p) == 2 for p in parties_raw
    ):
        raise _fail("parties")
    parties = frozenset(p.upper() for p in parties_raw)
    if len(parties) < 2 or (kind is TreatyKind.BILATERAL and len(parties) != 2):
        raise _fail("parties")
    start = _date(data, "in_force_from")
    end = _date(data, "in_force_to", required=False)
    if start is None:  # pragma: no cover - _date raises when required
        raise _fail("in_force_from")
    if end is not None and end < start:
        raise _fail("in_force_to")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise _fail("sources")
    example = data.get("example", False)
    if not isinstance(example, bool):
        raise _fail("example")
    try:
        arrest = _arrest(data.get("provisional_arrest"), title)
    except DomainError as err:
        if err.code == "treaty.invalid":
            raise
        raise _fail("provisional_arrest.days") from None
    return Treaty(
        code=code,
        title=title,
        kind=kind,
        parties=parties,
        in_force_from=start,
        in_force_to=end,
        arrest_limit=arrest,
        competing=_competing(data.get("competing_requests")),
        sources=tuple(sources),
        example=example,
    )


def treaty_between(treaties: list[Treaty], a: str, b: str, on: date) -> Treaty | None:
    """The treaty whose periods govern between `a` and `b` on `on`: a bilateral treaty before a
    multilateral one (the special rule prevails), then the one most recently in force."""
    binding = [t for t in treaties if t.binds(a, b) and t.in_force_on(on)]
    if not binding:
        return None
    binding.sort(key=lambda t: (t.kind is TreatyKind.BILATERAL, t.in_force_from), reverse=True)
    return binding[0]
