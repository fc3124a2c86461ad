"""API endpoints of the stats area."""

from ninja import Router

router = Router(tags=["stats"])
