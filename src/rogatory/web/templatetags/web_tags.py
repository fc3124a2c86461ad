"""Small template helpers: accessible form controls and labels for stored codes."""

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.actions import action_label
from rogatory.apps.cases.choices import GroundChoice, KindChoice, StatusChoice
from rogatory.apps.cases.condition_selectors import condition_label
from rogatory.apps.cases.models import CommunicationKindChoice
from rogatory.core.workflow.grounds import RefusalGround, ground_info
from rogatory.web.templatetags.clock_tags import CLOCK_LABELS

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
    # The requesting State's answer on detention conditions (CJEU C-404/15 and C-659/15 PPU
    # Aranyosi and Căldăraru § 97).
    "detention-information": _("Information on detention conditions from the requesting State"),
}

EVENT_LABELS: dict[str, Any] = {
    "created": _("Opened"),
    "transition": _("Status changed"),
    "message_received": _("Message received from the other State"),
    # Signed business evidences from the other State's node (shared status). A delivery
    # evidence answers any message of the case, the requested State's communications too, so
    # it names "the other State".
    "evidence_delivered": _("Taken into the other State's case system"),
    "evidence_not_delivered": _("Not taken into the other State's case system"),
    "evidence_rejected": _("Rejected by the other State's node"),
    "evidence_non_delivery": _("Could not be delivered to the other State's node"),
    "evidence_registered": _("Registered by the requested State"),
    "evidence_refused": _("Refused by the requested State"),
    "evidence_executed": _("Executed by the requested State"),
    # Dispatches recorded by hand (apps.proceedings.services.other_channels).
    "dispatched_diplomatic": _("Sent by the diplomatic channel"),
    "dispatched_interpol": _("Sent through INTERPOL"),
    "dispatched_post": _("Sent by post or courier"),
    "dispatched_email": _("Sent by e-mail"),
    # A change after approval sends the request back to drafting (four eyes on a version).
    "approval_withdrawn": _("Approval withdrawn: the request changed after it was approved"),
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


@register.filter(name="action_label")
def action_label_filter(value: str) -> str:
    return action_label(value)


@register.filter(name="condition_label")
def condition_label_filter(value: str) -> str:
    return condition_label(value)


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
    return str(DEADLINE_LABELS.get(code) or CLOCK_LABELS.get(code, code))


GENDER_LABELS: dict[str, Any] = {"f": _("Female"), "m": _("Male"), "x": _("Other")}


@register.filter
def gender_label(code: str) -> str:
    return str(GENDER_LABELS.get(code, code))


@register.filter
def event_label(kind: str) -> str:
    if kind in EVENT_LABELS:
        return str(EVENT_LABELS[kind])
    # Communications are timeline lines named "sent_<kind>" / "received_<kind>".
    direction, _sep, code = kind.partition("_")
    communication = dict(CommunicationKindChoice.choices).get(code)
    if communication is not None and direction == "sent":
        return str(
            _("Sent to the other State: %(communication)s") % {"communication": communication}
        )
    if communication is not None and direction == "received":
        return str(
            _("Received from the other State: %(communication)s") % {"communication": communication}
        )
    return kind


@register.filter
def any_errors(forms: list[Any]) -> bool:
    return any(f.errors for f in forms)
