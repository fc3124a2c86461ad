"""Values every page's header needs."""

from typing import Any

from django.http import HttpRequest

from rogatory.apps.cases.notices import unread_count_for
from rogatory.apps.review.selectors import review_notices_for


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    review = review_notices_for(actor=user, unread_only=True).count()
    return {"unread_notifications": unread_count_for(actor=user) + review}
