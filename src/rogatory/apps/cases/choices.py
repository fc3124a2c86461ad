"""Model choices. Workflow values mirror core.workflow (a test keeps them equal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rogatory.core.wire.records import PersonFile
from rogatory.core.workflow import CaseKind, CaseState, Direction, RefusalGround


class DirectionChoice(models.TextChoices):
    INCOMING = Direction.INCOMING.value, pgettext_lazy("request direction", "Incoming")
    OUTGOING = Direction.OUTGOING.value, pgettext_lazy("request direction", "Outgoing")


class KindChoice(models.TextChoices):
    MLA = CaseKind.MLA.value, _("Mutual legal assistance")
    EXTRADITION = CaseKind.EXTRADITION.value, _("Extradition")
    PROVISIONAL_ARREST = CaseKind.PROVISIONAL_ARREST.value, _("Provisional arrest")
    TRANSFER_SENTENCED = (
        CaseKind.TRANSFER_OF_SENTENCED_PERSONS.value,
        _("Transfer of sentenced persons"),
    )
    TRANSFER_PROCEEDINGS = CaseKind.TRANSFER_OF_PROCEEDINGS.value, _("Transfer of proceedings")
    CONFISCATION = CaseKind.CONFISCATION.value, _("Confiscation and asset recovery")
    JIT = CaseKind.JOINT_INVESTIGATION_TEAM.value, _("Joint investigation team")


class StatusChoice(models.TextChoices):
    DRAFT = CaseState.DRAFT.value, _("Draft")
    PENDING_APPROVAL = CaseState.PENDING_APPROVAL.value, _("Awaiting approval")
    APPROVED = CaseState.APPROVED.value, _("Approved")
    TRANSMITTED = CaseState.TRANSMITTED.value, _("Transmitted")
    ACKNOWLEDGED = CaseState.ACKNOWLEDGED.value, _("Acknowledged")
    RECEIVED = CaseState.RECEIVED.value, _("Received")
    REGISTERED = CaseState.REGISTERED.value, _("Registered")
    ASSIGNED = CaseState.ASSIGNED.value, _("Assigned")
    UNDER_EXECUTION = CaseState.UNDER_EXECUTION.value, _("Under execution")
    ADDITIONAL_INFORMATION_REQUESTED = (
        CaseState.ADDITIONAL_INFORMATION_REQUESTED.value,
        _("Additional information requested"),
    )
    POSTPONED = CaseState.POSTPONED.value, _("Postponed")
    PARTIALLY_EXECUTED = CaseState.PARTIALLY_EXECUTED.value, _("Partially executed")
    PROVISIONALLY_ARRESTED = CaseState.PROVISIONALLY_ARRESTED.value, _("Provisionally arrested")
    EXTRADITION_HEARING = CaseState.EXTRADITION_HEARING.value, _("Extradition hearing")
    EXTRADITION_GRANTED = CaseState.EXTRADITION_GRANTED.value, _("Extradition granted")
    SURRENDERED = CaseState.SURRENDERED.value, _("Surrendered")
    EXECUTED = CaseState.EXECUTED.value, _("Executed")
    REFUSED = CaseState.REFUSED.value, _("Refused")
    WITHDRAWN = CaseState.WITHDRAWN.value, _("Withdrawn")
    CLOSED = CaseState.CLOSED.value, _("Closed")


class GroundChoice(models.TextChoices):
    MLA_NOT_CONFORMING = (
        RefusalGround.MLA_NOT_CONFORMING.value,
        _("Request does not conform to article 18"),
    )
    MLA_ESSENTIAL_INTERESTS = (
        RefusalGround.MLA_ESSENTIAL_INTERESTS.value,
        _("Sovereignty, security, ordre public or other essential interests"),
    )
    MLA_DOMESTIC_LAW_PROHIBITS = (
        RefusalGround.MLA_DOMESTIC_LAW_PROHIBITS.value,
        _("Domestic law prohibits the action for a similar offence"),
    )
    MLA_CONTRARY_TO_LEGAL_SYSTEM = (
        RefusalGround.MLA_CONTRARY_TO_LEGAL_SYSTEM.value,
        _("Contrary to the legal system on mutual legal assistance"),
    )
    MLA_NO_DUAL_CRIMINALITY = (
        RefusalGround.MLA_NO_DUAL_CRIMINALITY.value,
        _("Absence of dual criminality (assistance)"),
    )
    EXTRADITION_NO_DUAL_CRIMINALITY = (
        RefusalGround.EXTRADITION_NO_DUAL_CRIMINALITY.value,
        _("Conduct not punishable in both States"),
    )
    EXTRADITION_DOMESTIC_LAW_OR_TREATY = (
        RefusalGround.EXTRADITION_DOMESTIC_LAW_OR_TREATY.value,
        _("Ground for refusal under domestic law or the applicable treaty"),
    )
    EXTRADITION_NATIONALITY = (
        RefusalGround.EXTRADITION_NATIONALITY.value,
        _("The person is a national of the requested State"),
    )
    EXTRADITION_DISCRIMINATION = (
        RefusalGround.EXTRADITION_DISCRIMINATION.value,
        _("Request aimed at prosecution on discriminatory grounds"),
    )
    EXTRADITION_HUMAN_RIGHTS_RISK = (
        RefusalGround.EXTRADITION_HUMAN_RIGHTS_RISK.value,
        _("Real risk of inhuman or degrading treatment"),
    )
    EXTRADITION_INSUFFICIENT_EVIDENCE = (
        RefusalGround.EXTRADITION_INSUFFICIENT_EVIDENCE.value,
        _("Evidence insufficient under the requested State's law"),
    )
    EXTRADITION_POLITICAL_OFFENCE = (
        RefusalGround.EXTRADITION_POLITICAL_OFFENCE.value,
        _("Political offence"),
    )
    EXTRADITION_MILITARY_OFFENCE = (
        RefusalGround.EXTRADITION_MILITARY_OFFENCE.value,
        _("Offence under military law only"),
    )
    EXTRADITION_PLACE_OF_COMMISSION = (
        RefusalGround.EXTRADITION_PLACE_OF_COMMISSION.value,
        _("Place where the offence was committed"),
    )
    EXTRADITION_PENDING_PROCEEDINGS = (
        RefusalGround.EXTRADITION_PENDING_PROCEEDINGS.value,
        _("Proceedings for the same offence pending in the requested State"),
    )
    EXTRADITION_FINAL_JUDGMENT = (
        RefusalGround.EXTRADITION_FINAL_JUDGMENT.value,
        _("Final judgment for the same offence (ne bis in idem)"),
    )
    EXTRADITION_PROCEEDINGS_DISCONTINUED = (
        RefusalGround.EXTRADITION_PROCEEDINGS_DISCONTINUED.value,
        _("Decision not to prosecute or to end proceedings for the same offence"),
    )
    EXTRADITION_LAPSE_OF_TIME = (
        RefusalGround.EXTRADITION_LAPSE_OF_TIME.value,
        _("Prosecution or punishment barred by lapse of time"),
    )
    EXTRADITION_DEATH_PENALTY = (
        RefusalGround.EXTRADITION_DEATH_PENALTY.value,
        _("Death penalty without sufficient assurance"),
    )
    EXTRADITION_IN_ABSENTIA = (
        RefusalGround.EXTRADITION_IN_ABSENTIA.value,
        _("Judgment in absentia without a right to a retrial"),
    )
    EXTRADITION_SPECIAL_COURT = (
        RefusalGround.EXTRADITION_SPECIAL_COURT.value,
        _("Trial by an extraordinary or ad hoc court"),
    )
    EXTRADITION_HUMANITARIAN = (
        RefusalGround.EXTRADITION_HUMANITARIAN.value,
        _("Humanitarian considerations such as age or health"),
    )


class LegalBasis(models.TextChoices):
    UNTOC = "untoc", _("UN Convention against Transnational Organized Crime")
    UNCAC = "uncac", _("UN Convention against Corruption")
    TREATY = "treaty", _("Bilateral or regional treaty")
    RECIPROCITY = "reciprocity", _("Reciprocity")
    DOMESTIC_LAW = "domestic_law", _("Domestic law")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")


class Custody(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    AT_LIBERTY = "at_liberty", _("At liberty")
    DETAINED = "detained", _("Detained")


class PersonRole(models.TextChoices):
    PERSON_SOUGHT = "person_sought", _("Person sought")
    SUSPECT = "suspect", _("Suspect or accused")
    SENTENCED = "sentenced", _("Sentenced person")
    WITNESS = "witness", _("Witness")
    VICTIM = "victim", _("Victim")
    ACCOUNT_HOLDER = "account_holder", _("Account holder")
    OTHER = "other", _("Other")


class NameRole(models.TextChoices):
    PRIMARY = "primary", _("Primary name")
    ALIAS = "alias", _("Alias")
    ORIGINAL_SCRIPT = "original_script", _("Name in original script")
    LATIN = "latin", _("Latin transliteration")


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year only")
    MONTH = "month", _("Year and month")
    DAY = "day", _("Full date")


class MeasureType(models.TextChoices):
    """UNTOC art. 18(3) purposes and the practice taxonomy of the reference, §8.3."""

    TAKING_EVIDENCE = "taking_evidence", _("Taking evidence or statements")
    VIDEOCONFERENCE_HEARING = "videoconference_hearing", _("Hearing by videoconference")
    SERVICE_OF_DOCUMENTS = "service_of_documents", _("Service of judicial documents")
    SEARCH_AND_SEIZURE = "search_and_seizure", _("Search and seizure")
    EXAMINATION = "examination", _("Examination of objects and sites")
    RECORDS = "records", _("Bank, business or government records")
    ELECTRONIC_EVIDENCE = "electronic_evidence", _("Electronic evidence")
    # Budapest Convention (ETS 185) arts. 29-30: expedited preservation before production.
    ELECTRONIC_PRESERVATION = (
        "electronic_preservation",
        _("Expedited preservation of electronic data"),
    )
    ASSET_TRACING = "asset_tracing", _("Identifying, tracing or freezing proceeds")
    CONFISCATION = "confiscation", _("Confiscation")
    TRANSFER_OF_DETAINED_PERSON = "transfer_detained", _("Transfer of a detained person")
    VOLUNTARY_APPEARANCE = "voluntary_appearance", _("Voluntary appearance of a person")
    SPONTANEOUS_INFORMATION = "spontaneous_information", _("Spontaneous information")
    OTHER = "other", _("Other assistance")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    OTHER = "other", _("Other document")


class LinkType(models.TextChoices):
    RELATED = "related", _("Related case")
    SAME_PERSON = "same_person", _("Concerns the same person")
    FOLLOW_UP = "follow_up", _("Follow-up request")
    COMPETING = "competing", _("Competing request")


class WarrantKind(models.TextChoices):
    """What the extradition request rests on (ETS 24 art. 12(2)(a))."""

    ARREST_WARRANT = "arrest_warrant", _("Warrant of arrest")
    JUDGMENT = "judgment", _("Conviction or sentence")
    OTHER_ORDER = "other_order", _("Other order with the same effect")


class ExtraditionPurpose(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution")
    ENFORCEMENT = "enforcement", _("Enforcement of a sentence")


class TranslationStatus(models.TextChoices):
    NEEDED = "needed", _("Needs translation")
    IN_TRANSLATION = "in_translation", _("In translation")
    TRANSLATED = "translated", _("Translated")
    CERTIFIED = "certified", _("Certified")


class PersonFileKind(models.TextChoices):
    """A file identifying a person of the case (mirrors ``rogatory.core.wire.PersonFile``):
    ETS 24 art. 12(2)(c); UN Model Treaty on Extradition art. 5(2)(a)."""

    PHOTOGRAPH = PersonFile.PHOTOGRAPH.value, _("Photograph")
    FINGERPRINTS = PersonFile.FINGERPRINTS.value, _("Fingerprints")
