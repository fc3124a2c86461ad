"""Legal time limits as data: instrument, article, triggering event, period, extension, counting.

Each row is read from the instrument it cites. Periods are calendar days counted from the day
after the triggering event; `extended_days` is the whole period once extended, counted from the
same event (ETS 24 art. 16(4): "in no case exceed 40 days from the date of such arrest").
A bilateral treaty's periods are data too: `time_limit_from_data` builds a rule from the
directory's treaty record, so no treaty needs code.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rogatory.core.errors import DomainError


class Counting(StrEnum):
    """How the last day of a period is treated when it is not a working day."""

    # Limits that protect liberty end on their last day whatever that day is: a person held on
    # the 18th day of ETS 24 art. 16(4) is held unlawfully on the 19th even if it is a Monday.
    # The authority must therefore act by the last working day on or before it.
    KEEP_LAST_DAY = "keep-last-day"
    # Other periods follow the general rule of Reg. (EEC, Euratom) 1182/71 art. 3(4): a period
    # whose last day is a public holiday, a Saturday or a Sunday ends with the next working day.
    NEXT_WORKING_DAY = "next-working-day"


class Trigger(StrEnum):
    """The event whose date starts the clock; officers enter it, the clerk's click does not."""

    ARREST = "arrest"
    SURRENDER_DATE_FIXED = "surrender-date-fixed"
    CONSENT = "consent"
    FINAL_DECISION = "final-decision"
    RECEIPT = "receipt"
    RECOGNITION_DECISION = "recognition-decision"
    PRESERVATION = "preservation"


class Side(StrEnum):
    """Who must act before the limit passes."""

    REQUESTED = "requested"
    REQUESTING = "requesting"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class TimeLimit:
    code: str
    instrument: str
    article: str
    trigger: Trigger
    days: int
    counting: Counting
    side: Side
    extended_days: int | None = None
    extension_article: str | None = None

    @property
    def source(self) -> str:
        return f"{self.instrument} {self.article}"

    @property
    def extension_source(self) -> str | None:
        if self.extended_days is None:
            return None
        extension = self.extension_article or self.article
        # An extension may come from another instrument (Reg. 2023/1543 for preservation).
        return f"{self.instrument} {extension}" if extension.startswith("art.") else extension

    @property
    def protects_liberty(self) -> bool:
        return self.counting is Counting.KEEP_LAST_DAY


ETS_24 = "ETS 24"
FD_EAW = "FD 2002/584"
DIR_EIO = "Dir. 2014/41"
ETS_185 = "ETS 185"
UN_MODEL = "UN Model Treaty on Extradition"

_K = Counting.KEEP_LAST_DAY
_N = Counting.NEXT_WORKING_DAY

