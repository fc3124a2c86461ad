"""API endpoints of the hearings area."""

from ninja import Router

router = Router(tags=["hearings"])
