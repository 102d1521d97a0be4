"""Reading a GraphQL request body we did not write: every malformed one is a 400 naming what
is wrong, never a 500.

Python's ``json`` module is lenient where a hostile client is not: it decodes invalid UTF-8
with an exception it does not document as a parse error, accepts ``NaN`` and ``Infinity``
(not JSON), turns ``\\ud800`` into a lone surrogate that no encoder will write back (the
database driver fails on it), recurses once per nesting level until ``RecursionError``, and
``int()`` refuses more than 4,300 digits with a ``ValueError``. :func:`decode_json` closes
each of these; :func:`place_files` does the same for the multipart request's ``map``
(https://github.com/jaydenseric/graphql-multipart-request-spec).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping
from typing import Any

from cross_web import HTTPException

MAX_DEPTH = 64
"""Nesting of the whole body: a call's input is about 8 deep, a JSON answer at most 32 more."""
MAX_NUMBER_LENGTH = 40
"""Characters of one number: amounts stop at 16 digits, decimals at 40."""


def decode_json(data: str | bytes) -> object:
    """The body's JSON value, or an ``HTTPException(400)`` saying why it cannot be read.

    Syntax errors are left to the caller's ``json.JSONDecodeError`` handling (strawberry's
    "Unable to parse request body as JSON").
    """
    text = _utf8(data) if isinstance(data, bytes | bytearray) else data
    try:
        value = json.loads(
            text, parse_int=_integer, parse_float=_float, parse_constant=_not_json_constant
        )
    except RecursionError:
        raise _bad(f"The JSON body is nested more than {MAX_DEPTH} levels deep") from None
    _check_tree(value)
    return value


def _bad(reason: str) -> HTTPException:
    return HTTPException(400, reason)


def _utf8(data: bytes | bytearray) -> str:
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"The body is not valid UTF-8 (byte {exc.start})") from None


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _bad(f"A number in the body has more than {MAX_NUMBER_LENGTH} characters")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _bad(f"A number in the body has more than {MAX_NUMBER_LENGTH} characters")
    value = float(text)
    if not math.isfinite(value):
        raise _bad(f"The number {text} is too large to be read")
    return value


def _not_json_constant(name: str) -> Any:
    raise _bad(f"{name} is not a JSON value")


def _check_tree(value: object) -> None:
    """Refuse nesting beyond :data:`MAX_DEPTH` and strings with a lone surrogate, iteratively
    (a recursive walk would itself run out of stack on the body it is meant to refuse)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise _bad(f"The JSON body is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        else:
            stack.extend((child, depth + 1) for child in item)


def _check_string(text: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _bad(
            f"A string in the body holds a lone surrogate (U+{ord(text[exc.start]):04X}),"
            " which is not Unicode text"
        ) from None


def place_files(operations: object, files_map: object, files: Mapping[str, Any]) -> dict[str, Any]:
    """The operations with each mapped file put at its ``variables.…`` path.

    Each path must lead, through objects and list indexes that exist, to a ``null`` left
    for the file; a map that is not an object of lists of paths, a path that goes nowhere,
    a file that was not sent: each is a 400 naming it.
    """
    if not isinstance(operations, dict):
        raise _bad("The multipart `operations` field must be a JSON object")
    if not isinstance(files_map, dict):
        raise _bad("The multipart `map` field must be a JSON object of lists of paths")
    placed = copy.deepcopy(operations)
    for name, paths in files_map.items():
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise _bad(f"The multipart map entry {name!r} must be a list of paths")
        if name not in files:
            raise _bad(f"The multipart map names a file {name!r} that was not sent")
        for path in paths:
            _put(placed, path, files[name])
    return placed


def _put(operations: dict[str, Any], path: str, file: Any) -> None:
    *parents, last = path.split(".")
    target: Any = operations
    for key in parents:
        target = _child(target, key, path)
    _child(target, last, path)  # the placeholder must exist
    if isinstance(target, list):
        target[int(last)] = file
    else:
        target[last] = file


def _child(container: Any, key: str, path: str) -> Any:
    if isinstance(container, dict) and key in container:
        return container[key]
    if isinstance(container, list) and key.isdigit() and int(key) < len(container):
        return container[int(key)]
    raise _bad(f"The multipart map path {path[:100]!r} does not lead to a variable")
