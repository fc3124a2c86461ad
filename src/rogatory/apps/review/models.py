"""The Secretariat's register of the Implementation Review Mechanism (COP resolution 9/1, annex)
and of the working groups' programme. Rules live in rogatory.core.review; these rows hold what
was decided, drawn and done."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from rogatory.core.review.parties import Instrument as CoreInstrument
from rogatory.core.review.parties import RegionalGroup as CoreGroup
from rogatory.core.review.steps import Cluster as CoreCluster
from rogatory.core.review.steps import StepKind as CoreStep


class RegionalGroup(models.TextChoices):
    AFRICAN = CoreGroup.AFRICAN.value, _("African States")
    ASIA_PACIFIC = CoreGroup.ASIA_PACIFIC.value, _("Asia-Pacific States")
    EASTERN_EUROPEAN = CoreGroup.EASTERN_EUROPEAN.value, _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = (
        CoreGroup.LATIN_AMERICAN_CARIBBEAN.value,
        _("Latin American and Caribbean States"),
    )
    WESTERN_EUROPEAN_OTHERS = (
        CoreGroup.WESTERN_EUROPEAN_OTHERS.value,
        _("Western European and other States"),
    )


class Instrument(models.TextChoices):
    UNTOC = CoreInstrument.UNTOC.value, _("UNTOC")
    TRAFFICKING = CoreInstrument.TRAFFICKING.value, _("Trafficking in Persons Protocol")
    SMUGGLING = CoreInstrument.SMUGGLING.value, _("Smuggling of Migrants Protocol")
    FIREARMS = CoreInstrument.FIREARMS.value, _("Firearms Protocol")


class Cluster(models.IntegerChoices):
    CRIMINALIZATION_JURISDICTION = (
        CoreCluster.CRIMINALIZATION_JURISDICTION.value,
        _("Criminalization and jurisdiction"),
    )
    PREVENTION_ASSISTANCE_PROTECTION = (
        CoreCluster.PREVENTION_ASSISTANCE_PROTECTION.value,
        _("Prevention, technical assistance, protection and other measures"),
    )
    LAW_ENFORCEMENT_JUDICIAL = (
        CoreCluster.LAW_ENFORCEMENT_JUDICIAL.value,
        _("Law enforcement and the judicial system"),
    )
    INTERNATIONAL_COOPERATION = (
        CoreCluster.INTERNATIONAL_COOPERATION.value,
        _("International cooperation, mutual legal assistance and confiscation"),
    )


class StepKind(models.TextChoices):
    FOCAL_POINT = CoreStep.FOCAL_POINT.value, _("Focal point appointed")
    EXPERTS = CoreStep.EXPERTS.value, _("Governmental experts appointed")
    SELF_ASSESSMENT = CoreStep.SELF_ASSESSMENT.value, _("Self-assessment questionnaire answered")
    WRITTEN_FEEDBACK = CoreStep.WRITTEN_FEEDBACK.value, _("Written feedback given")
    LIST_OF_OBSERVATIONS = CoreStep.LIST_OF_OBSERVATIONS.value, _("List of observations")
    SUMMARY = CoreStep.SUMMARY.value, _("Summary")


class StateParty(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    names = models.JSONField(_("names"), default=dict)
    regional_group = models.CharField(
        _("regional group"), max_length=32, choices=RegionalGroup.choices
    )
    instruments = models.JSONField(_("instruments"), default=list)
    # An illustrative entry still to check against the depositary, or a fictional demo State.
    example = models.BooleanField(default=True)
    fictional = models.BooleanField(default=False)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = pgettext_lazy("international law", "State party")

    def __str__(self) -> str:
        return self.name()

    def name(self) -> str:
        lang = (get_language() or "en").lower()
        names: dict[str, str] = self.names or {}
        return names.get(lang) or names.get(lang.split("-")[0]) or names.get("en") or self.code


class Phase(models.Model):
    number = models.PositiveSmallIntegerField(_("phase"), primary_key=True)
    cluster = models.PositiveSmallIntegerField(_("cluster"), choices=Cluster.choices)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    # Procedures para. 10 counts the reviews "scheduled at the start" of a phase: the figure is
    # fixed when the phase starts, so reviews added later do not move the threshold.
    scheduled = models.PositiveIntegerField(_("reviews scheduled at the start"), default=0)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"phase {self.number}"


class CountryReview(models.Model):
    state = models.ForeignKey(StateParty, on_delete=models.PROTECT, related_name="reviews")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="reviews")
    group_year = models.PositiveSmallIntegerField(_("group (year it started)"))
    started_on = models.DateField(_("started on"))
    seed = models.CharField(_("seed of the draw"), max_length=64)
    draw_log = models.JSONField(default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phase_id", "group_year", "state_id"]
        constraints = [
            models.UniqueConstraint(fields=["state", "phase"], name="review_one_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.state_id} phase {self.phase_id}"

    @property
    def completed_on(self) -> object:
        for s in self.steps.all():
            if s.kind == StepKind.SUMMARY:
                return s.done_on
        return None


class ReviewerAssignment(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="reviewers")
    instrument = models.CharField(_("instrument"), max_length=16, choices=Instrument.choices)
    slot = models.CharField(max_length=16)
    reviewer = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, null=True, related_name="reviewing"
    )

    class Meta:
        ordering = ["review_id", "id"]


class ReviewStep(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=24, choices=StepKind.choices)
    position = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["review_id", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="review_step_once")]


# ---- Working-group programme ----


class WorkingGroup(models.TextChoices):
    INTERNATIONAL_COOPERATION = (
        "international_cooperation",
        _("Working Group on International Cooperation"),
    )
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Working Group on Technical Assistance")
    TRAFFICKING = "trafficking", _("Working Group on Trafficking in Persons")
    SMUGGLING = "smuggling", _("Working Group on the Smuggling of Migrants")
    FIREARMS = "firearms", _("Working Group on Firearms")


class Meeting(models.Model):
    body = models.CharField(_("working group"), max_length=32, choices=WorkingGroup.choices)
    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=120, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("item"))
    title = models.CharField(_("title"), max_length=300)
    annotation = models.TextField(_("annotation"), blank=True)

    class Meta:
        ordering = ["meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number")
        ]


class Period(models.TextChoices):
    # The values sort in the order of the day (slots are ordered by day, then period).
    MORNING = "am", _("10 a.m.–1 p.m.")
    AFTERNOON = "pm", _("3–6 p.m.")


class WorkSlot(models.Model):
    """Organization of work: which items are taken up on which day and in which meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField(_("day"))
    period = models.CharField(_("time"), max_length=16, choices=Period.choices)
    items = models.ManyToManyField(AgendaItem, related_name="slots")

    class Meta:
        ordering = ["meeting_id", "day", "period"]


