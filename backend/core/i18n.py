"""Languages of the platform and localised text (fr/en/de)."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    FR = "fr"
    EN = "en"
    DE = "de"


FALLBACK_ORDER = (Language.FR, Language.EN, Language.DE)


def pick_text(texts: dict[str, str], language: Language | None) -> str | None:
    """The text in ``language`` when present, else the first of fr, en, de that exists."""
    if language is not None and texts.get(language.value):
        return texts[language.value]
    for fallback in FALLBACK_ORDER:
        if texts.get(fallback.value):
            return texts[fallback.value]
    return None
