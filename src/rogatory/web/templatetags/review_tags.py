"""Whether the review register is offered to the user here (``{% load review_tags %}``)."""

from typing import Any

from django import template

from rogatory.apps.review.access import review_available

register = template.Library()


@register.simple_tag
def review_offered(user: Any) -> bool:
    return review_available(user)
