"""Opening a competing-requests file and deciding it (ETS 24 art. 17), with its refusals."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import CompetingFile, CompetingStatus
from rogatory.apps.extradition.selectors import competing_cases, competing_findings
from rogatory.apps.extradition.services.competing import (
    competing_file_decide,
    competing_file_open,
)
from rogatory.apps.screening.models import PersonMatch
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import Factor

pytestmark = pytest.mark.django_db


def test_given_a_confirmed_match_when_an_officer_opens_a_file_then_both_requests_are_in_it(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    assert set(file.cases.values_list("pk", flat=True)) == {from_b.pk, from_c.pk}
    assert file.status == CompetingStatus.OPEN
    assert AuditEvent.objects.filter(action="extradition.competing_open").count() == 1


def test_the_findings_are_read_from_the_case_data(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    found = {f.factor: f for f in competing_findings(competing_cases(file))}
    # the robbery in Borealis is the more serious offence, committed in the requesting State
    assert found[Factor.SERIOUSNESS].favours == (from_b.our_reference,)
    assert found[Factor.PLACE].favours == (from_b.our_reference,)
    # Caldera asked first
    assert found[Factor.DATES].favours == (from_c.our_reference,)
    # the person holds Borealis's nationality
    assert found[Factor.NATIONALITY].favours == (from_b.our_reference,)


def test_given_a_match_only_suggested_then_no_file_is_opened(
    people: Any, two_requests: tuple[Case, Case], match: PersonMatch
) -> None:
    from_b, from_c = two_requests
    with pytest.raises(DomainError) as err:
        competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    assert err.value.code == "competing.not_same_person"
    assert not CompetingFile.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="extradition.").exists()


def test_a_registry_clerk_may_not_open_a_file(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    with pytest.raises(DomainError) as err:
        competing_file_open(actor=people["clerk"], case_id=from_b.pk, case_ids=[from_c.pk])
    assert err.value.code == "competing.forbidden"
    assert not CompetingFile.objects.exists()


def test_a_request_already_in_an_open_file_is_not_put_in_a_second(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    with pytest.raises(DomainError) as err:
        competing_file_open(actor=people["officer"], case_id=from_c.pk, case_ids=[from_b.pk])
    assert err.value.code == "competing.already_open"
    assert CompetingFile.objects.count() == 1


def test_when_the_supervisor_decides_then_order_and_reasons_are_kept_and_audited(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    decided = competing_file_decide(
        actor=people["supervisor"],
        file_id=file.pk,
        order=[from_b.pk, from_c.pk],
        reasons="More serious offence, committed in Borealis; Caldera's later.",
    )
    assert (decided.status, decided.order, decided.decided_by) == (
        CompetingStatus.DECIDED,
        [from_b.pk, from_c.pk],
        people["supervisor"],
    )
    event = AuditEvent.objects.get(action="extradition.competing_decide")
    assert event.changes["order"] == [from_b.pk, from_c.pk]


@pytest.mark.parametrize(
    ("order", "reasons", "code"),
    [
        ("same-twice", "Reasons", "competing.order_invalid"),
        ("both", "  ", "competing.reasons_required"),
    ],
)
def test_a_decision_without_a_full_order_or_reasons_is_refused_and_nothing_is_written(
    people: Any,
    two_requests: tuple[Case, Case],
    confirmed: PersonMatch,
    order: str,
    reasons: str,
    code: str,
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    ids = [from_b.pk, from_b.pk] if order == "same-twice" else [from_b.pk, from_c.pk]
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        competing_file_decide(
            actor=people["supervisor"], file_id=file.pk, order=ids, reasons=reasons
        )
    assert err.value.code == code
    file.refresh_from_db()
    assert (file.status, file.order, file.reasons) == (CompetingStatus.OPEN, [], "")
    assert AuditEvent.objects.count() == audits


def test_a_decided_file_is_not_decided_again(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    competing_file_decide(
        actor=people["supervisor"], file_id=file.pk, order=[from_b.pk, from_c.pk], reasons="R"
    )
    with pytest.raises(DomainError) as err:
        competing_file_decide(
            actor=people["officer"], file_id=file.pk, order=[from_c.pk, from_b.pk], reasons="X"
        )
    assert err.value.code == "competing.already_decided"
    file.refresh_from_db()
    assert file.order == [from_b.pk, from_c.pk]


def test_another_authority_cannot_see_the_file(
    people: Any, two_requests: tuple[Case, Case], confirmed: PersonMatch
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    with pytest.raises(DomainError) as err:
        competing_file_decide(
            actor=people["foreign_supervisor"],
            file_id=file.pk,
            order=[from_b.pk, from_c.pk],
            reasons="R",
        )
    assert err.value.code == "competing.not_found"
    file.refresh_from_db()
    assert file.status == CompetingStatus.OPEN
