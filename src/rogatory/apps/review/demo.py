"""Demo data of a Secretariat node: fictional States parties, country reviews in two phases
(phase 1 past its 70 % threshold, phase 2 under way, so the rule and its projected date show),
and one working-group meeting with its programme. Every State here is fictional."""

import secrets
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from rogatory.apps.accounts.models import Role, User
from rogatory.apps.directory.un_members import FICTIONAL_STATES
from rogatory.apps.review.access import today
from rogatory.apps.review.models import CountryReview, Meeting, Period, ReviewStep
from rogatory.apps.review.services import (
    agenda_item_add,
    dialogue_add,
    document_add,
    meeting_create,
    parties_load,
    phase_start,
    review_draw,
    step_done,
    video_add,
    work_slot_add,
)
from rogatory.core.review.parties import DEMO_PARTIES

_MORE_NAMES = {
    "XD": ("Republic of Calderia", "République de Caldérie", "República de Calderia",
           "Республика Кальдерия", "جمهورية كالديريا", "卡尔德里亚共和国"),
    "XE": ("Kingdom of Dunmore", "Royaume de Dunmore", "Reino de Dunmore",
           "Королевство Данмор", "مملكة دنمور", "邓莫尔王国"),
    "XF": ("Republic of Estovia", "République d’Estovie", "República de Estovia",
           "Республика Эстовия", "جمهورية إستوفيا", "埃斯托维亚共和国"),
    "XG": ("Republic of Gondara", "République de Gondara", "República de Gondara",
           "Республика Гондара", "جمهورية غوندارا", "贡达拉共和国"),
    "XH": ("Republic of Halvea", "République de Halvea", "República de Halvea",
           "Республика Халвея", "جمهورية هالفيا", "哈尔维亚共和国"),
    "XI": ("Republic of Isola", "République d’Isola", "República de Isola",
           "Республика Изола", "جمهورية إيزولا", "伊索拉共和国"),
    "XJ": ("Republic of Jadeira", "République de Jadeira", "República de Jadeira",
           "Республика Жадейра", "جمهورية جاديرا", "贾德拉共和国"),
    "XK": ("Kingdom of Kestra", "Royaume de Kestra", "Reino de Kestra",
           "Королевство Кестра", "مملكة كيسترا", "凯斯特拉王国"),
    "XL": ("Republic of Lumera", "République de Lumera", "República de Lumera",
           "Республика Люмера", "جمهورية لوميرا", "卢梅拉共和国"),
}  # fmt: skip


def demo_names() -> dict[str, dict[str, str]]:
    names = {code: dict(n) for code, n in FICTIONAL_STATES.items()}
    for code, (en, fr, es, ru, ar, zh) in _MORE_NAMES.items():
        names[code] = {"en": en, "fr": fr, "es": es, "ru": ru, "ar": ar, "zh-hans": zh}
    return names


# Days from a review's start to each step done: focal point, experts, self-assessment,
# written feedback, list of observations, summary (cumulative offsets built below).
_PACE = (10, 15, 150, 150, 200, 60)

# Phase 1: (State, group year, steps done). Ten of twelve complete: past 70 %.
_PHASE_1 = (
    ("XA", 2020, 6), ("XB", 2020, 6), ("XC", 2020, 6), ("XD", 2020, 6),
    ("XE", 2021, 6), ("XF", 2021, 6), ("XG", 2021, 6), ("XH", 2021, 6),
    ("XI", 2022, 6), ("XJ", 2022, 6), ("XK", 2022, 4), ("XL", 2022, 2),
)  # fmt: skip
# Phase 2: two complete, the others at various steps, some overdue.
_PHASE_2 = (
    ("XA", 6), ("XB", 6), ("XC", 3), ("XD", 3), ("XE", 2),
    ("XF", 2), ("XG", 1), ("XH", 2), ("XI", 0), ("XJ", 2),
)  # fmt: skip


def _user(username: str, role: str, password: str) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
    user.role = role
    user.set_password(password)
    user.save()
    return user


def _walk(actor: Any, review: CountryReview, done: int, start: date, now: date) -> date | None:
    day = start
    last = None
    for step in ReviewStep.objects.filter(review=review).order_by("position")[:done]:
        day = min(day + timedelta(days=_PACE[step.position]), now)
        step_done(actor=actor, review_id=review.pk, step_id=step.pk, done_on=day)
        last = day
    return last


