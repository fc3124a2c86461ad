"""Web forms: they parse input into the plain records the services take; the services validate.

Field names follow the service parameters, so a DomainError's `field` lands on the right control.
"""

from datetime import UTC, datetime, time
from typing import Any

import pycountry
from babel import Locale
from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy, to_locale
from django.utils.translation import gettext_lazy as _

from rogatory.apps.accounts.models import Role, User
from rogatory.apps.cases.choices import (
    Custody,
    DirectionChoice,
    DocumentType,
    ExtraditionPurpose,
    GroundChoice,
    KindChoice,
    LegalBasis,
    MeasureType,
    PersonRole,
    StatusChoice,
    TranslationStatus,
    Urgency,
    WarrantKind,
)
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.apps.cases.wire import DETAILS
from rogatory.apps.directory.models import CentralAuthority, State
from rogatory.apps.directory.selectors import authority_list, state_list
from rogatory.core.workflow import CaseKind, CaseState, Transition
from rogatory.core.workflow.grounds import grounds_for
from rogatory.web.date_fields import DayField, PartialDateField

BLANK: list[tuple[str, Any]] = [("", "—")]


def blank(choices: Any) -> list[tuple[str, Any]]:
    """The choices with an empty first option, for optional selects."""
    return [*BLANK, *choices]


class OptionalRowForm(forms.Form):
    """A row of a formset that may be left empty: a blank row is left out, a filled one must
    give each field of ``REQUIRED_WHEN_FILLED`` (field name -> the message when it is missing)."""

    REQUIRED_WHEN_FILLED: dict[str, Any] = {}

    def is_blank(self) -> bool:
        return not self.has_changed()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_blank():
            for name, message in self.REQUIRED_WHEN_FILLED.items():
                if not data.get(name):
                    self.add_error(name, message)
        return data


class StateField(forms.ModelChoiceField):  # type: ignore[type-arg]  # reason: stubs generic
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name()} ({obj.code})"


class StatesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # reason: stubs
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name()} ({obj.code})"


class AuthorityField(forms.ModelChoiceField):  # type: ignore[type-arg]  # reason: stubs generic
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.state_id})"


class DateInput(forms.DateInput):
    input_type = "date"


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search references, names and facts"), required=False)
    kind = forms.ChoiceField(
        label=_("Type of request"), choices=blank(KindChoice.choices), required=False
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=blank(DirectionChoice.choices), required=False
    )
    state = StateField(
        label=pgettext_lazy("international law", "State"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="—",
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=blank(StatusChoice.choices), required=False
    )
    officer = forms.ModelChoiceField(
        label=_("Case officer"), queryset=User.objects.none(), required=False, empty_label="—"
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=blank(Urgency.choices), required=False)
    custody = forms.ChoiceField(label=_("Custody"), choices=blank(Custody.choices), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            # Without a choice, a search lists the best matches first (web.views.cases).
            ("relevance", _("Best match first")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("due", _("Nearest deadline first")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = state_list()  # type: ignore[attr-defined]  # reason: stubs
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]  # reason: stubs

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "q": data.get("q") or None,
            "kind": data.get("kind") or None,
            "direction": data.get("direction") or None,
            "state": data["state"].code if data.get("state") else None,
            "status": data.get("status") or None,
            "officer": data["officer"].pk if data.get("officer") else None,
            "urgency": data.get("urgency") or None,
            "custody": data.get("custody") or None,
        }


def _day_end(day: Any) -> Any:
    if day is None:
        return None
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def language_choices() -> list[tuple[str, str]]:
    """Every ISO 639-1 language, named in the reader's language (CLDR via babel): a request
    may be in any language the requested State accepts, not only the six of the interface."""
    locale = Locale.parse(to_locale(get_language() or "en"))
    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    named = [(c, locale.languages.get(c) or c) for c in codes]
    return sorted(((c, f"{n} ({c})") for c, n in named), key=lambda item: item[1].casefold())


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=lambda: blank(language_choices()), **kwargs)


class LanguagesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=language_choices, **kwargs)


