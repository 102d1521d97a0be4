"""The one cleaning rule for typed text: one-line fields lose every control character, long
texts keep their line breaks and tabs."""

from __future__ import annotations

import pytest

from backend.core.text import long_text, one_line, optional_line


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Appel\x00 à projets", "Appel à projets"),
        ("IA\u202egpj.exe", "IAgpj.exe"),
        ("\u2066Charité\u2069 Berlin", "Charité Berlin"),
        ("line one\nline two\r\nthree\tfour", "line one line two  three four"),
        ("bell\x07 and C1 \x9b[31m", "bell and C1 [31m"),
        ("  padded \u2028 ", "padded"),
        ("عربي English", "عربي English"),
    ],
)
def test_one_line_drops_controls_and_bidi_overrides(raw, clean):
    assert one_line(raw) == clean


def test_long_text_keeps_line_breaks_and_tabs():
    raw = "# Titre\r\n\r\nPremier\tparagraphe\rsuite\x00\u202e\x1b[0m\u2029fin\n"
    assert long_text(raw) == "# Titre\n\nPremier\tparagraphe\nsuite[0m\nfin"


def test_optional_line_keeps_none():
    assert optional_line(None) is None
    assert optional_line(" x\x00 ") == "x"
