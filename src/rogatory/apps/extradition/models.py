"""Competing requests: several extradition requests or arrest warrants for the same person, and
the requested State's decision between them (ETS 24 art. 17; FD 2002/584/JHA art. 16)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CompetingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")


class CompetingFile(models.Model):
    cases = models.ManyToManyField("cases.Case", related_name="competing_files")
    status = models.CharField(
        _("status"), max_length=16, choices=CompetingStatus.choices, default=CompetingStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # Case ids, the prevailing request first: the order in which the requests are to be met.
    order = models.JSONField(_("order of the requests"), default=list)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "id"]
        verbose_name = _("competing requests file")

    def __str__(self) -> str:
        return f"competing-{self.pk}"


# ---- Consultations (UNTOC arts. 16(16), 18(26); ETS 24 art. 17; FD 2002/584/JHA art. 16(2)) --


class ConsultationPurpose(models.TextChoices):
    BEFORE_REFUSAL = "before_refusal", _("Before refusal or postponement")
    COMPETING_REQUESTS = "competing_requests", _("Competing requests")


class ConsultedParty(models.TextChoices):
    REQUESTING_STATE = "requesting_state", pgettext_lazy("international law", "Requesting State")
    OTHER_STATE = "other_state", _("Another State")
    EUROJUST = "eurojust", _("Eurojust")


class Consultation(models.Model):
    """A consultation and its answer; or, where none was possible, why (UNTOC art. 16(16)
    "where appropriate")."""

    purpose = models.CharField(_("purpose"), max_length=24, choices=ConsultationPurpose.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, related_name="consultations"
    )
    competing_file = models.ForeignKey(
        CompetingFile, on_delete=models.CASCADE, null=True, related_name="consultations"
    )
    party = models.CharField(_("Consulted"), max_length=20, choices=ConsultedParty.choices)
    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asked_on = models.DateField(_("Asked on"), null=True, blank=True)
    question = models.TextField(_("What was asked"), blank=True)
    answered_on = models.DateField(_("Answered on"), null=True, blank=True)
    answer = models.TextField(_("Answer"), blank=True)
    not_possible_reason = models.TextField(_("Why no consultation was possible"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


# ---- Rule of speciality and re-extradition (ETS 24 arts. 14, 15; FD 2002/584/JHA arts. 27,
# 28) ----


class Surrender(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="surrenders")
    surrendered_on = models.DateField(_("Surrendered on"))
    offences_covered = models.TextField(_("Offences covered"))
    # CETS 209 art. 5 / FD 2002/584/JHA art. 27(3)(f): consent to surrender with an express
    # renunciation of speciality.
    speciality_waived = models.BooleanField(
        _("The person renounced the rule of speciality"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["surrendered_on", "id"]


class ConsentKind(models.TextChoices):
    # ETS 24 art. 14(1)(a): prosecution for another offence committed before surrender.
    OTHER_OFFENCE = "other_offence", _("Prosecution for another offence")
    # ETS 24 art. 15: re-extradition to another Party or a third State.
    RE_EXTRADITION = "re_extradition", _("Re-extradition to another State")


class ConsentDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class SpecialityConsent(models.Model):
    surrender = models.ForeignKey(Surrender, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("Consent to"), max_length=20, choices=ConsentKind.choices)
    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject = models.TextField(_("Offences or request concerned"))
    requested_on = models.DateField(_("Requested on"))
    decision = models.CharField(
        _("Decision"), max_length=10, choices=ConsentDecision.choices, default="pending"
    )
    decided_on = models.DateField(_("Decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["requested_on", "id"]


# ---- Detention conditions and assurances ----


class FacilityKind(models.TextChoices):
    SYSTEM = "system", _("Prison system as a whole")
    REMAND = "remand", _("Remand prison")
    POST_TRIAL = "post_trial", _("Prison after conviction")
    TRANSIT = "transit", _("Transit or first reception")
    POLICE = "police", _("Police custody")


class DetentionDossier(models.Model):
    """What the authority knows of detention in one State, for the system or one facility."""

    owner_authority = models.ForeignKey(
        "directory.CentralAuthority", on_delete=models.PROTECT, related_name="+"
    )
    state = models.ForeignKey("directory.State", on_delete=models.PROTECT, related_name="+")
    facility = models.CharField(_("Facility"), max_length=200, blank=True)
    facility_kind = models.CharField(
        _("Kind of facility"), max_length=16, choices=FacilityKind.choices, default="system"
    )
    # m² per detainee, sanitary annex excluded (Muršić; CPT/Inf (2015) 44).
    personal_space_m2 = models.DecimalField(
        _("Personal space per detainee (m²)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    multi_occupancy = models.BooleanField(_("Multi-occupancy cells"), default=True)
    findings = models.TextField(_("Other findings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state_id", "facility", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_authority", "state", "facility"], name="detention_dossier_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.facility}".strip()


class SourceKind(models.TextChoices):
    CPT_REPORT = "cpt_report", _("CPT report")
    ECTHR_JUDGMENT = "ecthr_judgment", _("ECtHR judgment")
    NATIONAL_JUDGMENT = "national_judgment", _("National judgment")
    UN_BODY = "un_body", _("UN treaty body or special procedure")
    MONITORING_BODY = "monitoring_body", _("National preventive mechanism or monitoring body")
    NGO = "ngo", _("Non-governmental organisation")
    OFFICIAL_INFORMATION = "official_information", _("Information from the requesting State")


class DetentionSource(models.Model):
    dossier = models.ForeignKey(DetentionDossier, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("Kind of source"), max_length=24, choices=SourceKind.choices)
    title = models.CharField(_("Title"), max_length=300)
    published_on = models.DateField(_("Date of the source"))
    url = models.URLField(_("Link"), max_length=500, blank=True)
    summary = models.TextField(_("Findings"), blank=True)
    personal_space_m2 = models.DecimalField(
        _("Personal space per detainee (m²)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "id"]


class GeneralRiskChoice(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    NO_GENERAL_RISK = "no_general_risk", _("No general risk")
    GENERAL_RISK = "general_risk", _("General risk found")


class IndividualRiskChoice(models.TextChoices):
    PENDING = "pending", _("Pending")
    RULED_OUT = "ruled_out", _("Risk ruled out")
    REAL_RISK = "real_risk", _("Real risk for this person")
    NOT_RULED_OUT_IN_TIME = "not_ruled_out_in_time", _("Not ruled out within a reasonable time")


class DetentionAssessment(models.Model):
    """The two steps of CJEU Aranyosi and Căldăraru for one extradition case."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="detention_assessment"
    )
    general_risk = models.CharField(
        _("General risk"), max_length=16, choices=GeneralRiskChoice.choices, default="not_assessed"
    )
    general_reasons = models.TextField(_("Reasons"), blank=True)
    general_sources = models.ManyToManyField(DetentionSource, related_name="+", blank=True)
    facility = models.ForeignKey(
        DetentionDossier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    information_requested = models.TextField(_("Supplementary information asked"), blank=True)
    information_requested_on = models.DateField(_("Asked on"), null=True, blank=True)
    information_deadline = models.DateField(_("Time limit for the answer"), null=True, blank=True)
    information_received_on = models.DateField(_("Answer received on"), null=True, blank=True)
    information_received = models.TextField(_("Answer"), blank=True)
    individual_risk = models.CharField(
        _("Individual risk"), max_length=24, choices=IndividualRiskChoice.choices, default="pending"
    )
    individual_reasons = models.TextField(_("Reasons"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)


class AssuranceLevel(models.TextChoices):
    ISSUING_JUDICIAL_AUTHORITY = "issuing_judicial", _("Issuing judicial authority")
    CENTRAL_GOVERNMENT = "central_government", _("Central government")
    MINISTRY_OF_JUSTICE = "ministry_of_justice", _("Ministry of justice")
    PRISON_ADMINISTRATION = "prison_administration", _("Prison administration")
    DIPLOMATIC = "diplomatic", _("Diplomatic note")


class Assurance(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assurances")
    given_by = models.CharField(_("Given by (authority)"), max_length=300)
    level = models.CharField(_("Level"), max_length=24, choices=AssuranceLevel.choices)
    given_on = models.DateField(_("Given on"))
    covers = models.TextField(_("What it covers"))
    facility = models.CharField(_("Facility named"), max_length=200, blank=True)
    # {factor: {"answer": "yes|no|unknown", "note": "..."}}, factors of Othman § 189.
    othman = models.JSONField(_("Othman factors"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_on", "id"]


class Compliance(models.TextChoices):
    COMPLIED = "complied", _("Assurances complied with")
    PARTLY = "partly", _("Partly complied with")
    BREACHED = "breached", _("Not complied with")


class MonitoringVisit(models.Model):
    """Monitoring after surrender: Othman § 189 weighs whether compliance can be verified."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="monitoring")
    assurance = models.ForeignKey(
        Assurance, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    visited_on = models.DateField(_("Visited on"))
    visited_by = models.CharField(_("Visited by"), max_length=300)
    findings = models.TextField(_("Findings"))
    compliance = models.CharField(_("Compliance"), max_length=10, choices=Compliance.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["visited_on", "id"]
