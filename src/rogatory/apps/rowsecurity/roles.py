"""The database role the application connects as: it owns nothing, so the policies bind it."""

from typing import Any

from psycopg import sql

from rogatory.core.errors import DomainError


def app_role_ensure(cursor: Any, *, role: str, password: str | None, login: bool = True) -> None:
    """Create (or update) `role` without BYPASSRLS, superuser or ownership, and give it the
    data rights of every table of the schema, present and future. Run as the owner."""
    if not role.replace("_", "").isalnum() or len(role) > 63:
        raise DomainError("rowsecurity.bad_role", role=role[:63])
    ident = sql.Identifier(role)
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    options = sql.SQL(
        "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT "
        + ("LOGIN" if login else "NOLOGIN")
    )
    cursor.execute(sql.SQL(verb + " ROLE {} {}").format(ident, options))
    if password:
        cursor.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))
    cursor.execute("SELECT current_database(), current_schema()")
    database, schema = cursor.fetchone()
    db, sch = sql.Identifier(database), sql.Identifier(schema)
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
