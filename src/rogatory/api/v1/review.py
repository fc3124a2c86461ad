"""API endpoints of the review area: read only, on a Secretariat node (404 elsewhere)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rogatory.api.v1.bounds import Id
from rogatory.apps.review import selectors
from rogatory.apps.review.models import CountryReview

router = Router(tags=["review"])


class ThresholdOut(Schema):
    scheduled: int
    completed: int
    needed: int
    met: bool
    percent: float
    projected: date | None
    source: str


class PhaseOut(Schema):
    number: int
    cluster: int
    started_on: date | None
    reviews: int
    threshold: ThresholdOut


class StepOut(Schema):
    kind: str
    due_on: date | None
    done_on: date | None


class ReviewerOut(Schema):
    instrument: str
    slot: str
    reviewer: str | None


class ReviewOut(Schema):
    id: int
    state: str
    phase: int
    group_year: int
    started_on: date
    seed: str
    reviewers: list[ReviewerOut]
    steps: list[StepOut]
    draw_log: list[dict[str, str | None]]


class ItemOut(Schema):
    number: int
    title: str
    annotation: str


class MeetingDocumentOut(Schema):
    symbol: str
    title: str
    languages: list[str]


class VideoOut(Schema):
    delegation: str
    minutes: int
    translations: dict[str, str]


class MeetingOut(Schema):
    id: int
    body: str
    title: str
    starts_on: date
    ends_on: date
    items: list[ItemOut]
    documents: list[MeetingDocumentOut]
    videos: list[VideoOut]


def _review(r: CountryReview) -> dict[str, Any]:
    return {
        "id": r.pk,
        "state": r.state_id,
        "phase": r.phase_id,
        "group_year": r.group_year,
        "started_on": r.started_on,
        "seed": r.seed,
        "reviewers": [
            {"instrument": a.instrument, "slot": a.slot, "reviewer": a.reviewer_id}
            for a in r.reviewers.all()
        ],
        "steps": [
            {"kind": s.kind, "due_on": s.due_on, "done_on": s.done_on} for s in r.steps.all()
        ],
        "draw_log": r.draw_log,
    }


@router.get("/review/phases", response=list[PhaseOut])
def review_phases(request: HttpRequest) -> Any:
    view = selectors.overview_for(actor=request.user)
    return [
        {
            "number": p.phase.number,
            "cluster": p.phase.cluster,
            "started_on": p.phase.started_on,
            "reviews": p.reviews,
            "threshold": {
                "scheduled": p.threshold.scheduled,
                "completed": p.threshold.completed,
                "needed": p.threshold.needed,
                "met": p.threshold.met,
                "percent": float(p.threshold.percent),
                "projected": p.threshold.projected,
                "source": p.threshold.source,
            },
        }
        for p in view.phases
    ]


@router.get("/review/reviews", response=list[ReviewOut])
def review_list(request: HttpRequest) -> Any:
    return [_review(r) for r in selectors.review_list_for(actor=request.user)]


@router.get("/review/reviews/{review_id}", response=ReviewOut)
def review_detail(request: HttpRequest, review_id: Id) -> Any:
    return _review(selectors.review_get_for(actor=request.user, review_id=review_id))


@router.get("/review/meetings/{meeting_id}", response=MeetingOut)
def review_meeting(request: HttpRequest, meeting_id: Id) -> Any:
    m = selectors.meeting_get_for(actor=request.user, meeting_id=meeting_id)
    return {
        "id": m.pk,
        "body": m.body,
        "title": m.title,
        "starts_on": m.starts_on,
        "ends_on": m.ends_on,
        "items": list(m.items.all()),
        "documents": list(m.documents.all()),
        "videos": [
            {"delegation": v.delegation_id, "minutes": v.minutes, "translations": v.translations}
            for v in m.videos.all()
        ],
    }
