"""Signals for apps above accounts, which may not be imported from here (import-linter)."""

from django.dispatch import Signal

# Sent inside the transaction that moves a user to another central authority, with
# `user`, `actor` and `previous_authority_id`: the cases app ends the user's grants
# (issue 14, finding 8).
authority_changed = Signal()
