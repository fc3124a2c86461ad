from typing import Any

from django.http import HttpRequest
from ninja import Router

from rogatory.api.v1 import schemas as s
from rogatory.apps.directory import selectors

router = Router(tags=["directory"])


@router.get("/directory/states", response=list[s.StateOut])
def states(request: HttpRequest) -> Any:
    return [
        {
            "code": st.code,
            "alpha3": st.alpha3,
            "name": st.name(),
            "names": st.names,
            "un_member": st.un_member,
            "fictional": st.fictional,
        }
        for st in selectors.state_list()
    ]


@router.get("/directory/authorities", response=list[s.AuthorityOut])
def authorities(request: HttpRequest, state: str | None = None) -> Any:
    return list(selectors.authority_list(state=state))
