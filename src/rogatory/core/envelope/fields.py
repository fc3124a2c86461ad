"""Field formats shared by signed payloads: UTC times, UUIDv7, node ids, SHA-256 hex.

Signed payloads are read through :class:`FieldReader`, which refuses missing members, members of
the wrong JSON type and, when :meth:`FieldReader.finish` is called, unknown members.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from rogatory.core.envelope.errors import ValidationError

__all__ = [
    "FieldReader",
    "format_time",
    "is_sha256_hex",
    "new_uuid7",
    "parse_time",
]

_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_NODE_ID = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def format_time(moment: datetime) -> str:
    """RFC 3339 UTC with second precision and ``Z``: the only time form on the wire."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    if _TIME.fullmatch(text) is None:
        raise ValueError("time format")
    # The pattern above admits only YYYY-MM-DDTHH:MM:SSZ, which fromisoformat reads as UTC
    # (and far faster than strptime, on the path of every header and receipt).
    return datetime.fromisoformat(text)


def new_uuid7(now: datetime | None = None) -> str:
    """A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, 74 random bits."""
    moment = now or datetime.now(UTC)
    millis = int(moment.timestamp() * 1000) & ((1 << 48) - 1)
    random = int.from_bytes(os.urandom(10), "big")
    rand_a = random >> 68
    rand_b = random & ((1 << 62) - 1)
    value = (millis << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))


def is_uuid7(text: str) -> bool:
    return _UUID.fullmatch(text) is not None


def is_node_id(text: str) -> bool:
    return _NODE_ID.fullmatch(text) is not None


def is_sha256_hex(text: str) -> bool:
    return _SHA256.fullmatch(text) is not None


class FieldReader:
    """Typed, strict access to a decoded JSON object; errors are ``ValidationError(code)``."""

    def __init__(self, data: object, code: str) -> None:
        if not isinstance(data, dict):
            raise ValidationError(code, {"reason": "not_an_object"})
        self._data: dict[str, Any] = data
        self._code = code
        self._seen: set[str] = set()

    def _get(self, name: str) -> object:
        self._seen.add(name)
        if name not in self._data:
            raise ValidationError(self._code, {"field": name, "reason": "missing"})
        return self._data[name]

    def fail(self, name: str, reason: str = "invalid") -> ValidationError:
        return ValidationError(self._code, {"field": name, "reason": reason})

    def has(self, name: str) -> bool:
        return name in self._data

    def string(
        self, name: str, *, max_length: int = 256, pattern: re.Pattern[str] | None = None
    ) -> str:
        value = self._get(name)
        if not isinstance(value, str) or not value or len(value) > max_length:
            raise self.fail(name)
        if pattern is not None and pattern.fullmatch(value) is None:
            raise self.fail(name)
        return value

    def optional_string(self, name: str, *, max_length: int = 256) -> str | None:
        if name not in self._data or self._data[name] is None:
            self._seen.add(name)
            return None
        return self.string(name, max_length=max_length)

    def integer(self, name: str, *, minimum: int = 0, maximum: int = 2**63 - 1) -> int:
        value = self._get(name)
        # bool is an int in Python but not an integer on the wire.
        if type(value) is not int or not minimum <= value <= maximum:
            raise self.fail(name)
        return value

    def time(self, name: str) -> datetime:
        value = self._get(name)
        try:
            if not isinstance(value, str):
                raise ValueError(name)
            return parse_time(value)
        except ValueError as exc:
            raise self.fail(name) from exc

    def node_id(self, name: str) -> str:
        value = self.string(name, max_length=64)
        if not is_node_id(value):
            raise self.fail(name)
        return value

    def uuid7(self, name: str) -> str:
        value = self.string(name, max_length=36)
        if not is_uuid7(value):
            raise self.fail(name)
        return value

    def sha256(self, name: str) -> str:
        value = self.string(name, max_length=64)
        if not is_sha256_hex(value):
            raise self.fail(name)
        return value

    def array(self, name: str, *, max_items: int) -> list[object]:
        value = self._get(name)
        if not isinstance(value, list) or len(value) > max_items:
            raise self.fail(name)
        return value

    def raw(self, name: str) -> object:
        return self._get(name)

    def finish(self) -> None:
        unknown = set(self._data) - self._seen
        if unknown:
            raise ValidationError(self._code, {"fields": sorted(unknown)[:8], "reason": "unknown"})
