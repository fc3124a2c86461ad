"""The review app's own fixtures (a Secretariat node, its staff and the demo parties)."""

from rogatory.apps.review.tests.conftest import (  # noqa: F401 (fixtures)
    counts,
    parties,
    secretariat,
    secretariat_node,
)