def demo_review(*, password: str | None = None, seed: str = "demo") -> dict[str, Any]:
    """Seed the node (idempotent: does nothing if reviews exist). Returns the logins."""
    password = password or secrets.token_urlsafe(9)
    secretariat = _user("secretariat", Role.SECRETARIAT, password)
    _user("auditor", Role.AUDITOR, password)
    if CountryReview.objects.exists():
        return {"password": password, "users": ["secretariat", "auditor"], "created": False}
    now = today()
    with transaction.atomic():
        parties_load(actor=secretariat, parties=DEMO_PARTIES, names=demo_names())
        p1_start = now - timedelta(days=2000)
        group_start = {
            2020: p1_start,
            2021: p1_start + timedelta(days=365),
            2022: p1_start + timedelta(days=730),
        }
        completions: list[date] = []
        for code, year, done in _PHASE_1:
            review = review_draw(
                actor=secretariat,
                state=code,
                phase=1,
                group_year=year,
                started_on=group_start[year],
                seed=f"{seed}-1-{code}",
            )
            last = _walk(secretariat, review, done, group_start[year], now)
            if done == 6 and last is not None:
                completions.append(last)
        phase_start(actor=secretariat, number=1, started_on=p1_start)
        # Phase 2 starts once phase 1 has reached its 70 % (Procedures para. 10).
        completions.sort()
        p2_start = completions[8] + timedelta(days=30)
        for code, done in _PHASE_2:
            review = review_draw(
                actor=secretariat,
                state=code,
                phase=2,
                group_year=2020 if code in ("XA", "XB", "XC", "XD") else 2021,
                started_on=p2_start,
                seed=f"{seed}-2-{code}",
            )
            _walk(secretariat, review, done, p2_start, now)
        phase_start(actor=secretariat, number=2, started_on=p2_start)
        _meeting(secretariat, now)
    return {"password": password, "users": ["secretariat", "auditor"], "created": True}


def _meeting(actor: Any, now: date) -> Meeting:
    first = now + timedelta(days=21)
    meeting = meeting_create(
        actor=actor,
        body="international_cooperation",
        title="Working Group on International Cooperation — demo meeting",
        starts_on=first,
        ends_on=first + timedelta(days=1),
        venue="Vienna",
    )
    items = [
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            number=n,
            title=title,
            annotation=note,
        )
        for n, title, note in (
            (1, "Organizational matters", "Opening of the meeting; adoption of the agenda."),
            (
                2,
                "The review process",
                "Standing item on the Implementation Review Mechanism (Procedures, para. 12): "
                "progress of the country reviews and the 70 % threshold for the next phase.",
            ),
            (
                3,
                "Electronic transmission of requests for mutual legal assistance",
                "Demo annotation: experience of central authorities with secure channels.",
            ),
            (4, "Other matters", ""),
            (5, "Adoption of the report", ""),
        )
    ]
    year = first.year
    work_slot_add(
        actor=actor,
        meeting_id=meeting.pk,
        day=first,
        period=Period.MORNING,
        item_ids=[items[0].pk, items[1].pk],
    )
    work_slot_add(
        actor=actor,
        meeting_id=meeting.pk,
        day=first,
        period=Period.AFTERNOON,
        item_ids=[items[2].pk],
    )
    work_slot_add(
        actor=actor,
        meeting_id=meeting.pk,
        day=first + timedelta(days=1),
        period=Period.MORNING,
        item_ids=[items[3].pk, items[4].pk],
    )
    document_add(
        actor=actor,
        meeting_id=meeting.pk,
        symbol=f"CTOC/COP/WG.3/{year}/1",
        title="Annotated provisional agenda (demo)",
        languages=["ar", "zh", "en", "fr", "ru", "es"],
        item_id=items[0].pk,
    )
    document_add(
        actor=actor,
        meeting_id=meeting.pk,
        symbol=f"CTOC/COP/WG.3/{year}/2",
        title="Electronic transmission of requests: background paper (demo)",
        languages=["en", "fr", "es"],
        item_id=items[2].pk,
    )
    video_add(
        actor=actor,
        meeting_id=meeting.pk,
        delegation="XA",
        original="en",
        minutes=4,
        item_id=items[2].pk,
        translations={"fr": "done", "es": "done", "ar": "in_progress", "ru": "in_progress"},
    )
    video_add(
        actor=actor,
        meeting_id=meeting.pk,
        delegation="XC",
        original="ru",
        minutes=6,
        item_id=items[1].pk,
        translations={"en": "done"},
    )
    dialogue_add(
        actor=actor,
        topic="international_cooperation",
        held_on=now - timedelta(days=200),
        summary="Demo summary: stakeholders described delays in mutual legal assistance and "
        "asked for electronic transmission between central authorities.",
        meeting_id=None,
    )
    return meeting
