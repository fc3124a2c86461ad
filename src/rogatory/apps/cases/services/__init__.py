"""Writes to cases. Each service checks the actor, validates, writes and audits in one
transaction."""

from rogatory.apps.cases.services.documents import document_add
from rogatory.apps.cases.services.grants import grant_add, grant_revoke
from rogatory.apps.cases.services.links import case_link
from rogatory.apps.cases.services.offences import measure_add, offence_add
from rogatory.apps.cases.services.open import case_open
from rogatory.apps.cases.services.persons import person_add
from rogatory.apps.cases.services.transition import case_transition
from rogatory.apps.cases.services.update import case_update

__all__ = [
    "case_link",
    "case_open",
    "case_transition",
    "case_update",
    "document_add",
    "grant_add",
    "grant_revoke",
    "measure_add",
    "offence_add",
    "person_add",
]
