"""Bounded input types of the API: what a well-formed request may carry (issue 14 finding 10).

Each bound turns an input the database cannot hold into a refusal in words before any query,
where it would otherwise end as a 500.
"""

from datetime import UTC, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic.json_schema import SkipJsonSchema

from rogatory.core.errors import DomainError

# Row ids are signed 64-bit integers in PostgreSQL (bigint) and SQLite; a larger number names no
# row, and binding it raises (OverflowError in SQLite's driver, out of range in PostgreSQL).
MAX_ID = 2**63 - 1

T = TypeVar("T")

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# A position in the audit chain (its sequence numbers) shares the ids' range.
Seq = Annotated[int, Field(ge=0, le=MAX_ID)]

# One request carries at most this many rows of a kind (persons, offences, documents named...):
# the API's counterpart of the web form's row limit (issue 14 finding 9).
MAX_ROWS = 100


def _utc(value: datetime, info: ValidationInfo) -> datetime:
    field = info.field_name or "datetime"
    if value.utcoffset() is None:
        # Without its offset a moment means different instants to the two States' nodes.
        raise DomainError("field.timezone_required", field=field)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # 9999-12-31T23:59:59-14:00 is past the last instant a datetime (and so the database
        # through Django) can hold once in UTC; 0001-01-01T00:00:00+14:00 before the first.
        raise DomainError("field.out_of_range", field=field) from None


# A moment with its UTC offset, kept as the same instant in UTC.
Moment = Annotated[datetime, AfterValidator(_utc)]


def not_null(value: object, info: ValidationInfo) -> object:
    """A PATCH may leave a field out, not send null for a field that cannot be empty."""
    if value is None:
        raise ValueError(f"{info.field_name} cannot be null; leave it out to keep its value")
    return value


# A field a PATCH may leave out but never set to null: the description says "string", not
# "string or null", and null is refused where it would otherwise reach a NOT NULL column.
Present = Annotated[T | SkipJsonSchema[None], BeforeValidator(not_null)]
