"""API endpoints of the drafting area."""

from ninja import Router

router = Router(tags=["drafting"])
