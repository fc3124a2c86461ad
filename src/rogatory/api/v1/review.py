"""API endpoints of the review area."""

from ninja import Router

router = Router(tags=["review"])
