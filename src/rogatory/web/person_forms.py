"""The person page's form: the person, and as many identity documents as they hold.

On the "open a request" page each person row carries one document (a nested formset there
would be a formset per row); here, on the page of one person, documents are a formset of their
own, so a person with a passport and an identity card is recorded whole.
"""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.choices import DocumentType, PersonFileKind
from rogatory.apps.cases.models import Person
from rogatory.apps.cases.services.inputs import IdDocumentInput, NameInput, PersonInput
from rogatory.apps.directory.models import State
from rogatory.apps.directory.selectors import state_list
from rogatory.web.forms import OptionalRowForm, PersonForm, StateField, blank

# A person holds few identity documents; the bound keeps a forged row count cheap.
MAX_DOCUMENTS = 20
DOCUMENT_PREFIX = "documents"


class IdDocumentForm(OptionalRowForm):
    type = forms.ChoiceField(
        label=_("Identity document"), choices=blank(DocumentType.choices), required=False
    )
    number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    issuing_state = StateField(
        label=_("Issuing State"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="—",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["issuing_state"]
        field.queryset = state_list()

    REQUIRED_WHEN_FILLED = {
        "type": _("Choose the type of the document."),
        "number": _("Give the document number."),
    }

    def to_input(self) -> IdDocumentInput:
        state = self.cleaned_data.get("issuing_state")
        return IdDocumentInput(
            self.cleaned_data["type"], self.cleaned_data["number"], state.code if state else None
        )


IdDocumentFormSet = forms.formset_factory(
    IdDocumentForm, extra=1, max_num=MAX_DOCUMENTS, absolute_max=MAX_DOCUMENTS, validate_max=True
)


class PersonPageForm(PersonForm):
    """PersonForm without its one-document fields: the documents formset holds them."""

    SERVICE_FIELDS = {
        "names": "full_name",
        "names[0].full_name": "full_name",
        "names[0].role": "full_name",
        "names[1].full_name": "alias",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("document_type", "document_number", "document_state"):
            del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self) or {}
        if not data.get("full_name") and not data.get("latin"):
            self.add_error("full_name", _("Give the person's name."))
        return data

    def person_input(self, documents: Any) -> PersonInput:
        d = self.cleaned_data
        original = d["full_name"] or d["latin"]
        latin = d["latin"] if d["full_name"] else ""
        names = [NameInput(original, "original_script" if latin else "primary", latin)]
        if d["alias"]:
            names.append(NameInput(d["alias"], "alias"))
        return PersonInput(
            role=d["role"],
            names=names,
            gender=d["gender"],
            birth_date=d["birth_date"].strip(),
            birth_place=d["birth_place"],
            location=d["location"],
            nationalities=[s.code for s in d["nationalities"]],
            documents=[f.to_input() for f in documents.forms if not f.is_blank()],
            father_name=d["father_name"],
            mother_name=d["mother_name"],
            physical_description=d["physical_description"],
        )


def with_extra_document(data: QueryDict) -> QueryDict:
    """The posted data with one more (blank) document row, for "Add another document"."""
    data = data.copy()
    key = f"{DOCUMENT_PREFIX}-TOTAL_FORMS"
    count = data.get(key, "0") or "0"
    # A forged count adds no row; the formset then says what is wrong, never a 500.
    if count.isascii() and count.isdigit() and int(count) < MAX_DOCUMENTS:
        data[key] = str(int(count) + 1)
    return data


def person_initial(person: Person) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The stored person as the form's and the documents formset's initial values."""
    names = list(person.names.all())
    main = next((n for n in names if n.role != "alias"), names[0] if names else None)
    alias = next((n for n in names if n.role == "alias"), None)
    parts = (person.birth_year, person.birth_month, person.birth_day)
    birth = "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(parts) if v is not None)
    initial = {
        "role": person.role,
        "full_name": main.full_name if main else "",
        "latin": main.latin if main else "",
        "alias": alias.full_name if alias else "",
        "gender": person.gender,
        "birth_date": birth,
        "birth_place": person.birth_place,
        "location": person.location,
        "father_name": person.father_name,
        "mother_name": person.mother_name,
        "physical_description": person.physical_description,
        "nationalities": [n.state_id for n in person.nationalities.all()],
    }
    documents = [
        {"type": d.type, "number": d.number, "issuing_state": d.issuing_state_id}
        for d in person.documents.all()
    ]
    return initial, documents


class PersonFileForm(forms.Form):
    """A photograph or fingerprints of one person (ETS 24 art. 12(2)(c); UN Model Treaty on
    Extradition art. 5(2)(a)): JPEG or PNG, or for fingerprints an ANSI/NIST-ITL file."""

    kind = forms.ChoiceField(label=_("What the file shows"), choices=PersonFileKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to title it by what it shows and the person's name."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Photograph: JPEG or PNG. Fingerprints: JPEG or PNG, or an ANSI/NIST-ITL file "
            "(.an2, .eft)."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.an2,.eft,image/jpeg,image/png"}
        ),
    )
