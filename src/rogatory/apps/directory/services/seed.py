"""Every UN Member State from pycountry, named in the six UN languages by babel's CLDR data."""

import pycountry
from babel import Locale

from rogatory.apps.directory.models import State
from rogatory.apps.directory.un_members import FICTIONAL_STATES, UN_MEMBER_CODES

# Django language code -> CLDR locale.
UN_LANGUAGES = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh-hans": "zh_Hans"}


def _names(code: str) -> dict[str, str]:
    return {lang: Locale.parse(cldr).territories[code] for lang, cldr in UN_LANGUAGES.items()}


def directory_seed_states() -> int:
    """Create or refresh the States (idempotent); return how many exist afterwards."""
    rows = []
    for code in sorted(UN_MEMBER_CODES):
        country = pycountry.countries.get(alpha_2=code)
        if country is None:  # pragma: no cover - pycountry covers every Member State
            raise LookupError(code)
        rows.append(State(code=code, alpha3=country.alpha_3, names=_names(code), un_member=True))
    for code, names in FICTIONAL_STATES.items():
        rows.append(State(code=code, alpha3=f"X{code[1]}X", names=names, fictional=True))
    State.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["alpha3", "names", "un_member", "fictional"],
    )
    return State.objects.count()
