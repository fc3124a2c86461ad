"""API endpoints of the detention area."""

from ninja import Router

router = Router(tags=["detention"])
