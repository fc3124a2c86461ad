from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rogatory.apps.cases.notices import notifications_for
from rogatory.apps.cases.services.notifications import notifications_read
from rogatory.apps.review.selectors import review_notices_for
from rogatory.apps.review.services import review_notices_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = list(notifications_for(actor=request.user)[:100])
    # Reminders of review steps (Secretariat node): no case behind them, a register apart.
    review = list(review_notices_for(actor=request.user)[:100])
    return render(
        request, "web/notifications.html", {"notifications": rows, "review_notices": review}
    )


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("notification", "")
    review = request.POST.get("review_notice", "")
    # No id marks them all; an id that is not a number marks none rather than all.
    if review:
        if review.isdigit():
            review_notices_read(actor=request.user, notice_id=int(review))
    elif not raw or raw.isdigit():
        notifications_read(actor=request.user, notification_id=int(raw) if raw else None)
        if not raw:
            review_notices_read(actor=request.user)
    return redirect("web:notifications")
