"""Messages for the DomainError codes of the detention area (merged into rogatory.apps.errors):
detention conditions and assurances, consultations, speciality."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "detention.forbidden": _("Only case officers and supervisors may record this."),
    "detention.dossier_not_found": _("Detention dossier %(dossier_id)s was not found."),
    "detention.dossier_exists": _("A dossier on this State and facility already exists."),
    "detention.space_invalid": _("Give the personal space in square metres, from 0 to 100."),
    "detention.url_invalid": _("The link must start with https:// or http://."),
    "detention.not_extradition": _("This applies to extradition requests only."),
    "detention.not_requested_state": _("This is recorded by the requested State only."),
    "detention.source_not_of_state": _(
        "Choose sources and a facility on the requesting State of this request."
    ),
    "detention.sources_required": _(
        "Name the sources that show the general risk (objective, reliable, specific and "
        "properly updated evidence)."
    ),
    "detention.no_general_risk": _(
        "The individual risk is assessed only once a general risk has been found."
    ),
    "detention.deadline_before_request": _("The time limit cannot be before the request."),
    "detention.information_not_requested": _(
        "Ask the requesting State for the supplementary information first."
    ),
    "detention.received_before_request": _("The answer cannot arrive before it was asked."),
    "detention.awaiting_information": _(
        "The supplementary information is awaited until %(deadline)s: the decision is "
        "postponed until it is in or that time limit has passed."
    ),
    "detention.assurance_not_found": _("This assurance was not found on the case."),
    "detention.gate_general_risk_not_assessed": _(
        "Assess the general risk in the requesting State's detention system first."
    ),
    "detention.gate_information_not_requested": _(
        "A general risk was found: ask the requesting State for supplementary information "
        "on the conditions of detention first."
    ),
    "detention.gate_awaiting_information": _(
        "The supplementary information on the conditions of detention is awaited: the "
        "decision is postponed until it is in or its time limit has passed."
    ),
    "detention.gate_assessment_not_opened": _(
        "The evidence held here on the requesting State's prisons shows a risk of inhuman or "
        "degrading detention: complete the detention assessment, or accept an assurance, "
        "before extradition is granted."
    ),
    "detention.gate_individual_risk_not_assessed": _(
        "Assess the individual risk in the facility where the person would be held first."
    ),
    "consultation.required": _(
        "Consult the requesting State before this decision (%(article)s), or record why no "
        "consultation was possible."
    ),
    "consultation.held_and_not_possible": _(
        "Record either the consultation or why it was not possible, not both."
    ),
    "consultation.asked_on_required": _("Give the date the consultation was asked."),
    "consultation.answered_before_asked": _("The answer cannot come before the question."),
    "consultation.answer_and_date": _("Give the answer together with its date."),
    "consultation.requesting_state_only": _(
        "Before a refusal the requesting State is the one consulted."
    ),
    "consultation.not_found": _("Consultation %(consultation_id)s was not found."),
    "consultation.already_answered": _("This consultation already has its answer."),
    "refusal.not_a_national": _(
        "The person sought holds no nationality of %(state)s on %(on)s, the date of the "
        "decision: a refusal on nationality does not apply."
    ),
    "speciality.decision_and_date": _("Give the date of the decision with the decision."),
    "speciality.decided_before_requested": _(
        "The decision cannot come before the consent was asked."
    ),
    "speciality.surrender_not_found": _("This surrender was not found on the case."),
    "treaty.forbidden": _("Only an administrator edits or publishes treaty records."),
    "treaty.invalid": _("The treaty record is invalid: check %(field)s."),
    "treaty.not_found": _("Version %(version)s of treaty %(treaty)s was not found."),
    "treaty.not_draft": _("Version %(version)s of treaty %(treaty)s is not a draft."),
}