class Document(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    symbol = models.CharField(_("symbol"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    # Language codes of rogatory.core.review.symbols.LANGUAGES in which the document is issued.
    languages = models.JSONField(_("languages available"), default=list)

    class Meta:
        ordering = ["meeting_id", "symbol"]


class TranslationStatus(models.TextChoices):
    ORIGINAL = "original", _("original")
    DONE = "done", _("translated")
    IN_PROGRESS = "in_progress", _("in progress")
    NOT_STARTED = "not_started", _("not started")


class VideoStatement(models.Model):
    """A delegation's pre-recorded statement, with the state of its translation into each of the
    six languages ({language code: TranslationStatus})."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="videos")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="videos"
    )
    delegation = models.ForeignKey(StateParty, on_delete=models.PROTECT, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=5)
    translations = models.JSONField(default=dict)

    class Meta:
        ordering = ["meeting_id", "id"]


class DialogueTopic(models.TextChoices):
    """The five constructive dialogues (Procedures para. 53)."""

    FIREARMS = "firearms", _("Firearms")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    INTERNATIONAL_COOPERATION = "international_cooperation", _("International cooperation")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Smuggling of migrants")


class ConstructiveDialogue(models.Model):
    """Held after a working-group session with NGOs, academia and the private sector; its summary
    goes to the next working group (Procedures para. 53)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="dialogues"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=DialogueTopic.choices)
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-held_on", "id"]


# ---- Reminders to the Secretariat ----


class NoticeKind(models.TextChoices):
    """How close a step is to its time limit when the Secretariat is told (once per kind)."""

    DUE_SOON = "due_soon", _("Review step due within 7 days")
    DUE_TODAY = "due_today", _("Review step due today")
    OVERDUE = "overdue", _("Review step overdue")


class ReviewNotice(models.Model):
    """An in-app notice to a Secretariat user that a step of a country review nears or passed
    its time limit. Case notifications (rogatory.apps.cases.models.Notification) belong to a
    case and are shown only to those who may open it; a review step is no case and the
    Secretariat sees none, hence this register of its own, listed on the same page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_notices"
    )
    step = models.ForeignKey(ReviewStep, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "step", "kind"], name="review_notice_once_per_kind"
            )
        ]