TIME_LIMITS: tuple[TimeLimit, ...] = (
    # ETS 24 art. 16(4): provisional arrest may end if the request and the art. 12 documents
    # have not been received within 18 days; it may in no case exceed 40 days from the arrest.
    # Both sides watch it: the requesting State must send the request in time.
    TimeLimit(
        "ece-provisional-arrest",
        ETS_24,
        "art. 16(4)",
        Trigger.ARREST,
        18,
        _K,
        Side.BOTH,
        extended_days=40,
    ),
    # ETS 24 art. 18(4): a person not taken over may be released 15 days after the date fixed
    # for surrender and must be released after 30 days.
    TimeLimit(
        "ece-surrender",
        ETS_24,
        "art. 18(4)",
        Trigger.SURRENDER_DATE_FIXED,
        15,
        _K,
        Side.BOTH,
        extended_days=30,
    ),
    # FD 2002/584 art. 17(3): final decision within 60 days of the arrest; art. 17(4): a
    # further 30 days where the decision cannot be taken in time, with reasons given.
    TimeLimit(
        "eaw-decision",
        FD_EAW,
        "art. 17(3)",
        Trigger.ARREST,
        60,
        _K,
        Side.REQUESTED,
        extended_days=90,
        extension_article="art. 17(4)",
    ),
    # FD 2002/584 art. 17(2): final decision within 10 days of the consent; art. 17(4) adds 30.
    TimeLimit(
        "eaw-decision-consent",
        FD_EAW,
        "art. 17(2)",
        Trigger.CONSENT,
        10,
        _K,
        Side.REQUESTED,
        extended_days=40,
        extension_article="art. 17(4)",
    ),
    # FD 2002/584 art. 23(2): surrender within 10 days of the final decision. A new date under
    # art. 23(3) or 23(4) starts a new period; it is not an extension of this one.
    TimeLimit("eaw-surrender", FD_EAW, "art. 23(2)", Trigger.FINAL_DECISION, 10, _K, Side.BOTH),
    # Dir. 2014/41 art. 12(3): recognition decision within 30 days of receipt; art. 12(5):
    # postponed by at most 30 days when the executing authority informs the issuing one.
    TimeLimit(
        "eio-recognition",
        DIR_EIO,
        "art. 12(3)",
        Trigger.RECEIPT,
        30,
        _N,
        Side.REQUESTED,
        extended_days=60,
        extension_article="art. 12(5)",
    ),
    # Dir. 2014/41 art. 12(4): the measure is carried out within 90 days of the decision.
    TimeLimit(
        "eio-execution",
        DIR_EIO,
        "art. 12(4)",
        Trigger.RECOGNITION_DECISION,
        90,
        _N,
        Side.REQUESTED,
    ),
    # ETS 185 art. 29(7): preservation for not less than 60 days while the request for
    # production is prepared; Reg. 2023/1543 art. 11(1): a European Preservation Order lasts
    # 60 days and may be extended by 30 days.
    TimeLimit(
        "preservation",
        ETS_185,
        "art. 29(7)",
        Trigger.PRESERVATION,
        60,
        _N,
        Side.BOTH,
        extended_days=90,
        extension_article="Reg. 2023/1543 art. 11(1)",
    ),
    # UN Model Treaty on Extradition (GA res. 45/116) art. 9(4): the person is released if the
    # request has not been received within 40 days of the provisional arrest.
    TimeLimit(
        "un-model-provisional-arrest", UN_MODEL, "art. 9(4)", Trigger.ARREST, 40, _K, Side.BOTH
    ),
)

_BY_CODE: dict[str, TimeLimit] = {limit.code: limit for limit in TIME_LIMITS}


def time_limit(code: str) -> TimeLimit:
    """The rule named `code`, or DomainError `deadline.unknown_rule`."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise DomainError("deadline.unknown_rule", rule=code) from None


def time_limit_from_data(data: Mapping[str, object]) -> TimeLimit:
    """A rule from a treaty record (directory data), e.g. a bilateral 60-day arrest period.

    Keys: code, instrument, article, trigger, days, counting, side, and optionally
    extended_days and extension_article. Bad data raises `deadline.invalid_rule_data`.
    """
    try:
        days = data["days"]
        extended = data.get("extended_days")
        if not isinstance(days, int) or days <= 0:
            raise ValueError(days)
        if extended is not None and (not isinstance(extended, int) or extended <= days):
            raise ValueError(extended)
        extension_article = data.get("extension_article")
        return TimeLimit(
            code=str(data["code"]),
            instrument=str(data["instrument"]),
            article=str(data["article"]),
            trigger=Trigger(str(data["trigger"])),
            days=days,
            counting=Counting(str(data["counting"])),
            side=Side(str(data.get("side", Side.BOTH))),
            extended_days=extended,
            extension_article=None if extension_article is None else str(extension_article),
        )
    except (KeyError, ValueError):
        raise DomainError("deadline.invalid_rule_data", rule=str(data.get("code", ""))) from None


class ArrestBasis(StrEnum):
    """The legal basis of a provisional arrest, which decides its clock."""

    ETS_24 = "ets-24"
    EAW = "eaw"
    UN_MODEL_TREATY = "un-model-treaty"
    # UNTOC art. 16(9) allows custody but sets no period: domestic law or a treaty must.
    UNTOC = "untoc"


_ARREST_LIMITS: dict[ArrestBasis, str | None] = {
    ArrestBasis.ETS_24: "ece-provisional-arrest",
    ArrestBasis.EAW: "eaw-decision",
    ArrestBasis.UN_MODEL_TREATY: "un-model-provisional-arrest",
    ArrestBasis.UNTOC: None,
}


def arrest_limit(basis: ArrestBasis, treaty: TimeLimit | None = None) -> TimeLimit | None:
    """The clock that runs from a provisional arrest on this basis.

    A bilateral treaty's own period (`treaty`, from directory data) prevails over the
    multilateral instrument's; under UNTOC alone there is none (art. 16(9)).
    """
    if treaty is not None:
        return treaty
    code = _ARREST_LIMITS[basis]
    return None if code is None else _BY_CODE[code]
