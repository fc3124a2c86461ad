"""Screens of the review mechanism and the working-group programme (Secretariat node only)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rogatory.apps.review.access import check_read, check_write
from rogatory.apps.review.models import Meeting
from rogatory.apps.review.selectors import (
    dialogues_for,
    meeting_get_for,
    meetings_for,
    overview_for,
    parties_for,
    review_get_for,
    review_progress,
)
from rogatory.apps.review.services import (
    agenda_item_add,
    dialogue_add,
    document_add,
    meeting_create,
    meeting_update,
    review_draw,
    step_done,
    video_add,
    video_translation_set,
    work_slot_add,
)
from rogatory.core.errors import DomainError
from rogatory.core.review.steps import GROUP_YEARS, PHASES
from rogatory.core.review.threshold import SOURCE
from rogatory.web.date_fields import DayField
from rogatory.web.review_forms import (
    AgendaItemForm,
    DialogueForm,
    DocumentForm,
    MeetingForm,
    TranslationForm,
    VideoForm,
    WorkSlotForm,
    language_names,
)
from rogatory.web.views.common import attach_error, error_page, message_for


class DrawForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State under review"))
    phase = forms.TypedChoiceField(
        label=gettext_lazy("Phase"), coerce=int, choices=[(n, str(n)) for n in PHASES]
    )
    group_year = forms.TypedChoiceField(
        label=gettext_lazy("Group (year it started)"),
        coerce=int,
        choices=[(y, str(y)) for y in GROUP_YEARS],
    )
    started_on = DayField(label=gettext_lazy("Start of the review"), field_key="started_on")
    seed = forms.CharField(
        label=gettext_lazy("Seed of the draw"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("Leave empty for a random seed; it is recorded with the draw."),
    )

    def __init__(self, *args: Any, states: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        if isinstance(field, forms.ChoiceField):
            field.choices = states


class StepDoneForm(forms.Form):
    done_on = DayField(label=gettext_lazy("Done on"), field_key="done_on")


def _state_choices(actor: Any) -> list[tuple[str, str]]:
    return [(p.code, f"{p.name()} ({p.code})") for p in parties_for(actor=actor)]


def _overview_page(request: HttpRequest, form: DrawForm | None, status: int = 200) -> HttpResponse:
    view = overview_for(actor=request.user)
    progress = [(r, review_progress(r)) for r in view.reviews]
    return render(
        request,
        "web/review/overview.html",
        {
            "view": view,
            "progress": progress,
            "source": SOURCE,
            "form": form,
            "can_write": request.user.role == "secretariat",  # type: ignore[union-attr]
        },
        status=status,
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    try:
        check_read(request.user)
        form = (
            DrawForm(states=_state_choices(request.user))
            if request.user.role == "secretariat"  # type: ignore[union-attr]
            else None
        )
        return _overview_page(request, form)
    except DomainError as err:
        return error_page(request, err)


@login_required
@require_POST
def draw(request: HttpRequest) -> HttpResponse:
    try:
        form = DrawForm(request.POST, states=_state_choices(request.user))
    except DomainError as err:
        return error_page(request, err)
    if not form.is_valid():
        return _overview_page(request, form, status=422)
    data = form.cleaned_data
    try:
        review = review_draw(
            actor=request.user,
            state=data["state"],
            phase=data["phase"],
            group_year=data["group_year"],
            started_on=data["started_on"],
            seed=data["seed"],
        )
    except DomainError as err:
        if err.code.endswith("forbidden") or err.code == "review.not_found":
            return error_page(request, err)
        attach_error(err, form)
        return _overview_page(request, form, status=422)
    messages.success(request, _("Reviewing States drawn."))
    return redirect("web:review_detail", review_id=review.pk)


@login_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    try:
        review = review_get_for(actor=request.user, review_id=review_id)
    except DomainError as err:
        return error_page(request, err)
    steps = list(review.steps.all())
    next_step = next((s for s in steps if s.done_on is None), None)
    return render(
        request,
        "web/review/review.html",
        {
            "review": review,
            "steps": steps,
            "next_step": next_step,
            "progress": review_progress(review),
            "form": StepDoneForm() if request.user.role == "secretariat" else None,  # type: ignore[union-attr]
        },
    )


@login_required
@require_POST
def step_done_view(request: HttpRequest, review_id: int, step_id: int) -> HttpResponse:
    form = StepDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the step was done."))
        return redirect("web:review_detail", review_id=review_id)
    try:
        step_done(
            actor=request.user,
            review_id=review_id,
            step_id=step_id,
            done_on=form.cleaned_data["done_on"],
        )
    except DomainError as err:
        if err.code.endswith(("forbidden", "not_found")):
            return error_page(request, err)
        messages.error(request, message_for(err))
    else:
        messages.success(request, _("Step recorded."))
    return redirect("web:review_detail", review_id=review_id)


def _writer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "secretariat"


def _refused(err: DomainError) -> bool:
    """Errors that end on the error page (403/404) rather than next to a field."""
    return err.code == "review.not_found" or err.code.endswith(("forbidden", "not_found"))


def _put_error(err: DomainError, form: forms.Form) -> None:
    if not attach_error(err, form):
        form.add_error(None, message_for(err))


def _programme_page(
    request: HttpRequest, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    meetings = meetings_for(actor=request.user)
    dialogues = dialogues_for(actor=request.user)
    context: dict[str, Any] = {"meetings": meetings, "dialogues": dialogues}
    if _writer(request):
        context |= {"meeting_form": MeetingForm(), "dialogue_form": DialogueForm()}
        context |= bound or {}
    return render(request, "web/review/programme.html", context, status=status)


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    try:
        return _programme_page(request)
    except DomainError as err:
        return error_page(request, err)


@login_required
@require_POST
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST)
    try:
        if not form.is_valid():
            return _programme_page(request, {"meeting_form": form}, status=422)
        data = form.cleaned_data
        meeting = meeting_create(
            actor=request.user,
            body=data["body"],
            title=data["title"],
            venue=data["venue"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
    except DomainError as err:
        if _refused(err):
            return error_page(request, err)
        _put_error(err, form)
        return _programme_page(request, {"meeting_form": form}, status=422)
    messages.success(request, _("Meeting created."))
    return redirect("web:review_meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def programme_dialogue_view(request: HttpRequest) -> HttpResponse:
    form = DialogueForm(request.POST)
    try:
        if not form.is_valid():
            return _programme_page(request, {"dialogue_form": form}, status=422)
        data = form.cleaned_data
        dialogue_add(
            actor=request.user,
            topic=data["topic"],
            held_on=data["held_on"],
            summary=data["summary"],
        )
    except DomainError as err:
        if _refused(err):
            return error_page(request, err)
        _put_error(err, form)
        return _programme_page(request, {"dialogue_form": form}, status=422)
    messages.success(request, _("Constructive dialogue recorded."))
    return redirect("web:review_programme")


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    videos = list(meeting.videos.all())
    context: dict[str, Any] = {
        "meeting": meeting,
        "languages": language_names(),
        "videos": [(v, None) for v in videos],
        "can_write": _writer(request),
    }
    if _writer(request):
        bound = bound or {}
        context |= {
            "form": DocumentForm(meeting=meeting),
            "item_form": AgendaItemForm(),
            "slot_form": WorkSlotForm(meeting=meeting),
            "video_form": VideoForm(meeting=meeting, parties=parties_for(actor=request.user)),
            "dialogue_form": DialogueForm(),
        }
        context |= {k: v for k, v in bound.items() if not k.startswith("tr")}
        context["videos"] = [
            (v, bound.get(f"tr{v.pk}") or TranslationForm(prefix=f"tr{v.pk}")) for v in videos
        ]
    return render(request, "web/review/meeting.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = meeting_get_for(actor=request.user, meeting_id=meeting_id)
        return _meeting_page(request, meeting)
    except DomainError as err:
        return error_page(request, err)


def _meeting_post(
    request: HttpRequest,
    meeting_id: int,
    key: str,
    make: Callable[[Meeting], forms.Form],
    call: Callable[[Meeting, dict[str, Any]], object],
    done: str,
    anchor: str,
) -> HttpResponse:
    """Parse one of the meeting page's forms, call its service, and show the page again with
    the errors next to the fields (422) or go back to it at the section changed."""
    try:
        meeting = meeting_get_for(actor=request.user, meeting_id=meeting_id)
    except DomainError as err:
        return error_page(request, err)
    form = make(meeting)
    try:
        if not form.is_valid():
            return _meeting_page(request, meeting, {key: form}, status=422)
        call(meeting, form.cleaned_data)
    except DomainError as err:
        if _refused(err):
            return error_page(request, err)
        _put_error(err, form)
        return _meeting_page(request, meeting, {key: form}, status=422)
    messages.success(request, done)
    return redirect(reverse("web:review_meeting", kwargs={"meeting_id": meeting.pk}) + anchor)


@login_required
@require_POST
def document_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_post(
        request,
        meeting_id,
        "form",
        lambda m: DocumentForm(request.POST, meeting=m),
        lambda m, d: document_add(
            actor=request.user,
            meeting_id=m.pk,
            symbol=d["symbol"],
            title=d["title"],
            languages=list(d["languages"]),
            item_id=d["item"],
        ),
        _("Document registered."),
        "#documents-title",
    )


@login_required
@require_POST
def agenda_item_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_post(
        request,
        meeting_id,
        "item_form",
        lambda m: AgendaItemForm(request.POST),
        lambda m, d: agenda_item_add(
            actor=request.user,
            meeting_id=m.pk,
            number=d["number"],
            title=d["title"],
            annotation=d["annotation"],
        ),
        _("Agenda item added."),
        "#agenda-title",
    )


@login_required
@require_POST
def work_slot_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_post(
        request,
        meeting_id,
        "slot_form",
        lambda m: WorkSlotForm(request.POST, meeting=m),
        lambda m, d: work_slot_add(
            actor=request.user,
            meeting_id=m.pk,
            day=d["day"],
            period=d["period"],
            item_ids=list(d["items"]),
        ),
        _("Time slot added."),
        "#work-title",
    )


@login_required
@require_POST
def video_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_post(
        request,
        meeting_id,
        "video_form",
        lambda m: VideoForm(request.POST, meeting=m, parties=parties_for(actor=request.user)),
        lambda m, d: video_add(
            actor=request.user,
            meeting_id=m.pk,
            delegation=d["delegation"],
            original=d["original"],
            minutes=d["minutes"],
            item_id=d["item"],
        ),
        _("Video statement added."),
        "#videos-title",
    )


@login_required
@require_POST
def video_translation_view(request: HttpRequest, meeting_id: int, video_id: int) -> HttpResponse:
    def call(m: Meeting, d: dict[str, Any]) -> object:
        # A statement of another meeting is not found here, as if it did not exist.
        if not any(v.pk == video_id for v in m.videos.all()):
            raise DomainError("review.video_not_found", video_id=video_id)
        return video_translation_set(
            actor=request.user, video_id=video_id, language=d["language"], status=d["status"]
        )

    return _meeting_post(
        request,
        meeting_id,
        f"tr{video_id}",
        lambda m: TranslationForm(request.POST, prefix=f"tr{video_id}"),
        call,
        _("Translation status recorded."),
        "#videos-title",
    )


@login_required
@require_POST
def meeting_dialogue_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_post(
        request,
        meeting_id,
        "dialogue_form",
        lambda m: DialogueForm(request.POST),
        lambda m, d: dialogue_add(
            actor=request.user,
            meeting_id=m.pk,
            topic=d["topic"],
            held_on=d["held_on"],
            summary=d["summary"],
        ),
        _("Constructive dialogue recorded."),
        "#meeting-dialogues-title",
    )


def _meeting_form_initial(meeting: Meeting) -> dict[str, Any]:
    return {
        "body": meeting.body,
        "title": meeting.title,
        "venue": meeting.venue,
        "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
    }


@login_required
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = meeting_get_for(actor=request.user, meeting_id=meeting_id)
        if request.method != "POST":
            if not _writer(request):
                # Only the Secretariat corrects a meeting: the refusal is logged by the check.
                check_write(request.user, "review.meeting_update")
            form = MeetingForm(initial=_meeting_form_initial(meeting))
            return render(
                request, "web/review/meeting_edit.html", {"meeting": meeting, "form": form}
            )
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "web/review/meeting_edit.html",
                {"meeting": meeting, "form": form},
                status=422,
            )
        data = form.cleaned_data
        meeting_update(
            actor=request.user,
            meeting_id=meeting.pk,
            body=data["body"],
            title=data["title"],
            venue=data["venue"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
    except DomainError as err:
        if _refused(err):
            return error_page(request, err)
        _put_error(err, form)
        return render(
            request, "web/review/meeting_edit.html", {"meeting": meeting, "form": form}, status=422
        )
    messages.success(request, _("Meeting corrected."))
    return redirect("web:review_meeting", meeting_id=meeting.pk)
