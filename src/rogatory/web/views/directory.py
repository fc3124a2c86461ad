from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.directory.selectors import (
    authority_list,
    requirement_versions,
    requirements_published,
    state_list,
)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """States and their central authorities (public designations, UNTOC art. 18(13))."""
    code = (request.GET.get("state") or "").upper()
    # A State code is two letters; anything else (a NUL, which PostgreSQL refuses in a query,
    # answered 500: issue 14 finding 10) chooses no State.
    state = code if len(code) == 2 and code.isascii() and code.isalpha() else None
    rules = requirements_published(state) if state else None
    return render(
        request,
        "web/directory.html",
        {
            "states": state_list(),
            "authorities": authority_list(state=state),
            "selected": state,
            # What the State asks of a request it receives (issue 17), with its sources.
            "requirements": rules,
            "languages_mla": sorted(rules.languages_mla) if rules else [],
            "languages_extradition": sorted(rules.languages_extradition) if rules else [],
            "channels": sorted(rules.channels) if rules else [],
            "versions": requirement_versions(state) if state else [],
        },
    )
