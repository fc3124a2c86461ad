"""Writes to cases. Each service checks the actor, validates, writes and audits in one
transaction."""

from rogatory.apps.cases.services.documents import document_add
from rogatory.apps.cases.services.grants import grant_add, grant_revoke
from rogatory.apps.cases.services.links import case_link
from rogatory.apps.cases.services.offence_edits import (
    measure_remove,
    measure_update,
    offence_remove,
    offence_update,
)
from rogatory.apps.cases.services.offences import measure_add, offence_add
from rogatory.apps.cases.services.open import case_open
from rogatory.apps.cases.services.persons import person_add, person_remove, person_update
from rogatory.apps.cases.services.transition import case_status_change
from rogatory.apps.cases.services.update import case_update

__all__ = [
    "case_link",
    "case_open",
    "case_status_change",
    "case_update",
    "document_add",
    "grant_add",
    "grant_revoke",
    "measure_add",
    "measure_remove",
    "measure_update",
    "offence_add",
    "offence_remove",
    "offence_update",
    "person_add",
    "person_remove",
    "person_update",
]
