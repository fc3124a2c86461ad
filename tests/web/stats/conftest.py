from rogatory.apps.stats.tests.conftest import register  # noqa: F401
