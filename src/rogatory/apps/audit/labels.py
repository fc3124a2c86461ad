"""What each audit action code means, in the user's language.

The codes are the stable ``action`` of ``audit_record``; a test walks the source tree and
keeps this table complete, so the audit view never shows a bare code.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUDIT_ACTION_LABELS: dict[str, Promise] = {
    "api_token.issue": _("API token issued"),
    "api_token.revoke": _("API token revoked"),
    "case.link": _("Cases linked"),
    "case.open": _("Request opened"),
    "case.transition": _("Status changed"),
    "case.update": _("Request edited"),
    "case.event_date": _("Extradition date recorded"),
    "case.time_limit_basis": _("Basis of the time limits changed"),
    "case.nationality": _("Nationality recorded"),
    "case.package": _("Package made for another channel"),
    "case.dispatch": _("Dispatch by another channel recorded"),
    "communication.received_other_channel": _("Communication received by another channel recorded"),
    "case.nationality_follow_up": _("Nationality follow-up recorded"),
    "deadline.escalated": _("Time limit passed and escalated"),
    "communication.sent": _("Communication sent to the other State"),
    "communication.received": _("Communication received from the other State"),
    "directory.import": _("Directory imported"),
    "document.add": _("Document added"),
    "document.download": _("Document downloaded"),
    "exchange.evidence": _("Evidence received from the other State's node"),
    "exchange.received": _("Message received from the other State's node"),
    "extradition.competing_open": _("Competing-requests file opened"),
    "extradition.competing_decide": _("Decision on competing requests recorded"),
    "grant.add": _("Access to the case granted"),
    "grant.revoke": _("Access to the case revoked"),
    "measure.add": _("Measure added"),
    "measure.update": _("Measure edited"),
    "measure.remove": _("Measure removed"),
    "offence.add": _("Offence added"),
    "offence.update": _("Offence edited"),
    "offence.remove": _("Offence removed"),
    "person.add": _("Person added"),
    "person.update": _("Person edited"),
    "person.remove": _("Person removed"),
    "screening.match": _("Possible same person found"),
    "screening.confirm": _("Same person confirmed"),
    "screening.reject": _("Same person rejected"),
    "passkey.add": _("Passkey added"),
    "passkey.remove": _("Passkey removed"),
    "twofactor.enable": _("Second factor enabled"),
    "twofactor.reset": _("Second factor reset"),
    "user.create": _("User created"),
    "user.update": _("User edited"),
    "user.deactivate": _("User deactivated"),
    "user.language": _("Language changed"),
    "user.password": _("Password changed"),
    "user.password_reset": _("Password reset issued"),
    "user.password_reset_used": _("Password reset used"),
}


def audit_action_label(code: str) -> str:
    label = AUDIT_ACTION_LABELS.get(code)
    return str(label) if label is not None else code
