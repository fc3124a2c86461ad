"""Forms of the detention screens: dossiers and sources, the two-step assessment of a case,
assurances with the Othman checklist, monitoring, consultations and speciality."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.directory.models import State
from rogatory.apps.directory.selectors import state_list
from rogatory.apps.extradition.models import (
    Assurance,
    AssuranceLevel,
    Compliance,
    ConsentDecision,
    ConsentKind,
    ConsultedParty,
    DetentionDossier,
    DetentionSource,
    FacilityKind,
    GeneralRiskChoice,
    IndividualRiskChoice,
    SourceKind,
    Surrender,
)
from rogatory.core.extradition.detention import Answer, OthmanFactor
from rogatory.web.date_fields import DayField
from rogatory.web.forms import StateField

_TEXT = 10000
_SPACE_HELP = _("Square metres per detainee, sanitary annex excluded.")


def _textarea(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _state_field(label: Any, *, required: bool = True) -> StateField:
    return StateField(
        label=label,
        queryset=State.objects.none(),
        to_field_name="code",
        required=required,
        empty_label="—",
    )


def _space_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Personal space per detainee (m²)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_SPACE_HELP,
    )


class DossierForm(forms.Form):
    state = _state_field(_("State"))
    facility = forms.CharField(
        label=_("Facility"),
        required=False,
        max_length=200,
        help_text=_("Leave empty for the prison system as a whole."),
    )
    facility_kind = forms.ChoiceField(label=_("Kind of facility"), choices=FacilityKind.choices)
    personal_space_m2 = _space_field()
    multi_occupancy = forms.BooleanField(
        label=_("Multi-occupancy cells"), required=False, initial=True
    )
    findings = _textarea(_("Other findings"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["state"]
        field.queryset = state_list()

    @classmethod
    def of(cls, dossier: DetentionDossier) -> "DossierForm":
        return cls(
            initial={
                "state": dossier.state_id,
                "facility": dossier.facility,
                "facility_kind": dossier.facility_kind,
                "personal_space_m2": dossier.personal_space_m2,
                "multi_occupancy": dossier.multi_occupancy,
                "findings": dossier.findings,
            }
        )


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of source"), choices=SourceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    published_on = DayField(field_key="published_on", label=_("Date of the source"))
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    summary = _textarea(_("Findings"), required=False)
    personal_space_m2 = _space_field()


class GeneralRiskForm(forms.Form):
    general_risk = forms.ChoiceField(
        label=_("General risk"),
        choices=[c for c in GeneralRiskChoice.choices if c[0] != GeneralRiskChoice.NOT_ASSESSED],
    )
    sources = forms.TypedMultipleChoiceField(
        label=_("Sources relied on"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    facility = forms.TypedChoiceField(
        label=_("Facility where the person would be held"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    reasons = _textarea(_("Reasons"))

    def __init__(self, *args: Any, dossiers: Iterable[DetentionDossier] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        dossiers = list(dossiers)
        sources: list[DetentionSource] = [s for d in dossiers for s in d.sources.all()]
        field: Any = self.fields["sources"]
        field.choices = [(s.pk, f"{s.title} ({s.published_on.isoformat()})") for s in sources]
        facility: Any = self.fields["facility"]
        facility.choices = [("", "—")] + [(d.pk, d.facility or str(_("System"))) for d in dossiers]


class InformationRequestForm(forms.Form):
    asked = _textarea(
        _("Supplementary information asked"),
        help_text=_(
            "Facility, cell size and occupancy, sanitary facilities, time out of cell, medical "
            "care, monitoring (FD 2002/584/JHA art. 15(2))."
        ),
    )
    requested_on = DayField(field_key="requested_on", label=_("Asked on"))
    deadline = DayField(field_key="deadline", label=_("Time limit for the answer"))


class InformationReceivedForm(forms.Form):
    received_on = DayField(field_key="received_on", label=_("Answer received on"))
    answer = _textarea(_("Answer"))


class IndividualRiskForm(forms.Form):
    individual_risk = forms.ChoiceField(
        label=_("Individual risk"),
        choices=[c for c in IndividualRiskChoice.choices if c[0] != IndividualRiskChoice.PENDING],
    )
    reasons = _textarea(_("Reasons"))


OTHMAN_LABELS: dict[OthmanFactor, Any] = {
    OthmanFactor.TERMS_DISCLOSED: _("Have the terms of the assurance been disclosed?"),
    OthmanFactor.SPECIFIC: _("Is the assurance specific rather than general and vague?"),
    OthmanFactor.GIVER_CAN_BIND_STATE: _("Can whoever gave it bind the State?"),
    OthmanFactor.LOCAL_AUTHORITIES_WILL_ABIDE: _(
        "If given by the central government, can local authorities be expected to abide by it?"
    ),
    OthmanFactor.TREATMENT_LEGAL_IN_STATE: _(
        "Does it concern treatment that is legal in the requesting State?"
    ),
    OthmanFactor.GIVEN_BY_CONTRACTING_STATE: _(
        "Was it given by a State party to the European Convention on Human Rights?"
    ),
    OthmanFactor.RELATIONS_AND_COMPLIANCE_RECORD: _(
        "Do the length and strength of relations, and past compliance, support it?"
    ),
    OthmanFactor.OBJECTIVELY_VERIFIABLE: _(
        "Can compliance be verified objectively (diplomatic or monitoring visits, lawyers)?"
    ),
    OthmanFactor.EFFECTIVE_PROTECTION_SYSTEM: _(
        "Is there an effective system against torture, and does the State cooperate with "
        "international monitors?"
    ),
    OthmanFactor.NOT_PREVIOUSLY_ILL_TREATED: _(
        "Has the person not been ill-treated before in the requesting State?"
    ),
    OthmanFactor.RELIABILITY_EXAMINED_BY_COURTS: _(
        "Have domestic courts examined the reliability of the assurance?"
    ),
}

ANSWER_CHOICES = [
    (Answer.UNKNOWN.value, _("Not known")),
    (Answer.YES.value, _("Yes")),
    (Answer.NO.value, _("No")),
]


class AssuranceForm(forms.Form):
    given_by = forms.CharField(label=_("Given by (authority)"), max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=AssuranceLevel.choices)
    given_on = DayField(field_key="given_on", label=_("Given on"))
    covers = _textarea(_("What it covers"))
    facility = forms.CharField(label=_("Facility named"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for factor in OthmanFactor:
            self.fields[f"othman_{factor.value}"] = forms.ChoiceField(
                label=OTHMAN_LABELS[factor], choices=ANSWER_CHOICES, initial=Answer.UNKNOWN.value
            )
            self.fields[f"note_{factor.value}"] = forms.CharField(
                label=_("Note"), required=False, max_length=2000
            )

    def othman(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {f.value: (data[f"othman_{f.value}"], data[f"note_{f.value}"]) for f in OthmanFactor}

    def factor_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"othman_{f.value}"], self[f"note_{f.value}"]) for f in OthmanFactor]


class MonitoringForm(forms.Form):
    visited_on = DayField(field_key="visited_on", label=_("Visited on"))
    visited_by = forms.CharField(label=_("Visited by"), max_length=300)
    compliance = forms.ChoiceField(label=_("Compliance"), choices=Compliance.choices)
    assurance = forms.TypedChoiceField(
        label=_("Assurance verified"), coerce=int, required=False, empty_value=None
    )
    findings = _textarea(_("Findings"))

    def __init__(self, *args: Any, assurances: Iterable[Assurance] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["assurance"]
        field.choices = [("", "—")] + [
            (a.pk, f"{a.given_by} ({a.given_on.isoformat()})") for a in assurances
        ]


class ConsultationForm(forms.Form):
    """Before refusal: the requesting State consulted, or why that was not possible."""

    asked_on = DayField(field_key="asked_on", label=_("Asked on"), required=False)
    question = _textarea(_("What was asked"), required=False)
    answered_on = DayField(field_key="answered_on", label=_("Answered on"), required=False)
    answer = _textarea(_("Answer"), required=False)
    not_possible_reason = _textarea(
        _("Why no consultation was possible"),
        required=False,
        help_text=_("Only where no consultation was held."),
    )


class CompetingConsultationForm(forms.Form):
    party = forms.ChoiceField(
        label=_("Consulted"),
        choices=[c for c in ConsultedParty.choices if c[0] != ConsultedParty.REQUESTING_STATE]
        + [(ConsultedParty.REQUESTING_STATE.value, ConsultedParty.REQUESTING_STATE.label)],
    )
    state = _state_field(_("State"), required=False)
    asked_on = DayField(field_key="asked_on", label=_("Asked on"))
    question = _textarea(_("What was asked"))
    answered_on = DayField(field_key="answered_on", label=_("Answered on"), required=False)
    answer = _textarea(_("Answer"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["state"]
        field.queryset = state_list()


class SurrenderForm(forms.Form):
    surrendered_on = DayField(field_key="surrendered_on", label=_("Surrendered on"))
    offences_covered = _textarea(_("Offences covered"))
    speciality_waived = forms.BooleanField(
        label=_("The person renounced the rule of speciality"), required=False
    )


class ConsentForm(forms.Form):
    surrender = forms.TypedChoiceField(label=_("Surrender"), coerce=int)
    kind = forms.ChoiceField(label=_("Consent to"), choices=ConsentKind.choices)
    state = _state_field(_("State"), required=False)
    subject = _textarea(_("Offences or request concerned"))
    requested_on = DayField(field_key="requested_on", label=_("Requested on"))
    decision = forms.ChoiceField(label=_("Decision"), choices=ConsentDecision.choices)
    decided_on = DayField(field_key="decided_on", label=_("Decided on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, surrenders: Iterable[Surrender] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["surrender"]
        field.choices = [(s.pk, s.surrendered_on.isoformat()) for s in surrenders]
        state: Any = self.fields["state"]
        state.queryset = state_list()
