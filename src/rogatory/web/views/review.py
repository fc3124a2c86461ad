"""Screens of the review mechanism and the working-group programme (Secretariat node only)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.review.access import check_read
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
from rogatory.apps.review.services import document_add, review_draw, step_done
from rogatory.core.errors import DomainError
from rogatory.core.review.steps import GROUP_YEARS, PHASES
from rogatory.core.review.symbols import LANGUAGES
from rogatory.core.review.threshold import SOURCE
from rogatory.web.date_fields import DayField
from rogatory.web.views.common import attach_error, error_page, message_for


def _language_names() -> list[tuple[str, str]]:
    # The six UN languages; Django names Chinese by its script (zh-hans).
    return [
        (code, str(get_language_info("zh-hans" if code == "zh" else code)["name_translated"]))
        for code in LANGUAGES
    ]


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


class DocumentForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("Symbol"),
        max_length=60,
        help_text=gettext_lazy("For example CTOC/COP/WG.3/2024/2"),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages available"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    item = forms.TypedChoiceField(
        label=gettext_lazy("Agenda item"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages = self.fields["languages"]
        if isinstance(languages, forms.MultipleChoiceField):
            languages.choices = _language_names()
        item = self.fields["item"]
        if isinstance(item, forms.ChoiceField):
            item.choices = [("", "—")] + [
                (i.pk, f"{i.number}. {i.title}") for i in meeting.items.all()
            ]


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


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    try:
        meetings = meetings_for(actor=request.user)
        dialogues = dialogues_for(actor=request.user)
    except DomainError as err:
        return error_page(request, err)
    return render(
        request, "web/review/programme.html", {"meetings": meetings, "dialogues": dialogues}
    )


def _meeting_page(
    request: HttpRequest, meeting: Meeting, form: DocumentForm | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "web/review/meeting.html",
        {"meeting": meeting, "languages": _language_names(), "form": form},
        status=status,
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = meeting_get_for(actor=request.user, meeting_id=meeting_id)
    except DomainError as err:
        return error_page(request, err)
    writer = request.user.role == "secretariat"  # type: ignore[union-attr]
    return _meeting_page(request, meeting, DocumentForm(meeting=meeting) if writer else None)


@login_required
@require_POST
def document_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = meeting_get_for(actor=request.user, meeting_id=meeting_id)
    except DomainError as err:
        return error_page(request, err)
    form = DocumentForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _meeting_page(request, meeting, form, status=422)
    data = form.cleaned_data
    try:
        document_add(
            actor=request.user,
            meeting_id=meeting.pk,
            symbol=data["symbol"],
            title=data["title"],
            languages=list(data["languages"]),
            item_id=data["item"],
        )
    except DomainError as err:
        if err.code.endswith(("forbidden", "not_found")):
            return error_page(request, err)
        attach_error(err, form)
        return _meeting_page(request, meeting, form, status=422)
    messages.success(request, _("Document registered."))
    return redirect("web:review_meeting", meeting_id=meeting.pk)
