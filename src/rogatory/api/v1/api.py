from django.contrib.auth.decorators import login_required

from rogatory.api.v1 import (
    audit,
    cases,
    channels,
    communications,
    detention,
    directory,
    drafting,
    errors,
    hearings,
    letters,
    review,
    screening,
    stats,
)
from rogatory.api.v1.auth import AUTH
from rogatory.api.v1.openapi import DocumentedAPI
from rogatory.api.v1.parser import StrictJsonParser

api = DocumentedAPI(
    title="Rogatory node API",
    version="1",
    description="Cases, persons, documents, transitions, audit and directory of a central "
    "authority's node. Errors are {code, message, params}.",
    auth=AUTH,
    urls_namespace="api-v1",
    parser=StrictJsonParser(),
    docs_url="/docs",
    # The description of every endpoint is for the node's own staff and integrators, not the
    # public (issue 14 finding 12); the page's scripts come from the package's static files
    # ("ninja" in INSTALLED_APPS), never from a CDN.
    docs_decorator=login_required,
)
errors.install(api)
api.add_router("", cases.router)
api.add_router("", audit.router)
api.add_router("", directory.router)
api.add_router("", screening.router)
api.add_router("", communications.router)
api.add_router("", channels.router)
api.add_router("", letters.router)
api.add_router("", drafting.router)
api.add_router("", hearings.router)
api.add_router("", stats.router)
api.add_router("", review.router)
api.add_router("", detention.router)
