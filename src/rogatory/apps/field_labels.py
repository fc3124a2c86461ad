"""The name a reader sees for the field a DomainError names.

Services name fields by their path in the input (``persons[0].birth_date``), so the edges can
put an error on the right control; a message shows the field as the form labels it ("Date of
birth of person 1"), in the reader's language. A path with no label here is shown as it is.
"""

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

# The same words as the labels of the web forms, so one translation serves both.
LABELS: dict[str, Any] = {
    "title": gettext_lazy("Title"),
    "legal_bases": gettext_lazy("Legal basis"),
    "urgency": gettext_lazy("Urgency"),
    "custody": gettext_lazy("Custody"),
    "requesting_state": pgettext_lazy("international law", "Requesting State"),
    "requested_state": pgettext_lazy("international law", "Requested State"),
    "requesting_authority": gettext_lazy("Requesting authority"),
    "requested_authority": gettext_lazy("Requested authority"),
    "requested_by": gettext_lazy("Execution requested by"),
    "role": gettext_lazy("Role in the case"),
    "names": gettext_lazy("Name in original script"),
    "names.full_name": gettext_lazy("Name in original script"),
    "names.latin": gettext_lazy("Name in Latin letters"),
    "gender": gettext_lazy("Gender"),
    "birth_date": gettext_lazy("Date of birth"),
    "birth_place": gettext_lazy("Place of birth"),
    "location": gettext_lazy("Known location"),
    "nationalities": gettext_lazy("Nationalities"),
    "documents": gettext_lazy("Identity document"),
    "documents.type": gettext_lazy("Identity document"),
    "documents.number": gettext_lazy("Document number"),
    "documents.issuing_state": gettext_lazy("Issuing State"),
    "description": gettext_lazy("Description"),
    "legal_provisions": gettext_lazy("Legal provisions"),
    "max_penalty_months": gettext_lazy("Maximum penalty (months)"),
    "place": gettext_lazy("Place of commission"),
    "committed_on": gettext_lazy("Date of commission"),
    "offence.description": gettext_lazy("Facts of the offence"),
    "measure.type": gettext_lazy("Measure"),
    "purpose": gettext_lazy("Purpose"),
    "procedure": gettext_lazy("Procedure to follow"),
    "state": pgettext_lazy("international law", "State"),
    "acquired_on": gettext_lazy("Acquired on"),
    "lost_on": gettext_lazy("Lost on"),
    "evidence": gettext_lazy("Evidence"),
    "opened_on": gettext_lazy("Opened on"),
    "closed_on": gettext_lazy("Closed on"),
    "outcome": gettext_lazy("Outcome"),
    # Issue 17: what a complete request says (the labels of rogatory.web.forms.CaseEditForm).
    "requesting_authority_name": gettext_lazy("Authority making the request"),
    "proceedings_authority": gettext_lazy("Authority conducting the proceedings"),
    "proceedings_authority_functions": gettext_lazy("Functions of that authority"),
    "request_language": gettext_lazy("Language of the request"),
    "translation_languages": gettext_lazy("Languages of the translations attached"),
    "contact_name": gettext_lazy("Contact person"),
    "contact_function": gettext_lazy("Function of the contact person"),
    "contact_phone": gettext_lazy("Contact telephone"),
    "contact_email": gettext_lazy("Contact e-mail"),
    "dual_criminality": gettext_lazy("Dual criminality"),
    "use_limits": gettext_lazy("Limits on use"),
    "warrant_kind": gettext_lazy("Warrant or judgment"),
    "warrant_date": gettext_lazy("Date of the warrant or judgment"),
    "warrant_court": gettext_lazy("Issuing court"),
    "extradition_purpose": gettext_lazy("Extradition sought for"),
    "sentence_remaining": gettext_lazy("Sentence remaining to be served"),
    "assurance_death_penalty": gettext_lazy("Assurance on the death penalty"),
    "assurance_speciality": gettext_lazy("Assurance of speciality"),
    "interpol_notice": gettext_lazy("INTERPOL notice reference"),
    "father_name": gettext_lazy("Father's name"),
    "mother_name": gettext_lazy("Mother's name"),
    "physical_description": gettext_lazy("Physical description"),
    "legal_qualification": gettext_lazy("Legal qualification"),
    "target_language": gettext_lazy("target language"),
    "translator": gettext_lazy("translator"),
}

_GROUPS = {"persons": "person", "offences": "offence", "measures": "measure"}
_STEP = re.compile(r"^(\w+)(?:\[(\d+)\])?$")


def _in_group(label: str, group: str, number: int) -> str:
    if group == "person":
        return _("%(field)s of person %(number)s") % {"field": label, "number": number}
    if group == "offence":
        return _("%(field)s of offence %(number)s") % {"field": label, "number": number}
    return _("%(field)s of measure %(number)s") % {"field": label, "number": number}


def field_label(path: str) -> str:
    """``persons[0].birth_date`` -> "Date of birth of person 1"; unknown paths unchanged."""
    steps = [_STEP.match(part) for part in path.split(".")]
    if not path or any(m is None for m in steps):
        return path
    names = [(m[1], m[2]) for m in steps if m is not None]
    group, number = "", 0
    if len(names) > 1 and names[0][0] in _GROUPS and names[0][1] is not None:
        group, number = _GROUPS[names[0][0]], int(names[0][1]) + 1
        names = names[1:]
    elif len(names) > 1 and names[0][0] in _GROUPS.values():
        # One record given alone (person_add names its fields "person.birth_date").
        group = names[0][0]
        names = names[1:]
    key = ".".join(name for name, _index in names[-2:])
    label = (
        LABELS.get(f"{group}.{key}")
        or LABELS.get(key)
        or (LABELS.get(names[-1][0]) if len(names) == 1 else LABELS.get(names[0][0]))
    )
    if label is None:
        return path
    return _in_group(str(label), group, number) if number else str(label)
