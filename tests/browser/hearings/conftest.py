"""The hearing fixtures of the app's tests (both sides of a hearing in one database)."""

from rogatory.apps.hearings.tests.conftest import (  # noqa: F401 - fixtures
    cases,
    deliver,
    proposed,
)
