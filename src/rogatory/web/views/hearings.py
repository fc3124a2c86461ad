"""Screens of hearings by video (UNTOC art. 18(18); ETS 182 art. 9): the hearing's page with
each participant's local time and what stands in the slot's way, the slot agreed with the
other State, the safeguard steps in their order, the minutes; the interpreters' register.

Each view parses, calls one service or selector and renders; bad input answers 400, a hearing
or case the user may not see 404 (``error_page``), never 500."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rogatory.apps.accounts.models import User
from rogatory.apps.hearings.models import (
    HearingStatus,
    ModeChoice,
    ProviderChoice,
    RoleChoice,
    StepChoice,
)
from rogatory.apps.hearings.selectors import (
    StepState,
    hearing_invitation_for,
    hearing_view_for,
    interpreters_for,
)
from rogatory.apps.hearings.services.conference import hearing_join_url
from rogatory.apps.hearings.services.minutes import minutes_draw_up, recording_bind
from rogatory.apps.hearings.services.safeguards import (
    connection_record,
    interruption_record,
    safeguard_record,
)
from rogatory.apps.hearings.services.scheduling import (
    ParticipantInput,
    availability_add,
    hearing_accept,
    hearing_cancel,
    hearing_change,
    hearing_counter_propose,
    hearing_propose,
    interpreter_register,
    participant_add,
)
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import UN_LANGUAGES
from rogatory.core.hearings.safeguards import BASIS
from rogatory.core.hearings.scheduling import zone as zone_of
from rogatory.web.hearing_forms import (
    AvailabilityForm,
    ChangeForm,
    InterruptionForm,
    JoinForm,
    ParticipantForm,
    RecordingForm,
)
from rogatory.web.views.common import domain_message, error_page


def _user(request: HttpRequest) -> User:
    # Signed in (login_required): never the anonymous user here.
    return cast(User, request.user)


def _bad(request: HttpRequest, field: str) -> HttpResponse:
    return error_page(request, DomainError("field.invalid", field=field))


def _int(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 12:
        return None
    return int(value)


def _moment(value: str, zone: str) -> datetime | None:
    """A ``datetime-local`` value read in ``zone`` (the zone the form names)."""
    try:
        naive = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if naive.tzinfo is not None:
        return naive
    try:
        return naive.replace(tzinfo=zone_of(zone))
    except DomainError:
        return None


@login_required
@require_GET
def hearing_detail(request: HttpRequest, hearing_id: int) -> HttpResponse:
    try:
        view = hearing_view_for(actor=_user(request), hearing_id=hearing_id)
    except DomainError as err:
        return error_page(request, err)
    steps = dict(StepChoice.choices)
    return render(
        request,
        "web/hearings/hearing_detail.html",
        {
            "view": view,
            "hearing": view.hearing,
            "case": view.case,
            "roles": dict(RoleChoice.choices),
            "steps": [
                {
                    "code": s.value,
                    "label": steps[s.value],
                    "basis": BASIS[s],
                    "state": state.value,
                    "done": state is StepState.DONE,
                    "next": state is StepState.NEXT,
                }
                for s, state in view.step_states
            ],
            "languages": UN_LANGUAGES,
            "minutes": getattr(view.hearing, "minutes_of", None),
            "telephone": view.hearing.mode == ModeChoice.TELEPHONE,
            # Links are made only where the service makes them (hearing_join_url).
            "joinable": view.can_write
            and view.hearing.mode == ModeChoice.VIDEO
            and view.hearing.status in (HearingStatus.AGREED, HearingStatus.HELD),
            "participant_form": ParticipantForm(
                initial={"time_zone": view.hearing.zone},
                interpreters=view.interpreters,
                auto_id="pa-%s",
            ),
            "change_form": ChangeForm(
                initial={"time_zone": view.hearing.zone, "minutes": view.hearing.minutes},
                auto_id="hg-%s",
            ),
            "interruption_form": InterruptionForm(
                initial={"time_zone": view.hearing.zone}, auto_id="hi-%s"
            ),
            "recording_form": RecordingForm(auto_id="hr-%s"),
        },
    )


@login_required
@require_POST
def hearing_propose_view(request: HttpRequest, case_id: int) -> HttpResponse:
    data = request.POST
    zone = data.get("time_zone", "")
    start = _moment(data.get("start", ""), zone)
    minutes = _int(data.get("minutes"))
    if start is None or minutes is None:
        return _bad(request, "start")
    people = []
    if judge := data.get("judge", "").strip():
        people.append(ParticipantInput("presiding_judge", judge, joins_from="", time_zone=zone))
    try:
        hearing = hearing_propose(
            actor=_user(request),
            case_id=case_id,
            kind=data.get("kind", ""),
            reason_not_in_person=data.get("reason_not_in_person", ""),
            requesting_authority=data.get("requesting_authority", ""),
            requested_authority=data.get("requested_authority", ""),
            language=data.get("language", ""),
            time_zone=zone,
            slots=[(start, minutes)],
            participants=people,
            provider=data.get("provider", "")
            if data.get("provider", "") in ProviderChoice.values
            else "",
            mode=data.get("mode", "") or ModeChoice.VIDEO.value,
            dial_in=data.get("dial_in", ""),
            conference_code=data.get("conference_code", ""),
        )
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
        return redirect("web:case_detail", case_id=case_id)
    messages.success(request, _("Hearing proposed to the other State."))
    return redirect("web:hearing_detail", hearing_id=hearing.pk)


def _refused(request: HttpRequest, form: forms.Form) -> None:
    """Each error of a form not valid, as a message on the page the user returns to."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def _act(request: HttpRequest, hearing_id: int, done: str, call: Any) -> HttpResponse:
    try:
        call()
    except DomainError as err:
        if err.code in ("hearing.not_found", "case.not_found"):
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, done)
    return redirect("web:hearing_detail", hearing_id=hearing_id)