# Fields of a request of one family of kinds only (issue 17): an extradition request has a
# warrant or judgment and assurances, and no deadline for execution; assistance has the
# authority conducting the proceedings, limits on use and a deadline (UNTOC art. 18(24)).
_EXTRADITION_ONLY = (
    "warrant_kind",
    "warrant_date",
    "warrant_court",
    "warrant_enforceable",
    "extradition_purpose",
    "sentence_remaining",
    "assurance_death_penalty",
    "assurance_speciality",
    "interpol_notice",
)
_ASSISTANCE_ONLY = ("requested_by", "use_limits")
_TEXT = {"rows": 2}


def _drop_for_kind(form: forms.Form, kind: str | None) -> None:
    if kind is None:
        return
    k = CaseKind(kind)
    if k.is_extradition:
        drop: tuple[str, ...] = _ASSISTANCE_ONLY
    elif k is CaseKind.TRANSFER_OF_SENTENCED_PERSONS:
        drop = (*_ASSISTANCE_ONLY, "extradition_purpose", "assurance_death_penalty")
    else:
        drop = _EXTRADITION_ONLY
    if k is not CaseKind.EXTRADITION:
        drop = (*drop, "extradition_purpose")
    for name in dict.fromkeys(drop):
        form.fields.pop(name, None)


