from rogatory.apps.directory.services.exchange import directory_export, directory_import
from rogatory.apps.directory.services.seed import directory_seed_states

__all__ = ["directory_export", "directory_import", "directory_seed_states"]
