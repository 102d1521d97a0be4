"""What a call's search matches: its reference, titles and descriptions in every language.

Both the stored document (``call.search_text``, kept by the call services) and what someone
types go through :func:`search_key`: accents stripped (NFKD, combining marks dropped), case
folded, punctuation and Markdown markup turned into spaces, spaces collapsed. A plain
``LIKE`` on the stored column then ignores case and accents on SQLite and PostgreSQL alike,
without an extension (``unaccent``, ICU collations) on either.
"""

from __future__ import annotations

import unicodedata

from backend.calls.models import Call

_WORD_CATEGORIES = ("L", "N")
"""Letters and digits are kept; every other character separates words."""


def search_key(text: str) -> str:
    """``text`` as searched: ``"Études d'IA"`` -> ``"etudes d ia"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        char if unicodedata.category(char)[0] in _WORD_CATEGORIES else " "
        for char in decomposed
        if not unicodedata.combining(char)
    )
    return " ".join("".join(kept).casefold().split())


def search_document(call: Call) -> str:
    """One line per part (reference, each title, each description): a searched word is
    found within one part, never made of the end of one and the start of the next."""
    parts = [call.reference, *call.title.values(), *call.description.values()]
    return "\n".join(key for part in parts if (key := search_key(part)))
