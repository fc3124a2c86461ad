from ninja import NinjaAPI

from rogatory.api.v1 import audit, cases, directory, errors, screening
from rogatory.api.v1.auth import AUTH

api = NinjaAPI(
    title="Rogatory node API",
    version="1",
    description="Cases, persons, documents, transitions, audit and directory of a central "
    "authority's node. Errors are {code, message, params}.",
    auth=AUTH,
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)
api.add_router("", cases.router)
api.add_router("", audit.router)
api.add_router("", directory.router)
api.add_router("", screening.router)
