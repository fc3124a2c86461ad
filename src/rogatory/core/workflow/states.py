"""The vocabulary of the workflow: directions, kinds of case, states and roles.

Values are stable identifiers stored in the database and sent between nodes; the Django models
use the same values (a test keeps them equal).
"""

from enum import StrEnum


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class CaseKind(StrEnum):
    MLA = "mla"
    EXTRADITION = "extradition"
    PROVISIONAL_ARREST = "provisional_arrest"
    TRANSFER_OF_SENTENCED_PERSONS = "transfer_sentenced"
    TRANSFER_OF_PROCEEDINGS = "transfer_proceedings"
    CONFISCATION = "confiscation"
    JOINT_INVESTIGATION_TEAM = "jit"

    @property
    def is_extradition(self) -> bool:
        # A provisional-arrest request (UNTOC art. 16(9)) is the urgent first step of an
        # extradition and follows the same custody-bound steps.
        return self in (CaseKind.EXTRADITION, CaseKind.PROVISIONAL_ARREST)


class CaseState(StrEnum):
    # Outgoing requests (we are the requesting State).
    DRAFT = "draft"
    # Four eyes: the drafting officer hands the draft to a supervisor, who approves it or
    # returns it to drafting.
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    TRANSMITTED = "transmitted"
    ACKNOWLEDGED = "acknowledged"
    # Incoming requests (we are the requested State).
    RECEIVED = "received"
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    UNDER_EXECUTION = "under_execution"
    # UNTOC art. 18(16): the requested State may ask for additional information.
    ADDITIONAL_INFORMATION_REQUESTED = "additional_information_requested"
    # UNTOC art. 18(25): execution postponed because it would interfere with proceedings.
    POSTPONED = "postponed"
    PARTIALLY_EXECUTED = "partially_executed"
    # Extradition steps (UNTOC art. 16(9) custody, then hearing, decision and surrender).
    PROVISIONALLY_ARRESTED = "provisionally_arrested"
    EXTRADITION_HEARING = "extradition_hearing"
    EXTRADITION_GRANTED = "extradition_granted"
    SURRENDERED = "surrendered"
    # Outcomes.
    EXECUTED = "executed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


TERMINAL_STATES = frozenset({CaseState.CLOSED})
OPEN_STATES = frozenset(set(CaseState) - TERMINAL_STATES)


class Role(StrEnum):
    REGISTRY_CLERK = "registry_clerk"
    CASE_OFFICER = "case_officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
    # The Secretariat of the Conference of the Parties runs the review mechanism's register on
    # its own node (COP resolution 9/1, annex, para. 47); it handles no case.
    SECRETARIAT = "secretariat"
