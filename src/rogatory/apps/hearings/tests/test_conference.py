"""Join links are made per participant on demand; the provider's secret never reaches a
message, an invitation, the audit trail or a log (canary)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core import serializers
from joserfc import jwt
from joserfc.jwk import OctKey

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Communication
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.hearings.models import Hearing, HearingMessage
from rogatory.apps.hearings.selectors import hearing_invitation_for
from rogatory.apps.hearings.services.conference import hearing_join_url
from rogatory.apps.hearings.services.scheduling import hearing_change
from rogatory.apps.hearings.tests.conftest import slot_start
from rogatory.core.errors import DomainError

CANARY = "canary-7f3d9b21-never-leaves-the-node"


@pytest.fixture
def jitsi_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "jitsi.secret"
    secret.write_text(CANARY)
    monkeypatch.setenv("ROGATORY_JITSI_URL", "https://meet.xa.example")
    monkeypatch.setenv("ROGATORY_JITSI_APP_ID", "rogatory-xa")
    monkeypatch.setenv("ROGATORY_JITSI_DOMAIN", "meet.xa.example")
    monkeypatch.setenv("ROGATORY_JITSI_SECRET_FILE", str(secret))


def test_a_join_link_carries_a_token_for_the_participant_and_the_secret_goes_nowhere(
    jitsi_env: None,
    proposed: tuple[Hearing, Hearing],
    people: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from rogatory.apps.hearings.tests.test_flow import agreed_pair

    caplog.set_level(logging.DEBUG)
    ours, _ = agreed_pair(proposed, people)
    Hearing.objects.filter(pk=ours.pk).update(provider="jitsi")
    judge = ours.participants.get(role="presiding_judge")
    # when the judge's link is made, and the hearing then moved (a message to the other side)
    url = hearing_join_url(actor=people["officer"], hearing_id=ours.pk, participant_id=judge.pk)
    hearing_change(
        actor=people["officer"],
        hearing_id=ours.pk,
        start=slot_start(11, 23),
        minutes=60,
        reason="Moved",
    )
    # then the link is the room with a token signed with the secret, for a moderator
    ours.refresh_from_db()
    assert url.startswith(f"https://meet.xa.example/{ours.room}?jwt=")
    token = url.split("jwt=", 1)[1]
    claims = jwt.decode(token, OctKey.import_key(CANARY.encode()), ["HS256"]).claims
    assert (claims["room"], claims["context"]["user"]["moderator"]) == (ours.room, True)
    # and neither the secret nor the token nor the room is in any message, audit or log
    stored = json.dumps(
        [
            serializers.serialize("json", model.objects.all())
            for model in (HearingMessage, Communication, AuditEvent, OutboxMessage)
        ]
    )
    invitation = hearing_invitation_for(actor=people["officer"], hearing_id=ours.pk).decode()
    for leak in (CANARY, token, ours.room):
        assert leak not in stored
        assert leak not in invitation
        assert leak not in caplog.text


def test_no_link_before_the_hearing_is_agreed(
    jitsi_env: None, proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, _ = proposed
    judge = ours.participants.get(role="presiding_judge")
    with pytest.raises(DomainError) as refused:
        hearing_join_url(actor=people["officer"], hearing_id=ours.pk, participant_id=judge.pk)
    assert refused.value.code == "hearing.not_agreed"


def test_a_provider_without_configuration_is_refused_naming_the_setting(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    from rogatory.apps.hearings.tests.test_flow import agreed_pair

    ours, _ = agreed_pair(proposed, people)
    Hearing.objects.filter(pk=ours.pk).update(provider="bigbluebutton")
    judge = ours.participants.get(role="presiding_judge")
    with pytest.raises(DomainError) as refused:
        hearing_join_url(actor=people["officer"], hearing_id=ours.pk, participant_id=judge.pk)
    assert refused.value.params == {"setting": "ROGATORY_BBB_URL"}
