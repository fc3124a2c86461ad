"""Two States request the same person: the extradition app's own fixtures, shared here."""

from rogatory.apps.extradition.tests.conftest import (  # noqa: F401 (fixtures)
    confirmed,
    match,
    two_requests,
)
