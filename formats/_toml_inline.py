"""One line's inline table or array, as our TOML writers write one (`_toml_text.value`), read
in C (regular expressions, JSON's string scanner) for the self-check's fast path: a Codex
agent's `mcp_servers = {github = {url = "...", enabled_tools = ["a", "b"]}}`. A private
helper of `_toml_text`.

Only what `value()` writes is taken: `{k = v, k = v}` and `[v, v]` spaced so, bare keys or
quoted ones, basic strings, `true`, `false` and plain integers. Anything else
(a float, a dotted key, other spacing, a key given twice) answers None, and tomllib decides:
the fast path only ever answers where tomllib would answer the same (a property test compares
the two, tests/test_toml_fast.py).
"""

from __future__ import annotations

import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

#: a basic string JSON's scanner reads as TOML does (as `_toml_text._BASIC`)
_PLAIN = r"[^\"\\\x00-\x08\x0a-\x1f\x7f]*+"
_ESCAPE = r"\\(?:[\"\\bfnrt]|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})"
_BASIC = re.compile(rf"\"{_PLAIN}(?:{_ESCAPE}{_PLAIN})*+\"")
_KEY = re.compile(rf"(?:([A-Za-z0-9_-]+)|({_BASIC.pattern})) = ")
#: an integer as Python's str() writes one, short enough for any reader
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?![0-9A-Za-z._:+-])")
_FALSE, _TRUE = re.compile(r"false\b"), re.compile(r"true\b")

#: nesting this deep and no deeper is read here (deeper: tomllib, and its depth check)
_MOST_DEPTH = 8


class _NotOursError(Exception):
    """Not a shape our writers give: tomllib decides."""


def inline(source: str, start: int, end: int) -> Any:
    """The value `source[start:end]` holds, an inline table or array; None when it is not
    one our writers give (or `end` is not where it ends)."""
    try:
        found, stop = _value(source, start, end, 0)
    except _NotOursError:
        return None
    return found if stop == end else None


def _value(source: str, at: int, end: int, depth: int) -> tuple[Any, int]:
    if at >= end:
        raise _NotOursError
    first = source[at]
    if first == '"':
        match = _BASIC.match(source, at, end)
        if match is None:
            raise _NotOursError
        return scanstring(source, at + 1, False)[0], match.end()  # tabs, as TOML
    if first == "{" or first == "[":
        if depth >= _MOST_DEPTH:
            raise _NotOursError
        return (_table if first == "{" else _array)(source, at + 1, end, depth + 1)
    for pattern, meant in ((_TRUE, True), (_FALSE, False)):
        if pattern.match(source, at, end):
            return meant, at + (4 if meant else 5)
    match = _INTEGER.match(source, at, end)
    if match is None:
        raise _NotOursError
    return int(match.group()), match.end()


def _table(source: str, at: int, end: int, depth: int) -> tuple[dict[str, Any], int]:
    found: dict[str, Any] = {}
    if source.startswith("}", at):
        return found, at + 1
    while True:
        key = _KEY.match(source, at, end)
        if key is None:
            raise _NotOursError
        name = key.group(1)
        if name is None:  # a quoted key: a basic string
            name = scanstring(source, key.start(2) + 1, False)[0]
        if name in found:
            raise _NotOursError  # tomllib refuses a key given twice
        found[name], at = _value(source, key.end(), end, depth)
        at, closed = _after(source, at, "}")
        if closed:
            return found, at


def _array(source: str, at: int, end: int, depth: int) -> tuple[list[Any], int]:
    found: list[Any] = []
    if source.startswith("]", at):
        return found, at + 1
    while True:
        item, at = _value(source, at, end, depth)
        found.append(item)
        at, closed = _after(source, at, "]")
        if closed:
            return found, at


def _after(source: str, at: int, closing: str) -> tuple[int, bool]:
    """Past the ", " before the next item, or past `closing` (True): as `value()` writes."""
    if source.startswith(", ", at):
        return at + 2, False
    if source.startswith(closing, at):
        return at + 1, True
    raise _NotOursError
