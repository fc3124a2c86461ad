"""No copy of case data is kept by a browser or a proxy (issue 14 finding 11).

Every page, API answer and download of the node is about cases, persons or staff; only the
static files (served by the proxy, or by runserver --insecure before any middleware) may be
cached. A shared computer at a ministry must not keep a sealed case in its disk cache after the
officer signs out.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.path.startswith(str(settings.STATIC_URL)):
            add_never_cache_headers(response)
        return response