@login_required
@require_POST
def hearing_accept_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    slot_id = _int(request.POST.get("slot"))
    if slot_id is None:
        return _bad(request, "slot")
    return _act(
        request,
        hearing_id,
        _("Slot accepted: the hearing is agreed."),
        lambda: hearing_accept(actor=_user(request), hearing_id=hearing_id, slot_id=slot_id),
    )


@login_required
@require_POST
def hearing_counter_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    start = _moment(request.POST.get("start", ""), request.POST.get("time_zone", ""))
    minutes = _int(request.POST.get("minutes"))
    if start is None or minutes is None:
        return _bad(request, "start")
    return _act(
        request,
        hearing_id,
        _("Counter-proposal sent."),
        lambda: hearing_counter_propose(
            actor=_user(request), hearing_id=hearing_id, slots=[(start, minutes)]
        ),
    )


@login_required
@require_POST
def hearing_cancel_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return _act(
        request,
        hearing_id,
        _("Hearing cancelled."),
        lambda: hearing_cancel(
            actor=_user(request), hearing_id=hearing_id, reason=request.POST.get("reason", "")
        ),
    )


@login_required
@require_POST
def hearing_connection_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    participant = _int(request.POST.get("participant"))
    if participant is None:
        return _bad(request, "participant")
    return _act(
        request,
        hearing_id,
        _("Connection recorded."),
        lambda: connection_record(
            actor=_user(request),
            hearing_id=hearing_id,
            participant_id=participant,
            place=request.POST.get("place", ""),
        ),
    )


@login_required
@require_POST
def hearing_safeguard_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    data = request.POST
    details: dict[str, Any] = {
        key: data[key]
        for key in ("document", "language", "interpreter", "laws", "channel", "oath", "date")
        if data.get(key)
    }
    for flag in ("right_to_remain_silent", "consent"):
        if data.get(flag) == "yes":
            details[flag] = True
    return _act(
        request,
        hearing_id,
        _("Step recorded."),
        lambda: safeguard_record(
            actor=_user(request),
            hearing_id=hearing_id,
            step=data.get("step", ""),
            note=data.get("note", ""),
            details=details,
        ),
    )


@login_required
@require_POST
def hearing_minutes_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return _act(
        request,
        hearing_id,
        _("Minutes drawn up, signed and sent."),
        lambda: minutes_draw_up(
            actor=_user(request), hearing_id=hearing_id, language=request.POST.get("language", "")
        ),
    )


