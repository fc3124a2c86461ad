"""Kinds of hearing by video, who takes part, and the law each kind rests on.

UNTOC art. 18(18) lets the requested State permit a witness or expert to be heard by video
"if it is not possible or desirable" for them to appear in person; ETS 182 art. 9 sets the
procedure (a judicial authority of the requested Party present, identification, minutes) and
art. 9(8) reserves suspects and accused persons to agreement and the person's consent;
Directive 2014/41/EU art. 24 covers suspects and accused persons too, consent being a ground
for refusal (art. 24(2)(a)). Extradition hearings by video rest on national law; we hold them
to the same safeguards, the person sought being an accused of the requesting State.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rogatory.core.errors import DomainError


class HearingKind(StrEnum):
    WITNESS = "witness"
    EXPERT = "expert"
    SUSPECT_ACCUSED = "suspect_accused"
    # Extradition: the person sought appears from the place of detention.
    DETENTION = "detention"
    CONSENT_TO_SURRENDER = "consent_to_surrender"
    EXTRADITION = "extradition"


class ParticipantRole(StrEnum):
    PRESIDING_JUDGE = "presiding_judge"
    # ETS 182 art. 9(5): the requested Party's judicial authority is present with the person,
    # identifies them and sees that its fundamental principles are respected.
    REQUESTED_JUDICIAL_OFFICER = "requested_judicial_officer"
    PROSECUTOR = "prosecutor"
    DEFENCE_REQUESTING = "defence_requesting"
    DEFENCE_REQUESTED = "defence_requested"
    INTERPRETER = "interpreter"
    PERSON_HEARD = "person_heard"
    TECHNICAL_CONTACT = "technical_contact"

    @property
    def moderates(self) -> bool:
        """Who may mute, admit and end in the conference room: the judges conduct the hearing
        (ETS 182 art. 9(5)) and the official present may intervene (art. 9(5))."""
        return self in (
            ParticipantRole.PRESIDING_JUDGE,
            ParticipantRole.REQUESTED_JUDICIAL_OFFICER,
        )


class HearingMode(StrEnum):
    VIDEO = "video"
    # A telephone conference: a dial-in number and a conference code instead of a video room.
    TELEPHONE = "telephone"


# UNTOC art. 18(18) provides for hearings by videoconference only; a hearing by telephone
# conference is provided for witnesses and experts (EU MLA Convention 2000 art. 11(1);
# ETS 182 art. 10(1)) and for no one else: suspects, accused persons and extradition hearings
# are heard by video, where the official present can see and identify the person.
TELEPHONE_KINDS = frozenset({HearingKind.WITNESS, HearingKind.EXPERT})


def mode_check(kind: HearingKind, mode: HearingMode) -> None:
    """Refuse a hearing by telephone of anyone but a witness or an expert."""
    if mode is HearingMode.TELEPHONE and kind not in TELEPHONE_KINDS:
        raise DomainError("hearing.telephone_not_allowed", kind=kind.value)


@dataclass(frozen=True, slots=True)
class KindRule:
    basis: str
    # Whether the person's consent to be heard by video is a step that cannot be skipped.
    consent_required: bool
    # Whether the person has defence counsel to consult confidentially during the hearing.
    defence: bool
    extradition: bool = False


_BASIS_MLA = "UNTOC art. 18(18); ETS 182 art. 9; Directive 2014/41/EU art. 24"
_BASIS_ACCUSED = "ETS 182 art. 9(8); Directive 2014/41/EU art. 24(2)(a)"
# No instrument-level rule on extradition hearings by video: national law, with the
# safeguards of ETS 182 art. 9 and Directive 2014/41/EU art. 24 applied by analogy.
_BASIS_EXTRADITION = "national law; safeguards of ETS 182 art. 9 and Directive 2014/41/EU art. 24"

K = HearingKind
KIND_RULES: dict[HearingKind, KindRule] = {
    K.WITNESS: KindRule(_BASIS_MLA, consent_required=False, defence=False),
    K.EXPERT: KindRule(_BASIS_MLA, consent_required=False, defence=False),
    K.SUSPECT_ACCUSED: KindRule(_BASIS_ACCUSED, consent_required=True, defence=True),
    K.DETENTION: KindRule(_BASIS_EXTRADITION, True, True, extradition=True),
    # The consent to surrender itself is a declaration recorded in the hearing and starts the
    # 10-day decision clock of the EAW Framework Decision 2002/584/JHA art. 17(2).
    K.CONSENT_TO_SURRENDER: KindRule(
        "EAW FD 2002/584/JHA art. 13; " + _BASIS_EXTRADITION, True, True, extradition=True
    ),
    K.EXTRADITION: KindRule(_BASIS_EXTRADITION, True, True, extradition=True),
}

# ISO 639-1 codes of the six UN languages, the languages minutes are drawn up in.
UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
