"""Typed helpers that read configuration from the environment (no secrets in git).

`env_secret("X")` reads X, or the file named by X_FILE (Docker/systemd credentials style).
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw is None or raw.strip() == "" else int(raw)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str | None:
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return None


def database_from_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Translate DATABASE_URL (postgres://user:pw@host:port/db or sqlite:///path) to Django."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if scheme == "sqlite":
        raw = unquote(parsed.path)
        path = raw[1:] if raw.startswith("//") else raw
        name = (
            path if path in {":memory:", ""} else str(base_dir / path if path[0] != "/" else path)
        )
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name or ":memory:"}
    raise ValueError(f"unsupported DATABASE_URL scheme: {scheme!r}")


def sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # WAL lets the web process read while a worker writes.
        # IMMEDIATE transactions and a busy timeout let the web server and the exchange worker
        # share the file without "database is locked" errors.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }
