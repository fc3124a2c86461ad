"""Hearings by video on a case (UNTOC art. 18(18); ETS 182 art. 9; Directive 2014/41/EU
art. 24): the slot agreed between the two States, who takes part and from where, the safeguard
steps recorded, connections and interruptions, the minutes drawn up by the requested State and
a recording's hash and storage place (never the recording itself)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rogatory.core.hearings.kinds import HearingKind, HearingMode, ParticipantRole
from rogatory.core.hearings.providers import ProviderKind
from rogatory.core.hearings.safeguards import SafeguardStep


class KindChoice(models.TextChoices):
    WITNESS = HearingKind.WITNESS.value, pgettext_lazy("hearing", "Witness")
    EXPERT = HearingKind.EXPERT.value, pgettext_lazy("hearing", "Expert")
    SUSPECT_ACCUSED = HearingKind.SUSPECT_ACCUSED.value, _("Suspect or accused person")
    DETENTION = HearingKind.DETENTION.value, _("Detention hearing (extradition)")
    CONSENT_TO_SURRENDER = HearingKind.CONSENT_TO_SURRENDER.value, _("Consent to surrender")
    EXTRADITION = HearingKind.EXTRADITION.value, _("Extradition hearing")


class ModeChoice(models.TextChoices):
    VIDEO = HearingMode.VIDEO.value, _("By videoconference")
    # EU MLA Convention 2000 art. 11; ETS 182 art. 10: witnesses and experts only.
    TELEPHONE = HearingMode.TELEPHONE.value, _("By telephone conference")


class RoleChoice(models.TextChoices):
    PRESIDING_JUDGE = ParticipantRole.PRESIDING_JUDGE.value, _("Presiding judge")
    REQUESTED_JUDICIAL_OFFICER = (
        ParticipantRole.REQUESTED_JUDICIAL_OFFICER.value,
        _("Judicial officer of the requested State, present with the person"),
    )
    PROSECUTOR = ParticipantRole.PROSECUTOR.value, _("Prosecutor")
    DEFENCE_REQUESTING = (
        ParticipantRole.DEFENCE_REQUESTING.value,
        _("Defence counsel in the requesting State"),
    )
    DEFENCE_REQUESTED = (
        ParticipantRole.DEFENCE_REQUESTED.value,
        _("Defence counsel in the requested State"),
    )
    INTERPRETER = ParticipantRole.INTERPRETER.value, _("Interpreter")
    PERSON_HEARD = ParticipantRole.PERSON_HEARD.value, _("Person heard")
    TECHNICAL_CONTACT = ParticipantRole.TECHNICAL_CONTACT.value, _("Technical contact")


class StepChoice(models.TextChoices):
    ATTENDANCE = SafeguardStep.ATTENDANCE.value, _("Who joined, from where and when")
    IDENTITY = SafeguardStep.IDENTITY.value, _("Identity verified by the official present")
    INTERPRETER = SafeguardStep.INTERPRETER.value, _("Interpreter and language recorded")
    RIGHTS = SafeguardStep.RIGHTS.value, _("Rights read, including the right to remain silent")
    LAWYER_CHANNEL = SafeguardStep.LAWYER_CHANNEL.value, _("Confidential lawyer–client channel")
    CONSENT = SafeguardStep.CONSENT.value, _("Consent to the hearing by video")
    DECLARATIONS = SafeguardStep.DECLARATIONS.value, _("Declarations and oaths")
    SURRENDER_CONSENT = SafeguardStep.SURRENDER_CONSENT.value, _("Consent to surrender")
    CLOSED = SafeguardStep.CLOSED.value, _("Hearing closed")


class ProviderChoice(models.TextChoices):
    JITSI = ProviderKind.JITSI.value, "Jitsi Meet"
    BIGBLUEBUTTON = ProviderKind.BIGBLUEBUTTON.value, "BigBlueButton"
    LINK = ProviderKind.LINK.value, _("Link to another system")


class HearingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    COUNTER_PROPOSED = "counter_proposed", _("Counter-proposed")
    AGREED = "agreed", _("Agreed")
    HELD = "held", _("Held")
    MINUTES = "minutes", _("Minutes drawn up")
    CANCELLED = "cancelled", _("Cancelled")


class Interpreter(models.Model):
    """The node's register of interpreters (reference: the practical safeguards; Directive
    2010/64/EU art. 5 asks for registers of qualified interpreters)."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    # Language pairs as ISO 639-1 codes, e.g. "es-en fr-en".
    language_pairs = models.CharField(_("language pairs"), max_length=200)
    accreditation = models.CharField(_("accreditation"), max_length=300, blank=True)
    accredited_until = models.DateField(_("accredited until"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("interpreter")

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """A period the interpreter said they are free (UTC)."""

    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.CASCADE, related_name="availabilities"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start", "id"]


class Hearing(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="hearings")
    # The same on both nodes: the hearing travels by this id on the case thread.
    uid = models.CharField(max_length=32)
    kind = models.CharField(_("kind of hearing"), max_length=24, choices=KindChoice.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    # ETS 182 art. 9(2): why appearing in person is not possible or desirable.
    reason_not_in_person = models.TextField(_("why presence in person is not possible"))
    requesting_authority = models.CharField(_("requesting authority"), max_length=300)
    requested_authority = models.CharField(_("requested authority"), max_length=300)
    language = models.CharField(_("language of the hearing"), max_length=16)
    # The zone the invitation is written in (the presiding judge's).
    zone = models.CharField(_("time zone"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=HearingStatus.choices, default=HearingStatus.PROPOSED
    )
    mode = models.CharField(
        _("form of the hearing"),
        max_length=12,
        choices=ModeChoice.choices,
        default=ModeChoice.VIDEO,
    )
    # A hearing by telephone: the number to dial (sent to the other State) and the conference
    # code, local to this node like the video room (never sent nor put in an invitation).
    dial_in = models.CharField(_("dial-in number"), max_length=64, blank=True)
    conference_code = models.CharField(_("conference code"), max_length=64, blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    # iCalendar SEQUENCE: raised by each change of the agreed slot (RFC 5546).
    sequence = models.PositiveIntegerField(default=0)
    proposed_by_us = models.BooleanField()
    provider = models.CharField(
        _("conference system"), max_length=16, choices=ProviderChoice.choices, blank=True
    )
    # Unguessable, local to this node; never sent to the other State nor in an invitation.
    room = models.CharField(max_length=64, blank=True)
    # For a plain link (another system the two States agreed on).
    link = models.URLField(_("link to the conference"), blank=True)
    connection_test_at = models.DateTimeField(_("connection test"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("hearing")
        # Unique within its case: a message of one case never names another case's hearing.
        constraints = [models.UniqueConstraint(fields=["case", "uid"], name="hearing_uid_case")]

    def __str__(self) -> str:
        return f"hearing-{self.uid[:8]}"


class Slot(models.Model):
    """A slot proposed by one State or the other."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField()
    minutes = models.PositiveIntegerField()
    proposed_by_us = models.BooleanField()
    message_id = models.CharField(max_length=36, blank=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "id"]


class Participant(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("role"), max_length=32, choices=RoleChoice.choices)
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    joins_from = models.CharField(_("joins from"), max_length=300, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Added by this node (the other State's participants arrive in its messages).
    ours = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]


class SafeguardRecord(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="safeguards")
    step = models.CharField(_("step"), max_length=24, choices=StepChoice.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "step"], name="hearing_step_once")
        ]


class Connection(models.Model):
    """Who joined, from where and when (reference: audit of who was connected)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="connections")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    place = models.CharField(_("place"), max_length=300)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]


class Interruption(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="interruptions")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=500)

    class Meta:
        ordering = ["started_at", "id"]


class HearingMessage(models.Model):
    """The structured body of a hearing communication, sent or received, keyed by the exchange
    message that carried it (the case's communication row holds kind, text and time)."""

    hearing = models.ForeignKey(
        Hearing, on_delete=models.CASCADE, null=True, related_name="messages"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=36)
    kind = models.CharField(max_length=32)
    sent = models.BooleanField()
    body = models.JSONField(default=dict)
    at = models.DateTimeField()
    # Why a received body was not applied ("" when it was).
    refused = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "message_id", "sent"], name="hearing_message_once"
            )
        ]


class Minutes(models.Model):
    """The minutes drawn up by the requested State (ETS 182 art. 9(6)): a PDF on the case with
    a detached signature of the node over its SHA-256."""

    hearing = models.OneToOneField(Hearing, on_delete=models.CASCADE, related_name="minutes_of")
    document = models.ForeignKey("cases.Document", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    sha256 = models.CharField(max_length=64)
    signature = models.TextField()
    signer_node = models.CharField(max_length=100)
    # Checked against the signer's key in the node registry (ours: signed here).
    verified = models.BooleanField(default=False)
    received = models.BooleanField(default=False)
    at = models.DateTimeField()


class Recording(models.Model):
    """Where a recording is kept and its hash: the file itself never enters the database."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="recordings")
    sha256 = models.CharField(max_length=64)
    place = models.CharField(_("storage place"), max_length=500)
    bound_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    bound_at = models.DateTimeField()
