"""The one rule for text people type: what we keep of invisible characters.

Titles, names, labels and other one-line fields keep no control character: C0 and C1 controls
(NUL included), DEL, the bidirectional embeddings and overrides U+202A-U+202E and the
isolates U+2066-U+2069 are dropped; a line or paragraph break, a tab or a form feed becomes
a space. Long texts (descriptions, answers, reasons) keep their line breaks (CR LF and CR
become LF) and tabs, and lose the same invisible characters.

Cleaning, not refusing: these characters arrive by copy and paste from PDFs and word
processors, cannot be seen, so an error naming them could not be acted on; kept, they break
the one-line layout of lists and receipts, let ``U+202E`` show ``cod.exe`` as ``exe.doc``,
and NUL is refused by PostgreSQL (a server error, not a field error). Every service that
stores typed text passes it through :func:`one_line` or :func:`long_text`.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069)."""

_LINE_SPACING = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]")
_INVISIBLE = re.compile(f"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f{BIDI_CONTROLS}]")
_INVISIBLE_IN_LONG_TEXT = re.compile(f"[\x00-\x08\v\f\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI_CONTROLS}]")
_LINE_ENDINGS = re.compile("\r\n?|[\x85\u2028\u2029]")


def one_line(value: str) -> str:
    """``value`` for a one-line field: breaks as spaces, no control character, trimmed."""
    return _INVISIBLE.sub("", _LINE_SPACING.sub(" ", value)).strip()


def long_text(value: str) -> str:
    """``value`` for a multi-line field: LF line breaks and tabs kept, other controls
    dropped, trimmed at both ends."""
    return _INVISIBLE_IN_LONG_TEXT.sub("", _LINE_ENDINGS.sub("\n", value)).strip()


def optional_line(value: str | None) -> str | None:
    """:func:`one_line` that keeps ``None``."""
    return None if value is None else one_line(value)


_SPACES = re.compile(r"\s+")


def search_key(value: str) -> str:
    """``value`` folded for matching what people type: no accents, no case, single spaces.

    "Hôpital  Saint-Éloi" and "hopital saint-eloi" give the same key. Stored next to a name
    (``organisation.name_key``), it makes the search accent- and case-insensitive on every
    database, with a plain index, without PostgreSQL's ``unaccent`` extension.
    """
    decomposed = unicodedata.normalize("NFKD", one_line(value))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()
