"""Path converters of the web pages (issue 14 finding 10).

Django's "int" converter takes any run of digits; an id beyond 64 bits then reaches a query,
where SQLite's driver raises OverflowError and PostgreSQL an out-of-range error: a 500 where
the page simply does not exist. "id" matches only the ids a row can have, so any other number
is a plain 404 before the view runs.
"""

from django.urls import register_converter

# Row ids are signed 64-bit integers in PostgreSQL (bigint) and SQLite.
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            # A ValueError tells the resolver that the path does not match: 404.
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
