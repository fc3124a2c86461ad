from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.directory.selectors import authority_list, state_list


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """States and their central authorities (public designations, UNTOC art. 18(13))."""
    state = (request.GET.get("state") or "").upper()[:2] or None
    return render(
        request,
        "web/directory.html",
        {
            "states": state_list(),
            "authorities": authority_list(state=state),
            "selected": state,
        },
    )
