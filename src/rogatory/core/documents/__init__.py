"""Formal documents as pure structure: which sections a letter of request has, in which order,
and the article that requires each. Rendering (PDF, DOCX) and translation live in
``rogatory.apps.letters``."""

from rogatory.core.documents.sections import (
    ARTICLES,
    Block,
    Entry,
    Field,
    Letter,
    Section,
    SectionView,
    is_extradition_kind,
    sections_for,
)

__all__ = [
    "ARTICLES",
    "Block",
    "Entry",
    "Field",
    "Letter",
    "Section",
    "SectionView",
    "is_extradition_kind",
    "sections_for",
]
