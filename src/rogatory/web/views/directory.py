from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.directory.selectors import authority_list, state_list


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """States and their central authorities (public designations, UNTOC art. 18(13))."""
    code = (request.GET.get("state") or "").upper()
    # A State code is two letters; anything else (a NUL, which PostgreSQL refuses in a query,
    # answered 500: issue 14 finding 10) chooses no State.
    state = code if len(code) == 2 and code.isascii() and code.isalpha() else None
    return render(
        request,
        "web/directory.html",
        {
            "states": state_list(),
            "authorities": authority_list(state=state),
            "selected": state,
        },
    )
