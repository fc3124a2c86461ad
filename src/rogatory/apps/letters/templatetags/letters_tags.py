"""``{% load letters_tags %}``: the explicit base direction of entered text in a letter."""

from django import template

from rogatory.core.documents.bidi import text_direction

register = template.Library()


@register.filter
def text_dir(value: object) -> str:
    return text_direction(str(value or ""))


# Each language named in itself, so that a reader finds their own whatever the page's language.
_ENDONYMS = (
    ("ar", "العربية"),
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("zh-hans", "中文（简体）"),
)


@register.simple_tag
def letter_languages() -> tuple[tuple[str, str], ...]:
    return _ENDONYMS


@register.filter
def ground_name(value: object) -> str:
    """The label of a refusal ground, without the article (the summary prints the article of
    the instrument that applies beside it)."""
    from rogatory.apps.cases.choices import GroundChoice

    code = str(value)
    return str(dict(GroundChoice.choices).get(code, code))
