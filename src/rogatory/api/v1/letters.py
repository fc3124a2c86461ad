"""API endpoints of the letters area."""

from ninja import Router

router = Router(tags=["letters"])
