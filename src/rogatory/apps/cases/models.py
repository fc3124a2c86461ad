from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rogatory.apps.cases.choices import (
    Custody,
    DatePrecision,
    DirectionChoice,
    DocumentType,
    ExtraditionPurpose,
    GroundChoice,
    KindChoice,
    LegalBasis,
    LinkType,
    MeasureType,
    NameRole,
    PersonFileKind,
    PersonRole,
    StatusChoice,
    TranslationStatus,
    Urgency,
    WarrantKind,
)
from rogatory.apps.cases.clock_choices import ClockBasisChoice, EventKindChoice
from rogatory.apps.cases.nationality_choices import FollowUpKind, FollowUpStatus
from rogatory.core.wire.communication import CommunicationKind


class Case(models.Model):
    """An incoming or outgoing request. Only `case_transition` changes `status`."""

    direction = models.CharField(_("direction"), max_length=16, choices=DirectionChoice.choices)
    kind = models.CharField(_("type of request"), max_length=32, choices=KindChoice.choices)
    status = models.CharField(_("status"), max_length=40, choices=StatusChoice.choices)
    legal_bases = models.JSONField(_("legal basis"), default=list)
    treaty = models.CharField(_("treaty"), max_length=300, blank=True)
    requesting_state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("international law", "requesting State"),
    )
    requested_state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("international law", "requested State"),
    )
    requesting_authority = models.ForeignKey(
        "directory.CentralAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requesting authority"),
    )
    requested_authority = models.ForeignKey(
        "directory.CentralAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested authority"),
    )
    # The central authority of this node that holds the case file.
    owner_authority = models.ForeignKey(
        "directory.CentralAuthority",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("central authority"),
    )
    our_reference = models.CharField(_("our reference"), max_length=64, unique=True)
    their_reference = models.CharField(_("their reference"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=300)
    # UNTOC art. 18(15)(b)-(c): subject matter and summary of the relevant facts.
    subject = models.TextField(_("subject matter of the proceedings"), blank=True)
    facts = models.TextField(_("summary of facts"), blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    urgency_reason = models.TextField(_("reason for urgency"), blank=True)
    custody = models.CharField(
        _("custody"), max_length=16, choices=Custody.choices, default=Custody.NOT_APPLICABLE
    )
    # UNTOC art. 18(20): the requesting State may ask that the request be kept confidential.
    confidential = models.BooleanField(_("confidentiality requested"), default=False)
    # Sealed cases are visible only to their team, not to every supervisor and auditor.
    sealed = models.BooleanField(_("sealed"), default=False)
    # UNTOC art. 18(24): a deadline suggested by the requesting State.
    requested_by = models.DateTimeField(_("execution requested by"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case officer"),
    )
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=48, choices=GroundChoice.choices, blank=True
    )
    # Earliest open deadline, kept by the service for lists and filters.
    due_at = models.DateTimeField(_("next deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    # The instrument whose time limits govern custody between the two States; blank: the
    # legal bases decide (UNTOC alone sets no period, art. 16(9)) or the officer must choose.
    time_limit_basis = models.CharField(
        _("time limits under"), max_length=24, choices=ClockBasisChoice.choices, blank=True
    )
    # --- What a complete request says (issue 17; wire schema 1.1). ---
    # UNTOC art. 18(15)(a): the identity of the authority making the request, as the letter
    # names it (the directory entry above does not travel).
    requesting_authority_name = models.CharField(
        _("requesting authority (as named in the request)"), max_length=300, blank=True
    )
    # UNTOC art. 18(15)(b): name and functions of the authority conducting the proceedings.
    proceedings_authority = models.CharField(
        _("authority conducting the proceedings"), max_length=300, blank=True
    )
    proceedings_authority_functions = models.CharField(
        _("functions of that authority"), max_length=300, blank=True
    )
    # UNTOC art. 18(14): the language of the request and those of its translations.
    request_language = models.CharField(_("language of the request"), max_length=8, blank=True)
    translation_languages = models.JSONField(_("languages of the translations"), default=list)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_function = models.CharField(_("function of the contact"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=64, blank=True)
    contact_email = models.CharField(_("contact e-mail"), max_length=254, blank=True)
    # UNTOC arts. 16(1) and 18(9): why the conduct is an offence in the requested State too.
    dual_criminality = models.TextField(_("dual criminality"), blank=True)
    # UNTOC art. 18(19): the uses to which the evidence will be put, and no other.
    use_limits = models.TextField(_("limits on use"), blank=True)
    # Extradition: ETS 24 art. 12(2)(a); UN Model Treaty on Extradition art. 5(2).
    warrant_kind = models.CharField(
        _("warrant or judgment"), max_length=24, choices=WarrantKind.choices, blank=True
    )
    warrant_date = models.DateField(_("date of the warrant or judgment"), null=True, blank=True)
    warrant_court = models.CharField(_("issuing court"), max_length=300, blank=True)
    warrant_enforceable = models.BooleanField(_("enforceable"), default=False)
    extradition_purpose = models.CharField(
        _("purpose of the extradition"),
        max_length=16,
        choices=ExtraditionPurpose.choices,
        blank=True,
    )
    sentence_remaining = models.CharField(
        _("sentence remaining to be served"), max_length=200, blank=True
    )
    assurance_death_penalty = models.TextField(_("assurance on the death penalty"), blank=True)
    assurance_speciality = models.TextField(_("assurance of speciality"), blank=True)
    interpol_notice = models.CharField(_("INTERPOL notice"), max_length=64, blank=True)
    # Four eyes (issue 17): the SHA-256 of the canonical wire payload the supervisor approved;
    # any change afterwards withdraws the approval (rogatory.apps.cases.services.transition).
    approved_hash = models.CharField(_("approved version"), max_length=64, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["owner_authority", "sealed", "id"], name="case_owner_idx"),
            models.Index(fields=["kind", "id"], name="case_kind_idx"),
            models.Index(fields=["status", "id"], name="case_status_idx"),
            models.Index(fields=["direction", "id"], name="case_direction_idx"),
            models.Index(fields=["requesting_state", "id"], name="case_requesting_idx"),
            models.Index(fields=["requested_state", "id"], name="case_requested_idx"),
            models.Index(fields=["officer", "id"], name="case_officer_idx"),
            models.Index(
                fields=["due_at"], name="case_due_open_idx", condition=Q(due_at__isnull=False)
            ),
            # Serves the "soonest deadline first" keyset order of the case list (an ascending
            # B-tree already puts NULLs last on PostgreSQL).
            models.Index(fields=["due_at", "id"], name="case_due_order_idx"),
            # A status or type filter with the deadline order reads one index range in order.
            models.Index(fields=["status", "due_at", "id"], name="case_status_due_idx"),
            models.Index(fields=["kind", "due_at", "id"], name="case_kind_due_idx"),
        ]

    def __str__(self) -> str:
        return self.our_reference

    @property
    def legal_basis_labels(self) -> list[str]:
        labels = dict(LegalBasis.choices)
        return [str(labels.get(b, b)) for b in self.legal_bases]


class CaseGrant(models.Model):
    """Membership of a case's team. Revoking keeps the row, so history stays auditable."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case grant")
        indexes = [models.Index(fields=["user", "case"], name="grant_user_case_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(revoked_at__isnull=True),
                name="grant_one_active_per_user",
            )
        ]


class Person(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role in the case"), max_length=32, choices=PersonRole.choices)
    gender = models.CharField(_("gender"), max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    location = models.CharField(_("known location"), max_length=300, blank=True)
    # Arabic names are built on the father's name; both parents' names tell namesakes apart.
    father_name = models.CharField(_("father's name"), max_length=300, blank=True)
    mother_name = models.CharField(_("mother's name"), max_length=300, blank=True)
    # UN Model Treaty on Extradition art. 5(2)(a).
    physical_description = models.TextField(_("physical description"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    @property
    def birth_precision(self) -> str | None:
        if self.birth_year is None:
            return None
        if self.birth_month is None:
            return DatePrecision.YEAR
        return DatePrecision.MONTH if self.birth_day is None else DatePrecision.DAY

    @property
    def birth_date_text(self) -> str:
        parts = [self.birth_year, self.birth_month, self.birth_day]
        shown = [f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts) if p is not None]
        return "-".join(shown)

    @property
    def display_name(self) -> str:
        first = next(iter(self.names.all()), None)
        return first.full_name if first else ""


class PersonName(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    role = models.CharField(_("kind of name"), max_length=20, choices=NameRole.choices)
    full_name = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=16, blank=True)
    latin = models.CharField(_("Latin form"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]


class Nationality(models.Model):
    """One of possibly several nationalities, with acquisition and loss (reference §3.1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nationalities")
    state = models.ForeignKey("directory.State", on_delete=models.PROTECT, related_name="+")
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    lost_on = models.DateField(_("lost on"), null=True, blank=True)
    # What shows the nationality (certificate, passport, the requesting State's statement), so
    # the bar of UNTOC art. 16(10) and ETS 24 art. 6(1) is applied on evidence, not assertion.
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["id"]


class IdentityDocument(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(_("number"), max_length=64)
    # Separators removed, upper case, O->0 and I->1 as in machine-readable zones.
    number_normalised = models.CharField(max_length=64, db_index=True)
    issuing_state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]


class Offence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="offences")
    description = models.TextField(_("facts of the offence"))
    legal_provisions = models.TextField(_("legal provisions"), blank=True)
    # UNTOC art. 2(b): serious crime = maximum of at least four years' deprivation of liberty.
    max_penalty_months = models.PositiveIntegerField(
        _("maximum penalty (months)"), null=True, blank=True
    )
    max_penalty_life = models.BooleanField(_("maximum penalty: life"), default=False)
    place = models.CharField(_("place of commission"), max_length=200, blank=True)
    committed_on = models.DateField(_("date of commission"), null=True, blank=True)
    # ETS 24 art. 12(2)(b): the offence's legal qualification, apart from the facts.
    legal_qualification = models.CharField(_("legal qualification"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]


class Measure(models.Model):
    """One measure of assistance requested, with its purpose (UNTOC art. 18(15)(d), (f))."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    type = models.CharField(_("measure"), max_length=32, choices=MeasureType.choices)
    description = models.TextField(_("description"))
    purpose = models.TextField(_("purpose"), blank=True)
    procedure = models.TextField(_("procedure to follow"), blank=True)

    class Meta:
        ordering = ["id"]


def _document_path(instance: "Document", filename: str) -> str:
    return f"cases/{instance.case_id}/{instance.sha256}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    language = models.CharField(_("language"), max_length=8, blank=True)
    file = models.FileField(upload_to=_document_path, max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # What reached the other State (issue 15): the exchange message that first carried the
    # file, sent by us or received, and the communication it went with (None: the request).
    message_id = models.CharField(max_length=36, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    communication = models.ForeignKey(
        "Communication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    # A file from the other State: the SHA-256 its signed manifest declared (as sent), next
    # to ``sha256`` computed here from the stored file (as received): chain of custody.
    received = models.BooleanField(default=False)
    sent_sha256 = models.CharField(max_length=64, blank=True)
    # The photograph or fingerprints of a person of the case (issue 17): ETS 24 art. 12(2)(c)
    # and UN Model Treaty on Extradition art. 5(2)(a) ask for as accurate a description as
    # possible of the person sought. A person removed from a draft leaves the file on the case.
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("person"),
    )
    person_file = models.CharField(
        _("identifies the person by"), max_length=16, choices=PersonFileKind.choices, blank=True
    )

    class Meta:
        ordering = ["id"]


class CaseLink(models.Model):
    source = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    type = models.CharField(_("link"), max_length=20, choices=LinkType.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "type"], name="case_link_unique")
        ]


class CaseEvent(models.Model):
    """The case's timeline: every status change, with who, when, why and on what ground."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # "received_" or "sent_" and a communication kind (the longest, confidentiality_required,
    # needs 33): PostgreSQL refuses what SQLite would keep.
    kind = models.CharField(max_length=48)
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40, blank=True)
    reason = models.TextField(blank=True)
    ground = models.CharField(max_length=48, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    code = models.CharField(max_length=64)
    source = models.CharField(_("source"), max_length=200)
    practice = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(_("due"))
    met_at = models.DateTimeField(null=True, blank=True)
    # A legal clock's last day in the node's State (due_at is the end of the last working day
    # on or before it, when the authority must have acted); None for practice deadlines.
    last_day = models.DateField(_("last day"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(
                fields=["due_at"], name="deadline_open_idx", condition=Q(met_at__isnull=True)
            )
        ]


class SearchTerm(models.Model):
    """Normalised words of a case's references, names and facts, for full-text search.

    A term table (rather than a database-specific text index) behaves the same on SQLite and
    PostgreSQL, and a prefix lookup on it uses an ordinary B-tree index.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=48)

    class Meta:
        # On PostgreSQL the column uses the "C" collation (migration 0002), so this one B-tree
        # answers exact terms, prefixes (LIKE 'abc%') and ordered scans of terms alike.
        indexes = [models.Index(fields=["term", "case"], name="search_term_c_idx")]
        constraints = [models.UniqueConstraint(fields=["case", "term"], name="search_term_unique")]


class CommunicationKindChoice(models.TextChoices):
    ACKNOWLEDGEMENT = CommunicationKind.ACKNOWLEDGEMENT.value, _("Acknowledgement")
    INFORMATION_REQUEST = (
        CommunicationKind.INFORMATION_REQUEST.value,
        _("Request for additional information"),
    )
    INFORMATION_ANSWER = CommunicationKind.INFORMATION_ANSWER.value, _("Additional information")
    POSTPONEMENT = CommunicationKind.POSTPONEMENT.value, _("Postponement")
    WITHDRAWAL = CommunicationKind.WITHDRAWAL.value, _("Withdrawal of the request")
    PARTIAL_EXECUTION = CommunicationKind.PARTIAL_EXECUTION.value, _("Partial execution")
    FINAL_EXECUTION = CommunicationKind.FINAL_EXECUTION.value, _("Final execution")
    CLOSURE = CommunicationKind.CLOSURE.value, _("Closure")
    CONSULTATION = (
        CommunicationKind.CONSULTATION.value,
        _("Consultation before a refusal or postponement"),
    )
    CONSULTATION_ANSWER = (
        CommunicationKind.CONSULTATION_ANSWER.value,
        _("Answer to the consultation"),
    )
    CONDITIONS_PROPOSED = CommunicationKind.CONDITIONS_PROPOSED.value, _("Conditions proposed")
    CONDITIONS_ACCEPTED = CommunicationKind.CONDITIONS_ACCEPTED.value, _("Conditions accepted")
    CONFIDENTIALITY_REQUIRED = (
        CommunicationKind.CONFIDENTIALITY_REQUIRED.value,
        _("Confidentiality required"),
    )
    CONFIDENTIALITY_CANNOT = (
        CommunicationKind.CONFIDENTIALITY_CANNOT.value,
        _("Confidentiality cannot be kept"),
    )
    USE_CONSENT_REQUEST = (
        CommunicationKind.USE_CONSENT_REQUEST.value,
        _("Request for consent to use the evidence in other proceedings"),
    )
    USE_CONSENT = CommunicationKind.USE_CONSENT.value, _("Consent to use the evidence")
    URGENCY = CommunicationKind.URGENCY.value, _("Urgency raised")
    SUPPLEMENTARY_REQUEST = (
        CommunicationKind.SUPPLEMENTARY_REQUEST.value,
        _("Supplementary request"),
    )
    IN_PROGRESS = CommunicationKind.IN_PROGRESS.value, _("Request in progress")
    EXTRADITION_GRANTED = CommunicationKind.EXTRADITION_GRANTED.value, _("Extradition granted")
    SURRENDER = CommunicationKind.SURRENDER.value, _("Surrender carried out")
    PROVISIONAL_ARREST_CONFIRMED = (
        CommunicationKind.PROVISIONAL_ARREST_CONFIRMED.value,
        _("Provisional arrest confirmed"),
    )
    SURRENDER_DATE_AGREED = (
        CommunicationKind.SURRENDER_DATE_AGREED.value,
        _("Date agreed for surrender"),
    )
    # A video hearing's scheduling and minutes travel on the case thread (apps.hearings).
    HEARING_PROPOSAL = CommunicationKind.HEARING_PROPOSAL.value, _("Hearing: proposal")
    HEARING_COUNTER_PROPOSAL = (
        CommunicationKind.HEARING_COUNTER_PROPOSAL.value,
        _("Hearing: counter-proposal"),
    )
    HEARING_ACCEPTANCE = CommunicationKind.HEARING_ACCEPTANCE.value, _("Hearing: slot accepted")
    HEARING_CHANGE = CommunicationKind.HEARING_CHANGE.value, _("Hearing: slot changed")
    HEARING_CANCELLATION = CommunicationKind.HEARING_CANCELLATION.value, _("Hearing: cancellation")
    HEARING_MINUTES = CommunicationKind.HEARING_MINUTES.value, _("Hearing: signed minutes")


class Communication(models.Model):
    """One communication of a case with the other State after the request (UNTOC art. 18(13):
    the request "and any communication related thereto"), sent or received; by exchange its
    ``message_id`` names the signed, receipted message that carried it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(_("kind"), max_length=32, choices=CommunicationKindChoice.choices)
    sent = models.BooleanField(_("sent by us"))
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)
    # The sender's reference of the case (an acknowledgement gives the requested State's).
    reference = models.CharField(_("their reference"), max_length=64, blank=True)
    contact = models.CharField(_("contact officer"), max_length=300, blank=True)
    message_id = models.CharField(max_length=36, blank=True, db_index=True)
    in_reply_to = models.CharField(max_length=36, blank=True)

    class Meta:
        verbose_name = _("communication")
        ordering = ["at", "id"]


class WorkQueue(models.TextChoices):
    """The dashboard's work queues; a notification says which one a case landed in."""

    APPROVE = "approve", _("Drafts waiting for my approval")
    REGISTER = "register", _("Incoming requests to register")
    ASSIGN = "assign", _("Requests to assign")
    MINE = "mine", _("My cases by next deadline")
    FAILED_MESSAGES = "failed_messages", _("Messages that failed to send")
    MATCHES = "matches", _("Possible same persons to review")
    DEADLINE_SOON = "deadline_soon", _("Time limits about to expire")
    DEADLINE_PASSED = "deadline_passed", _("Time limits passed")


class Notification(models.Model):
    """An in-app notice that a case landed in one of the user's work queues.

    Written by the service that puts the work there; shown only while the user may still see
    the case (selectors filter on `visible_cases_q`), so a sealed or reassigned case leaks
    nothing through a notice written before.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    queue = models.CharField(_("queue"), max_length=20, choices=WorkQueue.choices)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True),
            )
        ]
        constraints = [
            # One unread notice per user, case and queue, whoever writes it: under row
            # security the writer cannot see a colleague's notice to skip it.
            models.UniqueConstraint(
                fields=["user", "case", "queue"],
                name="notification_one_unread",
                condition=Q(read_at__isnull=True),
            )
        ]


class CaseEventDate(models.Model):
    """The date of an event that starts or stops a legal clock, as an officer entered it.

    One row per kind: a correction replaces the date, and the audit log keeps the old one.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="event_dates")
    kind = models.CharField(_("event"), max_length=32, choices=EventKindChoice.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("event date")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="case_event_date_one_per_kind")
        ]


class NationalityFollowUp(models.Model):
    """A step that follows from the person's nationality, tracked to its outcome: submission for
    prosecution (UNTOC art. 16(10)), conditional surrender (16(11)), enforcement of the sentence
    (16(12)) or consular notification (Vienna Convention on Consular Relations art. 36)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="nationality_follow_ups")
    kind = models.CharField(_("kind"), max_length=32, choices=FollowUpKind.choices)
    # The State whose consul is informed; empty for the other kinds.
    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    # For art. 16(10), the day the requesting State asked for the submission.
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nationality follow-up")
        ordering = ["opened_on", "id"]


class DocumentTranslation(models.Model):
    """A document's translation into one language, tracked from need to certification
    (UNTOC art. 18(14): a language acceptable to the requested State)."""

    original = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="translations")
    target_language = models.CharField(_("target language"), max_length=8)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.NEEDED,
    )
    translator = models.CharField(_("translator"), max_length=300, blank=True)
    # The translated file, a document of the same case, once there is one.
    translation = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["original", "target_language"], name="translation_one_per_language"
            )
        ]
