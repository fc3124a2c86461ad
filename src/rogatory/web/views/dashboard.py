from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.cases import dashboard
from rogatory.apps.proceedings.queues import work_queues_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.user
    overdue, due_soon = dashboard.deadlines_for(actor=actor)
    return render(
        request,
        "web/dashboard.html",
        {
            "queues": work_queues_for(actor=actor),
            "overdue": overdue,
            "due_soon": due_soon,
            "events": dashboard.recent_events_for(actor=actor),
        },
    )
