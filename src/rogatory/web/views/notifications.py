from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rogatory.apps.cases.notices import notifications_for
from rogatory.apps.cases.services.notifications import notifications_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = list(notifications_for(actor=request.user)[:100])
    return render(request, "web/notifications.html", {"notifications": rows})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("notification", "")
    # No id marks them all; an id that is not a number marks none rather than all.
    if not raw or raw.isdigit():
        notifications_read(actor=request.user, notification_id=int(raw) if raw else None)
    return redirect("web:notifications")
