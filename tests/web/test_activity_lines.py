"""Recent activity and the timeline: no line ends in a dash or a colon (issue 13 item 9)."""

import re
from typing import Any

import pytest
from django.utils import timezone

from rogatory.apps.cases.models import CaseEvent

pytestmark = pytest.mark.django_db


def _lines(html: str, start: str, end: str) -> list[str]:
    part = html.split(start)[1].split(end)[0]
    items = re.findall(r"<li>(.*?)</li>", part, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", i)).strip() for i in items]


def test_an_event_without_a_status_reads_as_what_happened(
    client_for: Any, open_case: Any, people: Any
) -> None:
    # given a case with a message received and a communication sent (events with no status)
    case = open_case()
    now = timezone.now()
    CaseEvent.objects.create(
        case=case, at=now, actor=people["officer"], kind="message_received", reason="request"
    )
    CaseEvent.objects.create(
        case=case, at=now, actor=people["officer"], kind="sent_acknowledgement"
    )
    # when the officer opens the dashboard and the case
    client = client_for("officer")
    dashboard = client.get("/").content.decode()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    # then each line names the event, and none ends in a dash or a colon
    activity = _lines(dashboard, 'id="activity-title"', "</section>")
    timeline = _lines(detail, 'id="timeline-title"', "</section>")
    for line in activity + timeline:
        text = line.split(" · ")[0] if "·" in line else line
        assert not text.rstrip().endswith(("—", ":", "-")), line
    assert any("Message received from the other State" in line for line in activity)
    assert any("Sent to the other State: Acknowledgement" in line for line in activity)
    assert any("Sent to the other State: Acknowledgement" in line for line in timeline)
    assert any("Opened: Draft" in line for line in timeline)
