"""UN document symbols of the Conference of the Parties and its working groups.

Form: `CTOC/COP/` then, for a working group, `WG.<n>/`, then the year and the number
(`CTOC/COP/WG.3/2024/2`), or a conference room paper or information document
(`.../CRP.1`, `.../INF/1`), with any addendum, revision or corrigendum suffixes
(`/Add.1`, `/Rev.1`, `/Corr.1`).
"""

import re

from rogatory.core.errors import DomainError

SYMBOL = re.compile(
    r"^CTOC/COP/(?:WG\.[1-9][0-9]?/)?(?:19|20)[0-9]{2}/(?:[1-9][0-9]{0,2}|CRP\.[1-9][0-9]{0,2}|INF/[1-9][0-9]{0,2})"
    r"(?:/(?:Add|Rev|Corr)\.[1-9][0-9]?)*$"
)

# The six official languages of the United Nations, in which documents are issued.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


def check_symbol(text: str) -> str:
    value = text.strip()
    if not SYMBOL.match(value):
        raise DomainError("review.symbol_invalid", field="symbol", value=value[:60])
    return value
