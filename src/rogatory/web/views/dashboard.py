from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.cases import dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.user
    overdue, due_soon = dashboard.deadlines_for(actor=actor)
    return render(
        request,
        "web/dashboard.html",
        {
            "waiting": dashboard.incoming_waiting_for(actor=actor),
            "mine": dashboard.my_cases_for(actor=actor),
            "overdue": overdue,
            "due_soon": due_soon,
            "events": dashboard.recent_events_for(actor=actor),
        },
    )
