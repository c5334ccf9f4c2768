"""JSON text as the JSON-based formats write it (`json`, `claude-json`, `kiro`): exactly
`json.dumps(value, ensure_ascii=False, indent=2)`. A private helper: no format knowledge.

Why not `json.dumps` itself: with `indent`, the standard library encodes in Python through
closures that refer to one another, made anew for every call, so each file written leaves
some 30 objects in a reference cycle for the cycle collector to find (a batch of 1,000
agents: 33,000); strings are still encoded by its C function here. Anything but the plain
JSON types (a key that is no string, another type) goes to `json.dumps`, whose answer or
error it then is.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any


class _OtherValueError(Exception):
    """A value this writer leaves to `json.dumps`."""


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, without its reference cycles."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except (_OtherValueError, RecursionError, ValueError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _write(value: Any, out: list[str], newline: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        before = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _OtherValueError  # json's own key rules (numbers, booleans, None as text)
            out.append(before)
            out.append(encode_basestring(key))
            out.append(": ")
            _write(item, out, inner)
            before = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        before = "[" + inner
        for item in value:
            out.append(before)
            _write(item, out, inner)
            before = "," + inner
        out.append(newline + "]")
    else:
        raise _OtherValueError


def _float(value: float) -> str:
    """A float as json writes it (`float.__repr__`; NaN and the infinities by name)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)
