"""Messages for the DomainError codes of the drafting area (merged into rogatory.apps.errors),
and for each finding of the drafting checkers (rogatory.core.drafting): the element missing or
not accepted, said so that the drafter knows what to add."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "drafting.incomplete": _(
        "The request cannot be approved yet. Elements missing or not accepted by the "
        "requested State: %(count)s. The checklist of the case names each one and why."
    ),
    "drafting.warrant_in_future": _(
        "%(field)s: the warrant or judgment cannot be dated later than today."
    ),
    "drafting.not_outgoing": _("Only a request this authority drafts is checked."),
    "translation.not_found": _("Translation %(translation_id)s was not found in this case."),
    "translation.step_not_allowed": _("A translation that is %(source)s cannot become %(target)s."),
    "translation.file_required": _(
        "Attach the translated file before marking the translation as translated."
    ),
    "translation.same_language": _("The translation must be into another language."),
    "person_file.type": _("This kind of file is not accepted here. Accepted: %(accepted)s."),
    "requirements.invalid": _("The requirements are not valid: %(field)s."),
    "requirements.forbidden": _("Only an administrator edits or publishes requirements."),
    "requirements.not_found": _("Version %(version)s of %(state)s's requirements was not found."),
    "requirements.not_draft": _(
        "Version %(version)s of %(state)s's requirements is not a draft: publish a new version."
    ),
    # --- findings of rogatory.core.drafting.completeness ---
    "drafting.requesting_authority": _("Name the authority making the request."),
    "drafting.request_language": _("Give the language of the request."),
    "drafting.contact": _("Give a contact person with a telephone number or e-mail address."),
    "drafting.subject": _("Describe the subject matter and nature of the proceedings."),
    "drafting.proceedings_authority": _(
        "Give the name and functions of the authority conducting the proceedings."
    ),
    "drafting.facts": _("Summarise the relevant facts."),
    "drafting.measures": _("Describe the assistance sought: add at least one measure."),
    "drafting.measure_purpose": _("Measure %(number)s: say for what purpose it is sought."),
    "drafting.persons": _("Where possible, identify the persons concerned."),
    "drafting.offences": _("State the offences, with their legal provisions and penalties."),
    "drafting.use_limits": _("State the use to which the evidence will be put."),
    "drafting.dual_criminality": _(
        "Coercive measures: explain why the conduct is an offence in the requested State too."
    ),
    "drafting.addressee": _("Service of documents: identify the person to be served."),
    "drafting.person_to_hear": _("Videoconference hearing: identify the person to be heard."),
    "drafting.detained_person": _("Temporary transfer: identify the detained person."),
    "drafting.preservation_offence": _(
        "Preservation of data: state the offence under investigation."
    ),
    "drafting.confiscation_order": _("Confiscation: attach the confiscation order."),
    "drafting.person_sought": _("Identify the person sought."),
    "drafting.physical_description": _("Describe the person sought as accurately as possible."),
    "drafting.photograph": _(
        "Annex a photograph of the person sought, and fingerprints if you hold them."
    ),
    "drafting.extradition_offences": _("State each offence for which extradition is requested."),
    "drafting.offence_time_place": _("Give the time and place of commission of each offence."),
    "drafting.legal_qualification": _("Give the legal qualification of each offence."),
    "drafting.legal_provisions": _("Give the text of the legal provisions of each offence."),
    "drafting.penalty": _("Give the maximum penalty of each offence."),
    "drafting.warrant": _(
        "Give the warrant of arrest or judgment: its kind, date and issuing court."
    ),
    "drafting.extradition_purpose": _(
        "Say whether extradition is sought for prosecution or to enforce a sentence."
    ),
    "drafting.enforceable_judgment": _(
        "Enforcement: the request must rest on an enforceable judgment."
    ),
    "drafting.sentence_remaining": _("Enforcement: state the part of the sentence remaining."),
    "drafting.speciality": _("State the assurance of speciality."),
    "drafting.interpol_notice": _("Give the reference of the INTERPOL notice, if any."),
    "drafting.judgment": _("Give the judgment: its date and the court that gave it."),
    "drafting.sentence_served": _(
        "State how much of the sentence has been served and how much remains."
    ),
    # --- findings of rogatory.core.drafting.requirements ---
    "requirements.unknown": _(
        "No requirements of the requested State are published here: check its languages and "
        "channels in the directory of competent national authorities."
    ),
    "requirements.language": _(
        "The requested State does not accept requests in %(language)s; it accepts: "
        "%(accepted)s. Translate the request into one of them."
    ),
    "requirements.document_translation": _(
        "“%(title)s” still needs a translation into a language the requested State accepts "
        "(%(accepted)s)."
    ),
    "requirements.channel": _(
        "The requested State does not receive requests directly from central authorities; "
        "channels: %(channels)s."
    ),
    "requirements.no_electronic": _(
        "The requested State does not accept requests transmitted electronically."
    ),
    "requirements.urgent_channel": _(
        "Urgent request: the requested State also receives urgent requests through %(channel)s."
    ),
    "requirements.legal_basis": _(
        "None of the legal bases chosen is in force between the two States; in force: %(in_force)s."
    ),
    "requirements.dual_criminality": _(
        "The requested State executes coercive measures only for conduct that is an offence "
        "under its law: give the dual criminality statement."
    ),
    "requirements.min_penalty": _(
        "Offence %(number)s: the requested State extradites only for offences punishable by at "
        "least %(months)s months."
    ),
    "requirements.death_penalty": _(
        "The requested State asks for an assurance that the death penalty will not be imposed "
        "or carried out."
    ),
    "requirements.measure_note": _("%(measure)s: %(note)s"),
}