class CaseEditForm(forms.Form):
    """The descriptive fields that `case_update` may change."""

    title = forms.CharField(label=_("Title"), max_length=300)
    their_reference = forms.CharField(label=_("Their reference"), max_length=64, required=False)
    legal_bases = forms.MultipleChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    treaty = forms.CharField(label=_("Treaty"), max_length=300, required=False)
    subject = forms.CharField(
        label=_("Subject matter of the proceedings"), widget=forms.Textarea, required=False
    )
    facts = forms.CharField(label=_("Summary of facts"), widget=forms.Textarea, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    urgency_reason = forms.CharField(
        label=_("Reason for urgency"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    custody = forms.ChoiceField(label=_("Custody"), choices=Custody.choices)
    confidential = forms.BooleanField(label=_("Confidentiality requested"), required=False)
    requested_by = forms.DateField(
        label=_("Execution requested by"), widget=DateInput, required=False
    )
    # --- issue 17: what a complete request says (UNTOC art. 18(14)-(15), ETS 24 art. 12) ---
    requesting_authority_name = forms.CharField(
        label=_("Authority making the request"),
        max_length=300,
        required=False,
        help_text=_("As it signs the request (UNTOC art. 18(15)(a))."),
    )
    proceedings_authority = forms.CharField(
        label=_("Authority conducting the proceedings"), max_length=300, required=False
    )
    proceedings_authority_functions = forms.CharField(
        label=_("Functions of that authority"), max_length=300, required=False
    )
    request_language = LanguageField(label=_("Language of the request"), required=False)
    translation_languages = LanguagesField(
        label=_("Languages of the translations attached"), required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_function = forms.CharField(
        label=_("Function of the contact person"), max_length=200, required=False
    )
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=64, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254, required=False)
    dual_criminality = forms.CharField(
        label=_("Dual criminality"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
        help_text=_("Why the conduct is also an offence under the requested State's law."),
    )
    use_limits = forms.CharField(
        label=_("Limits on use"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
        help_text=_("The proceedings for which the evidence will be used (UNTOC art. 18(19))."),
    )
    warrant_kind = forms.ChoiceField(
        label=_("Warrant or judgment"), choices=blank(WarrantKind.choices), required=False
    )
    warrant_date = DayField(
        label=_("Date of the warrant or judgment"), field_key="warrant_date", required=False
    )
    warrant_court = forms.CharField(label=_("Issuing court"), max_length=300, required=False)
    warrant_enforceable = forms.BooleanField(label=_("Enforceable"), required=False)
    extradition_purpose = forms.ChoiceField(
        label=_("Extradition sought for"),
        choices=blank(ExtraditionPurpose.choices),
        required=False,
    )
    sentence_remaining = forms.CharField(
        label=_("Sentence remaining to be served"), max_length=200, required=False
    )
    assurance_death_penalty = forms.CharField(
        label=_("Assurance on the death penalty"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
    )
    assurance_speciality = forms.CharField(
        label=_("Assurance of speciality"), widget=forms.Textarea(attrs=_TEXT), required=False
    )
    interpol_notice = forms.CharField(
        label=_("INTERPOL notice reference"), max_length=64, required=False
    )

    def __init__(self, *args: Any, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_for_kind(self, kind)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        initial = {name: getattr(case, name) for name in cls.base_fields}
        initial["requested_by"] = case.requested_by.date() if case.requested_by else None
        return initial

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["legal_bases"] = sorted(data["legal_bases"])
        if "requested_by" in data:
            data["requested_by"] = _day_end(data.get("requested_by"))
        return data


class CaseForm(CaseEditForm):
    """The request itself; persons, offences and measures come in formsets beside it."""

    field_order = [
        "title",
        "requesting_state",
        "requested_state",
        "requesting_authority",
        "requested_authority",
        "their_reference",
        "legal_bases",
        "treaty",
        "subject",
        "facts",
        "urgency",
        "urgency_reason",
        "custody",
        "confidential",
        "sealed",
        "requested_by",
        "requesting_authority_name",
        "proceedings_authority",
        "proceedings_authority_functions",
        "request_language",
        "translation_languages",
        "contact_name",
        "contact_function",
        "contact_phone",
        "contact_email",
        "dual_criminality",
        "use_limits",
        *_EXTRADITION_ONLY,
    ]

    requesting_state = StateField(
        label=pgettext_lazy("international law", "Requesting State"),
        queryset=State.objects.none(),
        to_field_name="code",
    )
    requested_state = StateField(
        label=pgettext_lazy("international law", "Requested State"),
        queryset=State.objects.none(),
        to_field_name="code",
    )
    requesting_authority = AuthorityField(
        label=_("Requesting authority"), queryset=CentralAuthority.objects.none(), required=False
    )
    requested_authority = AuthorityField(
        label=_("Requested authority"), queryset=CentralAuthority.objects.none(), required=False
    )
    legal_bases = forms.MultipleChoiceField(
        label=_("Legal basis"),
        choices=LegalBasis.choices,
        help_text=_("Choose one or more (Ctrl or Command to select several)."),
    )
    sealed = forms.BooleanField(
        label=_("Sealed"),
        required=False,
        help_text=_("Only the team of the case can see a sealed case."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("requesting_state", "requested_state"):
            self.fields[name].queryset = state_list()  # type: ignore[attr-defined]  # reason: stubs
        for name in ("requesting_authority", "requested_authority"):
            self.fields[name].queryset = authority_list()  # type: ignore[attr-defined]  # reason

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "requesting_state": d["requesting_state"].code,
            "requested_state": d["requested_state"].code,
            "requesting_authority_id": d["requesting_authority"].pk
            if d.get("requesting_authority")
            else None,
            "requested_authority_id": d["requested_authority"].pk
            if d.get("requested_authority")
            else None,
            "their_reference": d["their_reference"],
            "legal_bases": list(d["legal_bases"]),
            "treaty": d["treaty"],
            "subject": d["subject"],
            "facts": d["facts"],
            "urgency": d["urgency"],
            "urgency_reason": d["urgency_reason"],
            "custody": d["custody"],
            "confidential": d["confidential"],
            "sealed": d["sealed"],
            "requested_by": _day_end(d.get("requested_by")),
            **{
                name: d[name]
                for name in (
                    "requesting_authority_name",
                    *DETAILS,
                )
                if name in d
            },
        }


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the case"), choices=PersonRole.choices)
    full_name = forms.CharField(
        label=_("Name in original script"),
        max_length=300,
        required=False,
        help_text=_("As written in the person's documents, in any script."),
    )
    latin = forms.CharField(label=_("Name in Latin letters"), max_length=300, required=False)
    alias = forms.CharField(label=_("Alias"), max_length=300, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", "—"), ("f", _("Female")), ("m", _("Male")), ("x", _("Other"))],
        required=False,
    )
    birth_date = PartialDateField(label=_("Date of birth"), field_key="birth_date", required=False)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=200, required=False)
    location = forms.CharField(label=_("Known location"), max_length=300, required=False)
    father_name = forms.CharField(label=_("Father's name"), max_length=300, required=False)
    mother_name = forms.CharField(label=_("Mother's name"), max_length=300, required=False)
    physical_description = forms.CharField(
        label=_("Physical description"), widget=forms.Textarea(attrs=_TEXT), required=False
    )
    nationalities = StatesField(
        label=_("Nationalities"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Choose every nationality the person holds."),
    )
    document_type = forms.ChoiceField(
        label=_("Identity document"), choices=blank(DocumentType.choices), required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    document_state = StateField(
        label=_("Issuing State"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="—",
    )

    # DomainError fields inside one person, as the service names them.
    SERVICE_FIELDS = {
        "names": "full_name",
        "names[0].full_name": "full_name",
        "names[0].role": "full_name",
        "names[1].full_name": "alias",
        "documents[0].type": "document_type",
        "documents[0].number": "document_number",
        "documents[0].issuing_state": "document_state",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("nationalities", "document_state"):
            self.fields[name].queryset = state_list()  # type: ignore[attr-defined]  # reason: stubs

    def is_blank(self) -> bool:
        return not self.has_changed()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_blank() and not data.get("full_name") and not data.get("latin"):
            self.add_error("full_name", _("Give the person's name."))
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Choose the type of the document."))
        return data

    def to_input(self) -> PersonInput:
        d = self.cleaned_data
        original = d["full_name"] or d["latin"]
        latin = d["latin"] if d["full_name"] else ""
        names = [NameInput(original, "original_script" if latin else "primary", latin)]
        if d["alias"]:
            names.append(NameInput(d["alias"], "alias"))
        documents = []
        if d["document_type"]:
            state = d.get("document_state")
            documents.append(
                IdDocumentInput(d["document_type"], d["document_number"], state and state.code)
            )
        return PersonInput(
            role=d["role"],
            names=names,
            gender=d["gender"],
            birth_date=d["birth_date"].strip(),
            birth_place=d["birth_place"],
            location=d["location"],
            nationalities=[s.code for s in d["nationalities"]],
            documents=documents,
            father_name=d["father_name"],
            mother_name=d["mother_name"],
            physical_description=d["physical_description"],
        )


class OffenceForm(OptionalRowForm):
    description = forms.CharField(
        label=_("Facts of the offence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    legal_provisions = forms.CharField(
        label=_("Legal provisions"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    max_penalty_months = forms.IntegerField(
        label=_("Maximum penalty (months)"), min_value=0, max_value=2400, required=False
    )
    max_penalty_life = forms.BooleanField(label=_("Maximum penalty: life"), required=False)
    place = forms.CharField(label=_("Place of commission"), max_length=200, required=False)
    committed_on = DayField(label=_("Date of commission"), field_key="committed_on", required=False)
    legal_qualification = forms.CharField(
        label=_("Legal qualification"),
        max_length=300,
        required=False,
        help_text=_("The name of the offence in law, apart from the facts."),
    )

    SERVICE_FIELDS: dict[str, str] = {}
    REQUIRED_WHEN_FILLED = {"description": _("Describe the facts of the offence.")}

    def to_input(self) -> OffenceInput:
        return OffenceInput(**self.cleaned_data)


class MeasureForm(OptionalRowForm):
    type = forms.ChoiceField(label=_("Measure"), choices=blank(MeasureType.choices), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    procedure = forms.CharField(
        label=_("Procedure to follow"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    SERVICE_FIELDS: dict[str, str] = {}
    REQUIRED_WHEN_FILLED = {
        "type": _("Choose the measure requested."),
        "description": _("Describe the measure."),
    }

    def to_input(self) -> MeasureInput:
        return MeasureInput(**self.cleaned_data)


# Rows a form may carry: generous for a real request, and a bound on the work a forged row
# count can cause (Django builds every row the management form announces, up to
# ``absolute_max``; issue 14 finding 9 took 75 s per request with the default of 1,000).
MAX_FORM_ROWS = 100
PersonFormSet = forms.formset_factory(
    PersonForm, extra=1, max_num=MAX_FORM_ROWS, absolute_max=MAX_FORM_ROWS, validate_max=True
)
OffenceFormSet = forms.formset_factory(
    OffenceForm, extra=1, max_num=MAX_FORM_ROWS, absolute_max=MAX_FORM_ROWS, validate_max=True
)
MeasureFormSet = forms.formset_factory(
    MeasureForm, extra=1, max_num=MAX_FORM_ROWS, absolute_max=MAX_FORM_ROWS, validate_max=True
)
FORMSETS: dict[str, Any] = {
    "persons": PersonFormSet,
    "offences": OffenceFormSet,
    "measures": MeasureFormSet,
}


def kind_has_measures(kind: str) -> bool:
    return not CaseKind(kind).is_extradition


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    ground = forms.ChoiceField(label=_("Ground for refusal"), choices=(), required=False)
    officer = forms.ModelChoiceField(
        label=_("Case officer"), queryset=User.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, case: Case, transition: Transition, officers: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields["reason"].required = transition.reason_required
        if transition.reason_required:
            self.fields["reason"].help_text = _("Required: it is recorded in the timeline.")
        if transition.ground_required:
            labels = dict(GroundChoice.choices)
            extradition = CaseKind(case.kind).is_extradition
            self.fields["ground"].choices = BLANK + [  # type: ignore[attr-defined]  # reason
                (g.ground.value, f"{labels[g.ground.value]} ({g.article})")
                for g in grounds_for(extradition=extradition)
            ]
            self.fields["ground"].required = True
        else:
            del self.fields["ground"]
        if transition.target is CaseState.ASSIGNED:
            self.fields["officer"].queryset = officers  # type: ignore[attr-defined]  # reason
            self.fields["officer"].required = True
        else:
            del self.fields["officer"]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        officer = d.get("officer")
        return {
            "reason": d.get("reason", ""),
            "ground": d.get("ground") or None,
            "officer_id": officer.pk if officer else None,
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the document"),
        choices=BLANK + [(code, name) for code, name in settings.LANGUAGES],
        required=False,
    )
    file = forms.FileField(label=_("File"))


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Colleague"), queryset=User.objects.none())

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = colleagues  # type: ignore[attr-defined]  # reason: stubs


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class UserForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    authority = AuthorityField(
        label=_("Central authority"), queryset=CentralAuthority.objects.none(), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authority_list()  # type: ignore[attr-defined]  # reason

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "full_name": d["full_name"],
            "role": d["role"],
            "authority_id": d["authority"].pk if d.get("authority") else None,
            "language": d["language"],
        }


class UserCreateForm(UserForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        min_length=12,
        help_text=_("At least 12 characters; ask the user to change it."),
    )
    field_order = ["username", "full_name", "password", "role", "authority", "language"]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **super().service_kwargs(),
            "username": self.cleaned_data["username"],
            "password": self.cleaned_data["password"],
        }


class TranslationRequestForm(forms.Form):
    """Ask for a translation of one document of the case (issue 17)."""

    document = forms.TypedChoiceField(label=_("Document"), coerce=int)
    target_language = LanguageField(label=_("Translate into"))

    def __init__(self, *args: Any, documents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(d.pk, d.title) for d in documents]  # type: ignore[attr-defined]  # reason: stubs


class TranslationStepForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=TranslationStatus.choices)
    translator = forms.CharField(label=_("Translator"), max_length=300, required=False)
    translation_document = forms.TypedChoiceField(
        label=_("Translated file"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, documents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["translation_document"].choices = blank(  # type: ignore[attr-defined]  # reason: stubs
            [(d.pk, d.title) for d in documents]
        )
