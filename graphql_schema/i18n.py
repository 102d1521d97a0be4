"""Localised text as GraphQL sees it: every language at once, or one with a fallback."""

from __future__ import annotations

import strawberry

from backend.core.i18n import Language

LanguageEnum = strawberry.enum(Language, name="Language")


@strawberry.type
class LocalizedText:
    fr: str | None
    en: str | None
    de: str | None

    @classmethod
    def of(cls, texts: dict[str, str]) -> LocalizedText:
        return cls(fr=texts.get("fr"), en=texts.get("en"), de=texts.get("de"))


@strawberry.input
class LocalizedTextInput:
    fr: str | None = None
    en: str | None = None
    de: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("fr", self.fr), ("en", self.en), ("de", self.de)) if v}
