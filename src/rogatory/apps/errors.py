"""Human messages for DomainError codes, translated at the edge (API and web).

Keys are the stable codes raised by services and core; params are interpolated by name.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rogatory.apps.field_labels import field_label
from rogatory.apps.messages import detention as detention_messages
from rogatory.apps.messages import drafting as drafting_messages
from rogatory.apps.messages import hearings as hearings_messages
from rogatory.apps.messages import letters as letters_messages
from rogatory.apps.messages import matching as matching_messages
from rogatory.apps.messages import review as review_messages
from rogatory.apps.messages import security as security_messages
from rogatory.apps.messages import stats as stats_messages
from rogatory.core.errors import DomainError

MESSAGES: dict[str, Any] = {
    "case.not_found": _("Case %(case_id)s was not found."),
    "case.open_forbidden": _("Your role does not allow opening this kind of request."),
    "case.write_forbidden": _("Your role does not allow changing this case."),
    "case.closed": _("The case is closed and can no longer be changed."),
    "case.not_draft": _(
        "The request has left drafting: its persons, offences and measures can no longer be "
        "changed. Send the other State additional information instead."
    ),
    "person.not_found": _("Person %(person_id)s was not found in this case."),
    "offence.not_found": _("Offence %(offence_id)s was not found in this case."),
    "measure.not_found": _("Measure %(measure_id)s was not found in this case."),
    "case.same_state": _("The requesting and requested States must differ."),
    "document.not_found": _("Document %(document_id)s was not found."),
    "document.too_large": _("The file is larger than the limit of %(max_bytes)s bytes."),
    "document.empty": _("The file is empty."),
    "document.integrity": _(
        "Document %(document_id)s no longer matches the SHA-256 recorded when it was added."
    ),
    "channel.not_approved": _(
        "Request %(reference)s has not been approved: it cannot leave by any channel yet."
    ),
    "channel.outgoing_only": _("Only a request this authority sends is packaged for dispatch."),
    "channel.own_act": _(
        "This communication (%(kind)s) is sent by this authority, not received from the other "
        "State."
    ),
    "field.required": _("This field is required: %(field)s."),
    "field.too_long": _("%(field)s is longer than %(max_length)s characters."),
    "field.too_many": _("%(field)s: no more than %(max_rows)s at once."),
    "field.invalid_choice": _("%(value)s is not a valid choice for %(field)s."),
    "field.unknown_state": _("%(value)s is not a known State (%(field)s)."),
    "field.unknown_authority": _("%(value)s is not an authority of that State (%(field)s)."),
    "date.invalid": _(
        "%(field)s: “%(value)s” is not a date. Write day/month/year (31/12/1980) or "
        "year-month-day (1980-12-31); if only part is known, month/year (12/1980) or the "
        "year (1980)."
    ),
    "date.year_zero": _(
        "%(field)s: there is no year 0000. Write the year in four digits, or leave the date "
        "empty if it is not known."
    ),
    "date.two_digit_year": _("%(field)s: write the year in four digits (1980, not 80)."),
    "date.day_required": _("%(field)s: give the full date, with the day (31/12/1980)."),
    "date.birth_in_future": _("%(field)s: %(value)s is in the future."),
    "date.birth_too_early": _("%(field)s: %(value)s is before %(year)s; check the year."),
    "date.offence_in_future": _(
        "%(field)s: %(value)s is in the future; give the date on which the offence was committed."
    ),
    "date.offence_after_request": _(
        "%(field)s: %(value)s is after the date of the request (%(request_date)s)."
    ),
    "field.invalid_date": _("%(value)s is not a valid date; use YYYY-MM-DD (%(field)s)."),
    "deadline.unknown_rule": _("%(rule)s is not a known time-limit rule."),
    "deadline.unknown_state": _("%(state)s is not a State with a known holiday calendar."),
    "deadline.no_extension": _("The time limit %(rule)s cannot be extended."),
    "deadline.invalid_rule_data": _("The time-limit rule %(rule)s in the treaty data is invalid."),
    "event_date.not_extradition": _(
        "Event dates and their time limits are kept on extradition and provisional-arrest "
        "cases only."
    ),
    "event_date.in_future": _("%(field)s: %(value)s is in the future; enter the date it happened."),
    "nationality.not_extradition": _(
        "Nationalities with their dates, and the steps that follow from them, are kept on "
        "extradition and provisional-arrest cases only."
    ),
    "nationality.lost_before_acquired": _(
        "%(field)s: a nationality cannot be lost before it was acquired."
    ),
    "nationality.state_not_expected": _(
        "Name a State only for a consular notification (%(field)s)."
    ),
    "nationality.not_refused_on_nationality": _(
        "The submission for domestic prosecution (UNTOC art. 16(10)) follows only a refusal on "
        "the ground of nationality."
    ),
    "nationality.follow_up_exists": _("This step is already tracked on this case."),
    "nationality.follow_up_not_found": _("Follow-up %(follow_up_id)s was not found in this case."),
    "nationality.closed_on_not_expected": _(
        "%(field)s: only a completed or declined step has a closing date."
    ),
    "nationality.closed_before_opened": _("%(field)s: a step cannot close before it opened."),
    "field.out_of_range": _("%(field)s is out of range."),
    "field.timezone_required": _(
        "%(field)s needs its offset from UTC, for example 2027-01-15T09:30:00+01:00."
    ),
    "pagination.invalid_cursor": _(
        "The page position (%(field)s) is not one this node gave. Ask for the first page again."
    ),
    "field.not_editable": _("%(field)s cannot be changed here."),
    "transition.not_allowed": _("A case cannot move from %(source)s to %(target)s."),
    "transition.role_not_allowed": _("Your role cannot move the case to %(target)s."),
    "transition.other_state_decides": _(
        "Only the other State can move its request to %(target)s; it is recorded when that "
        "State's message arrives."
    ),
    "transition.reason_required": _("A reason is required to move the case to %(target)s."),
    "transition.ground_required": _(
        "A refusal must name its ground and the article of the instrument that allows it."
    ),
    "transition.ground_not_applicable": _("%(ground)s is not a ground for this kind of request."),
    "transition.ground_not_expected": _("A ground is only given with a refusal."),
    "transition.officer_required": _("Choose the case officer to assign."),
    "transition.four_eyes": _(
        "Another supervisor must approve this request: you drafted it or submitted it for "
        "approval (four eyes)."
    ),
    "grant.forbidden": _("Only a supervisor can change the team of a case."),
    "grant.unknown_user": _("User %(user_id)s is not a colleague of your central authority."),
    "grant.not_found": _("User %(user_id)s has no active grant on this case."),
    "grant.self_forbidden": _("You cannot add yourself to the team of a case."),
    "measure.not_for_extradition": _("An extradition request has no measures of assistance."),
    "link.same_case": _("A case cannot be linked to itself."),
    "screening.not_found": _("Suggested match %(match_id)s was not found."),
    "screening.already_decided": _("This suggestion has already been decided."),
    "screening.decision_forbidden": _("Only case officers and supervisors decide on matches."),
    "competing.forbidden": _(
        "Only case officers and supervisors open and decide competing-requests files."
    ),
    "competing.not_found": _("Competing-requests file %(file_id)s was not found."),
    "competing.not_same_person": _(
        "Choose at least two extradition requests confirmed to concern the same person."
    ),
    "competing.already_open": _("One of these requests is already in an open competing file."),
    "competing.already_decided": _("This competing-requests file has already been decided."),
    "competing.reasons_required": _("Give the reasons for the decision."),
    "competing.order_invalid": _("Give each request a different place in the order."),
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
    "user.weak_password": _("The password is too weak: %(reasons)s"),
    "user.self_access_forbidden": _(
        "You cannot change your own role or central authority: ask another administrator."
    ),
    "user.self_reset_forbidden": _(
        "You cannot reset your own credentials: ask another administrator."
    ),
    "passkey.not_found": _("Passkey %(passkey_id)s was not found."),
    "passkey.invalid": _("The passkey could not be verified. Try again."),
    "twofactor.invalid_token": _("The code is not valid. Try the current code or a recovery code."),
    "request.invalid": _("The request is not valid."),
    "server.error": _(
        "The node met an unexpected error. If it happens again, give this incident number to "
        "your administrator: %(incident)s."
    ),
    "auth.required": _("Sign in or give an API token."),
    "communication.wrong_side": _(
        "This communication (%(kind)s) is the other State's to send, not ours."
    ),
    "communication.in_reply_to_unknown": _(
        "The answer must name a request for information received on this case."
    ),
    "communication.not_now": _(
        "You cannot send this communication on this case at its present status."
    ),
    "communication.documents_without_message": _(
        "This step sends nothing to the other State, so no file can go with it."
    ),
    "case.transmitted": _(
        "The request has been sent to the requested State and can no longer be edited: send "
        "the change to it as a communication."
    ),
    "wire.invalid": _("The case data is malformed at %(field)s."),
    "wire.schema_unsupported": _(
        "The case data uses schema %(schema)s, which this node cannot read "
        "(it reads %(supported)s)."
    ),
}


# The areas' parts of the one table (rogatory.apps.messages).
for _part in (
    letters_messages,
    drafting_messages,
    hearings_messages,
    stats_messages,
    review_messages,
    detention_messages,
    security_messages,
    matching_messages,
):
    MESSAGES.update(_part.MESSAGES)


def error_message(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return code
    if "field" in params:
        # The reader sees the field as the form labels it, never the input path.
        params = {**params, "field": field_label(str(params["field"]))}
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
    if code.startswith("transition.") or code in (
        "case.closed",
        "case.not_draft",
        "case.transmitted",
    ):
        return 409
    return 422
