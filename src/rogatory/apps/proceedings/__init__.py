"""Proceedings: what a case's steps mean beyond this node's case file.

Sits above ``cases`` (the file and its status) and ``exchange`` / ``screening`` (sending to the
other State, same-person screening): a step is recorded by ``cases`` and its side effects are
run here in the same transaction, so ``cases`` never depends on how a case travels. Web views,
API endpoints and commands call these services rather than ``cases`` for status changes.
"""
