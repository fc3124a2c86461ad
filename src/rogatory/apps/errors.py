"""Human messages for DomainError codes, translated at the edge (API and web).

Keys are the stable codes raised by services and core; params are interpolated by name.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rogatory.core.errors import DomainError

MESSAGES: dict[str, Any] = {
    "case.not_found": _("Case %(case_id)s was not found."),
    "case.open_forbidden": _("Your role does not allow opening this kind of request."),
    "case.write_forbidden": _("Your role does not allow changing this case."),
    "case.closed": _("The case is closed and can no longer be changed."),
    "case.same_state": _("The requesting and requested States must differ."),
    "document.not_found": _("Document %(document_id)s was not found."),
    "document.too_large": _("The file is larger than the limit of %(max_bytes)s bytes."),
    "document.empty": _("The file is empty."),
    "field.required": _("This field is required: %(field)s."),
    "field.too_long": _("%(field)s is longer than %(max_length)s characters."),
    "field.invalid_choice": _("%(value)s is not a valid choice for %(field)s."),
    "field.unknown_state": _("%(value)s is not a known State (%(field)s)."),
    "field.unknown_authority": _("%(value)s is not an authority of that State (%(field)s)."),
    "field.invalid_partial_date": _(
        "%(value)s is not a valid date; use YYYY, YYYY-MM or YYYY-MM-DD (%(field)s)."
    ),
    "field.out_of_range": _("%(field)s is out of range."),
    "field.not_editable": _("%(field)s cannot be changed here."),
    "transition.not_allowed": _("A case cannot move from %(source)s to %(target)s."),
    "transition.role_not_allowed": _("Your role cannot move the case to %(target)s."),
    "transition.reason_required": _("A reason is required to move the case to %(target)s."),
    "transition.ground_required": _(
        "A refusal must name its ground (UNTOC art. 18(23): reasons are given for any refusal)."
    ),
    "transition.ground_not_applicable": _("%(ground)s is not a ground for this kind of request."),
    "transition.ground_not_expected": _("A ground is only given with a refusal."),
    "transition.officer_required": _("Choose the case officer to assign."),
    "grant.forbidden": _("Only a supervisor can change the team of a case."),
    "grant.unknown_user": _("User %(user_id)s is not a colleague of your central authority."),
    "grant.not_found": _("User %(user_id)s has no active grant on this case."),
    "measure.not_for_extradition": _("An extradition request has no measures of assistance."),
    "link.same_case": _("A case cannot be linked to itself."),
    "screening.not_found": _("Suggested match %(match_id)s was not found."),
    "screening.already_decided": _("This suggestion has already been decided."),
    "screening.decision_forbidden": _("Only case officers and supervisors decide on matches."),
    "audit.forbidden": _("Only auditors can read the audit trail."),
    "directory.unknown_format": _("The file is not a directory export (%(expected)s)."),
    "directory.invalid_entry": _("Invalid entry at %(where)s."),
    "directory.invalid_field": _("Invalid field at %(where)s."),
    "directory.unknown_state": _("Unknown State %(state)s at %(where)s."),
    "directory.unknown_instrument": _("Unknown instrument %(value)s at %(where)s."),
    "directory.unknown_channel": _("Unknown channel %(value)s at %(where)s."),
    "directory.name_required": _("A name is required at %(where)s."),
    "directory.invalid_state_code": _("Invalid State code at %(where)s."),
    "directory.state_name_required": _("An English name is required at %(where)s."),
    "user.manage_forbidden": _("Only administrators can manage users."),
    "user.not_found": _("User %(user_id)s was not found."),
    "user.cannot_deactivate_self": _("You cannot close your own account."),
    "user.unknown_role": _("Unknown role %(role)s."),
    "user.username_taken": _("The user name %(username)s is taken."),
    "request.invalid": _("The request is not valid."),
    "auth.required": _("Sign in or give an API token."),
}


def error_message(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def error_status(err: DomainError) -> int:
    code = err.code
    if code.endswith("not_found"):
        return 404
    if code.endswith("forbidden") or code == "transition.role_not_allowed":
        return 403
    if code.startswith("transition.") or code == "case.closed":
        return 409
    return 422
