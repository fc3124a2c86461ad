from rogatory.apps.directory.services.exchange import directory_export, directory_import
from rogatory.apps.directory.services.requirements import (
    requirements_draft,
    requirements_export,
    requirements_import,
    requirements_load_shipped,
    requirements_publish,
)
from rogatory.apps.directory.services.seed import directory_seed_states
from rogatory.apps.directory.services.treaties import (
    treaties_import,
    treaties_load_shipped,
    treaty_draft,
    treaty_publish,
)

__all__ = [
    "directory_export",
    "directory_import",
    "directory_seed_states",
    "requirements_draft",
    "requirements_export",
    "requirements_import",
    "requirements_load_shipped",
    "requirements_publish",
    "treaties_import",
    "treaties_load_shipped",
    "treaty_draft",
    "treaty_publish",
]
