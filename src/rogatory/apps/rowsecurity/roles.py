"""The database roles the node connects as (ADR 0006), both without ownership or DDL:

- the application's role (web processes): bound by the row-level security policies, it sees
  what the acting user of each request may see;
- the system role (exchange worker, task worker, timers, operator commands): BYPASSRLS, the
  node's own work, which sees every row without entering the system context at all.
"""

from typing import Any

from psycopg import sql

from rogatory.core.errors import DomainError

_COMMON = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION"


def _check(role: str) -> None:
    if not role.replace("_", "").isalnum() or len(role) > 63:
        raise DomainError("rowsecurity.bad_role", role=role[:63])


def _ensure(cursor: Any, *, role: str, options: str, password: str | None) -> None:
    _check(role)
    ident = sql.Identifier(role)
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    cursor.execute(sql.SQL(verb + " ROLE {} {}").format(ident, sql.SQL(options)))
    if password:
        cursor.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))
    cursor.execute("SELECT current_database(), current_schema()")
    database, schema = cursor.fetchone()
    db, sch = sql.Identifier(database), sql.Identifier(schema)
    # Data rights only: no ownership, no CREATE on the schema, no TRUNCATE, REFERENCES or
    # TRIGGER; present tables and those a later migration adds.
    for statement in (
        "GRANT CONNECT ON DATABASE {db} TO {role}",
        "GRANT USAGE ON SCHEMA {sch} TO {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {role}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {sch} TO {role}",
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {sch} TO {role}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} "
        "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {role}",
    ):
        cursor.execute(sql.SQL(statement).format(db=db, sch=sch, role=ident))


def app_role_ensure(cursor: Any, *, role: str, password: str | None, login: bool = True) -> None:
    """Create (or update) `role` without BYPASSRLS, superuser or ownership, and give it the
    data rights of every table of the schema, present and future. Run as the owner."""
    options = f"{_COMMON} NOBYPASSRLS " + ("LOGIN" if login else "NOLOGIN")
    _ensure(cursor, role=role, options=options, password=password)


def system_role_ensure(cursor: Any, *, role: str, password: str | None, login: bool = True) -> None:
    """Create (or update) the system role: the same data rights, and BYPASSRLS (the only
    attribute the application's role lacks). Creating a BYPASSRLS role needs a superuser
    (or, from PostgreSQL 16, a CREATEROLE role that has BYPASSRLS itself)."""
    options = f"{_COMMON} BYPASSRLS " + ("LOGIN" if login else "NOLOGIN")
    _ensure(cursor, role=role, options=options, password=password)
