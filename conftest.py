"""Personas shared by every test: two fictional authorities (XA, XB) and their staff."""

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def states(db: Any) -> None:
    from rogatory.apps.directory.models import State
    from rogatory.apps.directory.un_members import FICTIONAL_STATES

    State.objects.bulk_create(
        [
            State(code=c, alpha3=f"X{c[1]}X", names=n, fictional=True)
            for c, n in FICTIONAL_STATES.items()
        ]
        + [State(code="FR", alpha3="FRA", names={"en": "France"}, un_member=True)]
    )


@pytest.fixture
def authorities(states: None) -> dict[str, Any]:
    from rogatory.apps.directory.models import CentralAuthority

    return {
        code: CentralAuthority.objects.create(
            state_id=code, instrument="untoc_mla", name=f"Central Authority of {code}"
        )
        for code in ("XA", "XB")
    }


@pytest.fixture
def make_user(authorities: dict[str, Any]) -> Callable[..., Any]:
    from rogatory.apps.accounts.models import User

    def make(username: str, role: str, state: str = "XA") -> Any:
        return User.objects.create_user(
            username=username, password="pw-" + username, role=role, authority=authorities[state]
        )

    return make


@pytest.fixture
def people(make_user: Callable[..., Any]) -> dict[str, Any]:
    return {
        "clerk": make_user("clerk", "registry_clerk"),
        "officer": make_user("officer", "case_officer"),
        "colleague": make_user("colleague", "case_officer"),
        "supervisor": make_user("supervisor", "supervisor"),
        "auditor": make_user("auditor", "auditor"),
        "admin": make_user("admin", "administrator"),
        "foreign_supervisor": make_user("foreign_supervisor", "supervisor", "XB"),
        "foreign_auditor": make_user("foreign_auditor", "auditor", "XB"),
    }


@pytest.fixture
def open_case(people: dict[str, Any]) -> Callable[..., Any]:
    from rogatory.apps.cases.services import case_open
    from rogatory.apps.cases.services.inputs import MeasureInput, NameInput, PersonInput

    def make(actor: str = "officer", **overrides: Any) -> Any:
        direction = overrides.pop("direction", "outgoing")
        kind = overrides.get("kind", "mla")
        # An outgoing request complete enough to be approved (issue 17: approval is refused
        # while UNTOC art. 18(15)(a)-(f) or the language of the request is missing).
        complete: dict[str, Any] = (
            {
                "subject": "Investigation of money laundering through Borealis Trading",
                "proceedings_authority": "Public Prosecutor's Office of XA",
                "proceedings_authority_functions": "Investigating prosecutor",
                "request_language": "en",
                "measures": [
                    MeasureInput(
                        "records",
                        "Statements of the accounts of Borealis Trading, 2019-2021",
                        purpose="To trace the proceeds of the laundering",
                    )
                ]
                if kind in ("mla", "confiscation")
                else [],
            }
            if direction == "outgoing"
            else {}
        )
        fields: dict[str, Any] = {
            "direction": direction,
            "kind": "mla",
            "requesting_state": "XA" if direction == "outgoing" else "XB",
            "requested_state": "XB" if direction == "outgoing" else "XA",
            "legal_bases": ["untoc"],
            "title": "Bank records of Borealis Trading",
            "facts": "Laundering of proceeds through accounts held by Ivan Petrov.",
            "persons": [
                PersonInput(
                    role="suspect",
                    names=[NameInput("Иван Петров", "original_script", "Ivan Petrov")],
                    birth_date="1975-03",
                    nationalities=["XB", "FR"],
                )
            ],
            **complete,
        }
        fields.update(overrides)
        return case_open(actor=people[actor], **fields)

    return make


@pytest.fixture(autouse=True)
def _fresh_person_index() -> None:
    # Each test has its own database; the in-process person index must not outlive it.
    from rogatory.apps.screening.index import reset_index

    reset_index()