@login_required
@require_POST
def hearing_participant_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("web:hearing_detail", hearing_id=hearing_id)
    data = form.cleaned_data
    person = ParticipantInput(
        role=data["role"],
        name=data["name"],
        joins_from=data["joins_from"],
        time_zone=data["time_zone"].strip(),
        languages=data["languages"],
        interpreter_id=data.get("interpreter"),
    )
    return _act(
        request,
        hearing_id,
        _("Participant added."),
        lambda: participant_add(actor=_user(request), hearing_id=hearing_id, person=person),
    )


@login_required
@require_POST
def hearing_change_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    form = ChangeForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("web:hearing_detail", hearing_id=hearing_id)
    data = form.cleaned_data
    return _act(
        request,
        hearing_id,
        _("Change of the slot sent to the other State."),
        lambda: hearing_change(
            actor=_user(request),
            hearing_id=hearing_id,
            start=data["start"],
            minutes=data["minutes"],
            reason=data["reason"],
        ),
    )


@login_required
@require_POST
def hearing_interruption_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    form = InterruptionForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("web:hearing_detail", hearing_id=hearing_id)
    data = form.cleaned_data
    return _act(
        request,
        hearing_id,
        _("Interruption recorded."),
        lambda: interruption_record(
            actor=_user(request),
            hearing_id=hearing_id,
            cause=data["cause"],
            started_at=data["started_at"],
            ended_at=data["ended_at"],
        ),
    )


@login_required
@require_POST
def hearing_recording_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    form = RecordingForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("web:hearing_detail", hearing_id=hearing_id)
    data = form.cleaned_data
    return _act(
        request,
        hearing_id,
        _("Recording bound to the hearing."),
        lambda: recording_bind(
            actor=_user(request), hearing_id=hearing_id, sha256=data["sha256"], place=data["place"]
        ),
    )


@login_required
@require_POST
def hearing_join_view(request: HttpRequest, hearing_id: int) -> HttpResponse:
    """One participant's join link, made on this click and shown once: never stored, sent or
    logged (the audit says only that it was issued); the page is not cached and its link
    sends no referrer."""
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _bad(request, "participant")
    participant = form.cleaned_data["participant"]
    try:
        url = hearing_join_url(
            actor=_user(request), hearing_id=hearing_id, participant_id=participant
        )
    except DomainError as err:
        if err.code in ("hearing.not_found", "case.not_found"):
            return error_page(request, err)
        domain_message(request, err)
        return redirect("web:hearing_detail", hearing_id=hearing_id)
    response = render(
        request,
        "web/hearings/join.html",
        {"url": url, "hearing_id": hearing_id, "participant": participant},
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def interpreter_availability_view(request: HttpRequest) -> HttpResponse:
    form = AvailabilityForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("web:hearing_interpreters")
    data = form.cleaned_data
    try:
        availability_add(
            actor=_user(request),
            interpreter_id=data["interpreter"],
            start=data["start"],
            end=data["end"],
        )
    except DomainError as err:
        if err.code == "hearing.register_forbidden":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("Availability recorded."))
    return redirect("web:hearing_interpreters")


@login_required
@require_GET
def hearing_invitation(request: HttpRequest, hearing_id: int) -> HttpResponse:
    try:
        data = hearing_invitation_for(actor=_user(request), hearing_id=hearing_id)
    except DomainError as err:
        return error_page(request, err)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = f'attachment; filename="hearing-{hearing_id}.ics"'
    return response


@login_required
def interpreters(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            interpreter_register(
                actor=_user(request),
                name=request.POST.get("name", ""),
                language_pairs=request.POST.get("language_pairs", ""),
                accreditation=request.POST.get("accreditation", ""),
                email=request.POST.get("email", ""),
                time_zone=request.POST.get("time_zone", "") or "UTC",
            )
        except DomainError as err:
            if err.code == "hearing.register_forbidden":
                return error_page(request, err)
            domain_message(request, err)
        else:
            messages.success(request, _("Interpreter added to the register."))
        return redirect("web:hearing_interpreters")
    try:
        rows = interpreters_for(actor=_user(request))
    except DomainError as err:
        return error_page(request, err)
    return render(
        request,
        "web/hearings/interpreters.html",
        {
            "interpreters": rows,
            "availability_form": AvailabilityForm(
                initial={"time_zone": "UTC"}, interpreters=tuple(rows), auto_id="av-%s"
            ),
        },
    )
