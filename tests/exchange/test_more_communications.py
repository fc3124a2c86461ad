"""The rest of a request's conversation (issue 15): consultation before a refusal or a
postponement and its answer (UNTOC art. 18(26)), conditions proposed, confidentiality that
cannot be kept (art. 18(20)), consent to use the evidence in other proceedings (art. 18(19)):
each offered to the side that may send it, an answer only to a question received, and
threaded to it."""

from __future__ import annotations

from typing import Any

import pytest

from rogatory.apps.cases.models import Case, CaseEvent, Communication
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.extradition.models import Consultation
from rogatory.apps.proceedings.selectors import kinds_for
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.proceedings.services.conversation import conversation_send
from rogatory.core.errors import DomainError
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.wire.communication import CommunicationKind
from tests.exchange.conftest import Network
from tests.exchange.test_communications import A_REFERENCE, _as_a, _from_a, _incoming

pytestmark = pytest.mark.django_db


def _under_execution(network: Network, people: Any) -> Case:
    case = _incoming(network, people)
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_transition(actor=people["officer"], case_id=case.pk, target="under_execution")
    return Case.objects.get(pk=case.pk)


def _offered(people: Any, case: Case) -> set[str]:
    return {kind for kind, _label in kinds_for(actor=people["officer"], case=case)}


def test_the_requested_state_is_offered_its_own_kinds_and_no_answer_without_a_question(
    network: Network, people: Any
) -> None:
    # given A's request under execution at B
    case = _under_execution(network, people)

    # when B's officer opens the conversation
    offered = _offered(people, case)

    # then the requested State's kinds are offered, the requesting State's are not, and no
    # answer is offered while nothing was asked
    assert {"consultation", "conditions_proposed", "confidentiality_cannot"} <= offered
    assert not offered & {
        "consultation_answer",
        "conditions_accepted",
        "confidentiality_required",
        "use_consent_request",
        "urgency",
        "supplementary_request",
        "use_consent",
    }


def test_a_consultation_before_refusal_leaves_for_the_requesting_state_and_its_answer_threads(
    network: Network, people: Any
) -> None:
    # given A's request under execution at B
    case = _under_execution(network, people)

    # when B consults A before refusing (UNTOC art. 18(26))
    question = "The measure would prejudice our own trial: could you accept a postponement?"
    sent = conversation_send(
        actor=people["officer"], case_id=case.pk, kind="consultation", text=question
    )

    # then it leaves for A with its text, on B's timeline
    metadata = _as_a(network, OutboxMessage.objects.get(message_id=sent.message_id))
    assert (metadata["payload"]["kind"], metadata["payload"]["text"]) == ("consultation", question)
    assert CaseEvent.objects.filter(case=case, kind="sent_consultation").count() == 1
    # and the consultation a refusal must follow is on record for the decision's check
    assert Consultation.objects.filter(case=case, question=question).count() == 1

    # when A answers it, naming the consultation
    answer = CommunicationData(
        CommunicationKind.CONSULTATION_ANSWER,
        text="A postponement of three months is acceptable.",
        reference=A_REFERENCE,
        in_reply_to=sent.message_id,
    )
    reply, _message_id = _from_a(network, answer)

    # then B keeps the answer threaded to its consultation
    assert reply.status_code == 201
    got = Communication.objects.get(case=case, sent=False, kind="consultation_answer")
    assert (got.in_reply_to, got.text) == (sent.message_id, answer.text)


def test_consent_to_use_is_offered_only_once_asked_and_answers_the_request(
    network: Network, people: Any
) -> None:
    # given A's request under execution at B, and A asking consent to use the evidence in
    # other proceedings (UNTOC art. 18(19))
    case = _under_execution(network, people)
    assert "use_consent" not in _offered(people, case)
    ask = CommunicationData(
        CommunicationKind.USE_CONSENT_REQUEST,
        text="May the bank records also be used in the tax fraud case 2026/88?",
        reference=A_REFERENCE,
    )
    _reply, asked_id = _from_a(network, ask)

    # when B's officer gives consent through the conversation
    assert "use_consent" in _offered(people, case)
    consent = conversation_send(
        actor=people["officer"],
        case_id=case.pk,
        kind="use_consent",
        text="Consent given for case 2026/88 only.",
    )

    # then the consent names the request it answers and is offered no more
    assert consent.in_reply_to == asked_id
    assert "use_consent" not in _offered(people, case)


def test_a_kind_of_the_other_side_is_refused_and_nothing_is_sent(
    network: Network, people: Any
) -> None:
    # given A's request under execution at B
    case = _under_execution(network, people)
    before = (Communication.objects.count(), OutboxMessage.objects.count())

    # when B tries to send a supplementary request, which only the requesting State sends
    with pytest.raises(DomainError) as refused:
        conversation_send(
            actor=people["officer"],
            case_id=case.pk,
            kind="supplementary_request",
            text="More accounts.",
        )

    # then it is refused and nothing is written or queued
    assert refused.value.code == "communication.not_now"
    assert (Communication.objects.count(), OutboxMessage.objects.count()) == before
