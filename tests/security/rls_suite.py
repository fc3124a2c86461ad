"""Pytest plugin: run any part of the suite on PostgreSQL with row-level security binding.

    DATABASE_URL=postgres://... pytest -p tests.security.rls_suite tests/...

The test database belongs to the `postgres` superuser, which bypasses row security; with this
plugin, every connection to it acts as a non-owner role instead, and every request of the
test client goes through RowSecurityMiddleware, which makes the database act as the signed-in
user for the request. Outside requests (fixtures, services called directly, tasks run by the
test) the connection is in the system context, as the node's own background work is.
A page that needed a row its user may not see would fail here.
"""

from collections.abc import Iterator
from typing import Any

import pytest

ROLE = "rogatory_app_suite"
MIDDLEWARE = "rogatory.apps.rowsecurity.middleware.RowSecurityMiddleware"


def _bind(connection: Any) -> None:
    if connection.vendor != "postgresql" or not str(connection.settings_dict["NAME"]).startswith(
        "test_"
    ):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
        cursor.execute("SELECT set_config('rogatory.system', 'on', false)")


def _on_connect(sender: Any, connection: Any, **kwargs: Any) -> None:
    _bind(connection)


@pytest.fixture(scope="session", autouse=True)
def _row_security_suite(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    from django.conf import settings
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.test.utils import override_settings

    if connection.vendor != "postgresql":
        yield
        return
    from rogatory.apps.rowsecurity.roles import app_role_ensure

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            app_role_ensure(cursor, role=ROLE, password=None, login=False)
            # Test-only: flushing between transactional tests truncates the tables.
            cursor.execute(f"GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO {ROLE}")
        _bind(connection)
    connection_created.connect(_on_connect)
    middleware = [*settings.MIDDLEWARE]
    if MIDDLEWARE not in middleware:
        middleware.insert(middleware.index("django_otp.middleware.OTPMiddleware") + 1, MIDDLEWARE)
    with override_settings(MIDDLEWARE=middleware):
        yield
    connection_created.disconnect(_on_connect)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
