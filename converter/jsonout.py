"""Indented JSON, byte for byte what `json.dumps(value, ensure_ascii=False, indent=2)` writes.

With `indent`, the standard library encodes in pure Python, one generator step per value;
this walks the (shallow) agent structures directly and leaves each string to the C
encoder: about twice as fast, and the JSON writers run once per converted file. Anything
it does not know (non-text keys, other types, floats) goes to `json.dumps` itself, so the
output never differs (tests/test_jsonout.py checks it on generated values).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C version where available
from typing import Any


def dumps(value: Any) -> str:
    """`value` as JSON indented by two spaces, non-ASCII kept (no final newline)."""
    try:
        return _encode(value, "\n")
    except _UnusualValueError:
        return json.dumps(value, ensure_ascii=False, indent=2)


class _UnusualValueError(Exception):
    """A value this encoder leaves to `json.dumps`."""


def _encode(value: Any, newline: str) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    inner = newline + "  "
    if type(value) is dict:
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            if type(key) is not str:
                raise _UnusualValueError
            parts.append(encode_basestring(key) + ": " + _encode(item, inner))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if type(value) is list or type(value) is tuple:
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_encode(v, inner) for v in value) + newline + "]"
    raise _UnusualValueError  # floats (nan, inf), subclasses, anything else: json.dumps decides
