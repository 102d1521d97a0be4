"""Finding what a PDF must not carry to an evaluator's reader: scripts, actions that run by
themselves, launch commands, embedded files, and bytes hidden after its end.

A dossier is read, not run. Readers execute ``/JavaScript`` (``/JS``), run ``/OpenAction``
on opening and ``/AA`` (additional actions) on events, start programs through ``/Launch``,
and open ``/EmbeddedFile(s)``: each can carry malware into a reviewer's machine, and none
belongs in an application form. Data after the last ``%%EOF`` is ignored by readers, which
is how a ZIP rides along inside a valid PDF (a polyglot). An ``/OpenAction`` that is a plain
destination (``[3 0 R /Fit]``, "open at page 1") only sets the view and is kept.

Two looks, because each misses what the other sees: the bytes outside streams (names may be
spelt with ``#xx`` escapes, and objects a lenient reader recovers need not be reachable), and
pypdf's objects from the trailer down (objects compressed inside object streams are not in
the bytes). Stream data is skipped in the byte look: compressed bytes hold ``/JS`` by chance.
Nothing here raises: :mod:`backend.core.uploads` turns findings into its errors.
"""

from __future__ import annotations

import re
from typing import Any

ACTIVE_NAMES: dict[str, str] = {
    "JavaScript": "JavaScript (/JavaScript)",
    "JS": "JavaScript (/JS)",
    "OpenAction": "an action run on opening (/OpenAction)",
    "AA": "actions run on events (/AA)",
    "Launch": "a command to launch a program (/Launch)",
    "EmbeddedFile": "an embedded file (/EmbeddedFile)",
    "EmbeddedFiles": "embedded files (/EmbeddedFiles)",
}
"""PDF name (without its slash) -> how the refusal describes it."""

MAX_OBJECTS = 200_000
"""Objects visited at most; a file beyond it is refused as unreadable by the caller's limit."""

_EOF = b"%%EOF"
_PADDING = b" \t\r\n\f\x00"
_DELIMITER = rb"(?=[\s()<>\[\]{}/%]|\Z)"
_NAME = re.compile(rb"/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)" + _DELIMITER)
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_DESTINATION_AFTER = re.compile(rb"\s*\[")


class TooManyObjects(Exception):
    """The object graph is larger than :data:`MAX_OBJECTS`."""


def trailing_bytes(content: bytes) -> int | None:
    """Bytes after the last ``%%EOF`` other than line ends and padding; None without one."""
    end = content.rfind(_EOF)
    if end < 0:
        return None
    rest = content[end + len(_EOF) :].lstrip(_PADDING)
    return len(rest) if rest.strip(_PADDING) else 0


def active_names_in_bytes(content: bytes) -> set[str]:
    """Active-content names written in the file outside stream data, ``#xx`` escapes read."""
    found: set[str] = set()
    for text in _outside_streams(content):
        for match in _NAME.finditer(text):
            name = _unescape(match.group(1))
            if name == "OpenAction" and _DESTINATION_AFTER.match(text, match.end()):
                continue
            if name in ACTIVE_NAMES:
                found.add(name)
    return found


def _outside_streams(content: bytes) -> list[bytes]:
    parts, position = [], 0
    for start in _STREAM_START.finditer(content):
        if start.start() < position:
            continue
        parts.append(content[position : start.start()])
        end = content.find(b"endstream", start.end())
        position = len(content) if end < 0 else end + len(b"endstream")
    parts.append(content[position:])
    return parts


def _unescape(raw: bytes) -> str:
    if b"#" in raw:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return raw.decode("latin-1")


def active_names_in_objects(reader: Any) -> set[str]:
    """Active-content names used as keys or values by any object reachable from the trailer
    (pypdf ``PdfReader``); raises :class:`TooManyObjects` past :data:`MAX_OBJECTS`."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_OBJECTS:
                raise TooManyObjects
            stack.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key[1:] in ACTIVE_NAMES and not _is_view_only(key, value, ArrayObject):
                    found.add(key[1:])
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item[1:] in ACTIVE_NAMES:
            found.add(item[1:])
    return found


def _is_view_only(key: str, value: Any, array_type: type) -> bool:
    """An ``/OpenAction`` that is a destination (an array) only chooses the first view."""
    return key == "/OpenAction" and isinstance(value.get_object(), array_type)


def describe(names: set[str]) -> str:
    """``JavaScript (/JS), embedded files (/EmbeddedFiles)``: what the refusal names."""
    return ", ".join(ACTIVE_NAMES[name] for name in sorted(names))
