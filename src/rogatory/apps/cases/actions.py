"""What each workflow step is called on its button, in the user's language.

Buttons name the action ("Approve"), never the state it leads to ("Approved"); the codes are
`core.workflow.transitions.Action`, and a test keeps this table complete.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rogatory.core.workflow import Action

A = Action

ACTION_LABELS: dict[Action, Promise] = {
    A.SUBMIT_FOR_APPROVAL: _("Submit for approval"),
    A.APPROVE: pgettext_lazy("workflow action", "Approve"),
    A.RETURN_TO_DRAFTING: _("Return to drafting"),
    A.TRANSMIT: pgettext_lazy("workflow action", "Transmit"),
    A.RECORD_ACKNOWLEDGEMENT: _("Record acknowledgement"),
    A.RECORD_INFORMATION_REQUEST: _("Record a request for more information"),
    A.RECORD_INFORMATION_SUPPLIED: _("Record the information supplied"),
    A.RECORD_POSTPONEMENT: _("Record the postponement"),
    A.RECORD_RESUMPTION: _("Record that execution resumed"),
    A.RECORD_PARTIAL_EXECUTION: _("Record partial execution"),
    A.RECORD_EXECUTION: _("Record execution"),
    A.RECORD_EXTRADITION_GRANTED: _("Record extradition granted"),
    A.RECORD_SURRENDER: _("Record surrender"),
    A.RECORD_REFUSAL: _("Record the refusal"),
    A.RECORD_WITHDRAWAL: _("Record the withdrawal"),
    A.WITHDRAW: pgettext_lazy("workflow action", "Withdraw"),
    A.REGISTER: pgettext_lazy("workflow action", "Register"),
    A.ASSIGN: pgettext_lazy("workflow action", "Assign"),
    A.START_EXECUTION: _("Start execution"),
    A.RESUME_EXECUTION: _("Resume execution"),
    A.REQUEST_INFORMATION: _("Request more information"),
    A.POSTPONE: pgettext_lazy("workflow action", "Postpone"),
    A.RECORD_PROVISIONAL_ARREST: _("Record provisional arrest"),
    A.REFER_TO_HEARING: _("Refer to an extradition hearing"),
    A.GRANT_EXTRADITION: _("Grant extradition"),
    A.REFUSE: pgettext_lazy("workflow action", "Refuse"),
    A.CLOSE: pgettext_lazy("workflow action", "Close"),
}


def action_label(action: Action | str) -> str:
    """The button label of a step; an unknown code is shown as is rather than failing."""
    try:
        return str(ACTION_LABELS[Action(action)])
    except (KeyError, ValueError):
        return str(action)
