"""Writes that span the case file and the exchange (see the package docstring)."""

from rogatory.apps.proceedings.services.communications import communication_send
from rogatory.apps.proceedings.services.transition import case_transition

__all__ = ["case_transition", "communication_send"]
