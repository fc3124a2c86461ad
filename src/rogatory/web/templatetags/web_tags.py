"""Small template helpers: accessible form controls and labels for stored codes."""

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.choices import GroundChoice, KindChoice, StatusChoice
from rogatory.core.workflow.grounds import RefusalGround, ground_info

register = template.Library()

DEADLINE_LABELS: dict[str, Any] = {
    "acknowledge_incoming": _("Acknowledge the request"),
    "register_custody_case": _("Register a request concerning a detained person"),
    "formal_request_after_provisional_arrest": _(
        "Receive the formal request after provisional arrest"
    ),
    "provisional_arrest_maximum": _("End of provisional arrest"),
    "surrender_release_possible": _("Surrender, or release may be ordered"),
    "surrender_release_mandatory": _("Surrender, or release is mandatory"),
    "follow_up_unacknowledged": _("Follow up an unacknowledged request"),
    "answer_additional_information": _("Answer the request for additional information"),
}

EVENT_LABELS: dict[str, Any] = {
    "created": _("Opened"),
    "transition": _("Status changed"),
    "message_received": _("Message received from the other State"),
    # Signed business evidences from the requested State's node (shared status).
    "evidence_delivered": _("Taken into the requested State's case system"),
    "evidence_not_delivered": _("Not taken into the requested State's case system"),
    "evidence_registered": _("Registered by the requested State"),
    "evidence_refused": _("Refused by the requested State"),
    "evidence_executed": _("Executed by the requested State"),
}


@register.simple_tag
def control(field: Any) -> SafeString:
    """The widget, described by its help text and errors, and marked invalid when it is."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs: dict[str, str] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return SafeString(field.as_widget(attrs=attrs))


@register.simple_tag
def all_forms(form: Any = None, formsets: Any = None) -> list[Any]:
    found = [form] if form is not None else []
    for fs in (formsets or {}).values():
        found.extend(fs.forms)
    return found


@register.filter
def status_label(value: str) -> str:
    return str(dict(StatusChoice.choices).get(value, value)) if value else ""


@register.filter
def kind_label(value: str) -> str:
    return str(dict(KindChoice.choices).get(value, value))


@register.filter
def ground_label(value: str) -> str:
    if not value:
        return ""
    label = str(dict(GroundChoice.choices).get(value, value))
    try:
        return f"{label} ({ground_info(RefusalGround(value)).article})"
    except ValueError:
        return label


@register.filter
def deadline_label(code: str) -> str:
    return str(DEADLINE_LABELS.get(code, code))


@register.filter
def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


@register.filter
def any_errors(forms: list[Any]) -> bool:
    return any(f.errors for f in forms)
