"""A request in three scripts: a suspect with an Arabic name, a witness with a Chinese name and
an account holder with a Cyrillic one, so that every letter must render all three."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.inputs import (
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)

ARABIC_NAME = "سمير الحداد"
CHINESE_NAME = "王小明"
CYRILLIC_NAME = "Иван Петров"


def persons() -> list[PersonInput]:
    return [
        PersonInput(
            role="suspect",
            names=[NameInput(ARABIC_NAME, "original_script", "Samir al-Haddad")],
            birth_date="1980-04-12",
            nationalities=["XB"],
            location="Port of XB",
        ),
        PersonInput(
            role="witness",
            names=[NameInput(CHINESE_NAME, "original_script", "Wang Xiaoming")],
            nationalities=["XA"],
        ),
        PersonInput(
            role="account_holder",
            names=[NameInput(CYRILLIC_NAME, "original_script", "Ivan Petrov")],
            birth_date="1975-03",
            nationalities=["XB", "FR"],
        ),
    ]


@pytest.fixture
def mla_case(open_case: Any) -> Case:
    case: Case = open_case(
        title="Bank records of Borealis Trading",
        subject="Investigation of laundering of the proceeds of fraud by an organised group.",
        facts=(
            "Between 2024 and 2025 a group defrauded investors of 2 million.\n\n"
            "The proceeds passed through accounts of Borealis Trading held in XB."
        ),
        urgency="urgent",
        urgency_reason="The suspect is in custody; trial opens in March.",
        confidential=True,
        persons=persons(),
        offences=[
            OffenceInput(
                "Laundering of the proceeds of crime",
                legal_provisions="Penal Code of XA, art. 317",
                max_penalty_months=120,
                place="XA and XB",
            )
        ],
        measures=[
            MeasureInput(
                "records",
                "Statements of account 123-456 at Bank of XB, 2024-2025",
                purpose="To trace the proceeds",
                procedure="Certified copies with a business-records certificate",
            )
        ],
    )
    return case


@pytest.fixture
def extradition_case(open_case: Any) -> Case:
    case: Case = open_case(
        kind="extradition",
        title="Extradition of Samir al-Haddad",
        facts="The person sought organised the fraud described in the warrant.",
        persons=[persons()[0]],
        offences=[
            OffenceInput(
                "Fraud", legal_provisions="Penal Code of XA, art. 210", max_penalty_life=True
            )
        ],
        measures=[],
    )
    return case
