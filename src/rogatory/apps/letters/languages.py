"""The six UN languages a letter can be written in, and how each is laid out."""

from enum import StrEnum

from rogatory.core.errors import DomainError


class LetterLanguage(StrEnum):
    """Django's language codes of the six official UN languages (reference §9)."""

    AR = "ar"
    EN = "en"
    ES = "es"
    FR = "fr"
    RU = "ru"
    ZH = "zh-hans"

    @property
    def rtl(self) -> bool:
        return self is LetterLanguage.AR

    @property
    def babel_locale(self) -> str:
        # "en_001": English as written outside the United States, day before month.
        return {"en": "en_001", "zh-hans": "zh_Hans"}.get(self.value, self.value)

    @property
    def short(self) -> str:
        """The code in file names and the API ("zh" rather than Django's "zh-hans")."""
        return self.value.split("-")[0]


class LetterFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"

    @property
    def content_type(self) -> str:
        if self is LetterFormat.PDF:
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


_ALIASES = {"zh": LetterLanguage.ZH, "zh-cn": LetterLanguage.ZH, "zh_hans": LetterLanguage.ZH}


def parse_language(value: str | None) -> LetterLanguage:
    code = (value or "").strip().lower()
    if code in _ALIASES:
        return _ALIASES[code]
    try:
        return LetterLanguage(code)
    except ValueError:
        raise DomainError("letter.unknown_language", value=code[:16]) from None


def parse_format(value: str | None) -> LetterFormat:
    code = (value or "").strip().lower()
    try:
        return LetterFormat(code)
    except ValueError:
        raise DomainError("letter.unknown_format", value=code[:16]) from None


def letter_filename(reference: str, language: LetterLanguage, fmt: LetterFormat) -> str:
    return f"{reference.replace('/', '-')}-letter-{language.short}.{fmt.value}"


def letter_filenames(reference: str) -> list[str]:
    """Every file name a letter of this case can have: attached, they are the letter itself in
    another language or format, not annexes to it."""
    return [
        letter_filename(reference, lang, fmt) for lang in LetterLanguage for fmt in LetterFormat
    ]
