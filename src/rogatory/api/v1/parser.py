"""The API's reader of bodies and query strings: strict JSON, and only text a database can store.

Each of these ended as a 500 at the first query or write (issue 14 finding 10):
- Python's json module accepts NaN and Infinity, which are not JSON (RFC 8259 section 6);
- it decodes the escape "\\ud800" to a lone surrogate, a str that no UTF-8 encoder (SQLite's,
  PostgreSQL's, the audit chain's hash) accepts;
- PostgreSQL's text cannot hold the NUL character, in a body ("\\u0000") or a query ("%00");
- a body that is JSON but not an object ("AAA", [null]) passed as an empty PATCH, because
  schemas read attributes from whatever they are given.
They are refused here with 400, in the API's one error shape (rogatory.api.v1.errors).
"""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import HttpError
from ninja.parser import Parser


class _UnstorableError(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _UnstorableError(f"{name} is not JSON")


def _check(text: str) -> None:
    if "\x00" in text:
        raise _UnstorableError("text may not contain the NUL character")
    try:
        # A surrogate pair was already joined into one character by the JSON decoder; what
        # remains is a lone half, which UTF-8 cannot encode.
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _UnstorableError("text may not contain a lone surrogate") from None


def _check_all(value: Any) -> None:
    # Iterative: json.loads bounds the depth (RecursionError, a 400 too); this walk adds none.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            _check(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # django-ninja answers 400 "Cannot parse request body" for any error raised here.
        data = json.loads(request.body, parse_constant=_no_constant)
        if not isinstance(data, dict):
            raise _UnstorableError("the body is not a JSON object")
        _check_all(data)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        # Query strings and form fields (Django already drops unprintable characters from an
        # upload's name). Unlike parse_body, django-ninja does not turn an error here into a
        # 400, so the refusal is one already.
        for key, values in data.lists():
            for value in [key, *values]:
                try:
                    _check_all(value)
                except _UnstorableError as refusal:
                    raise HttpError(400, f"{key}: {refusal}") from None
        return super().parse_querydict(data, list_fields, request)
