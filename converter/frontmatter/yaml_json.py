"""A document PyYAML constructed, as JSON values: odd YAML types (binary, sets, timestamps,
keys that are not text) become text, and each such change is noted for a diagnostic."""

from __future__ import annotations

from typing import Any

from converter.frontmatter.schemas import Date
from converter.frontmatter.yaml_flat import LoadNotes


def mapping(data: Any, notes: LoadNotes, key_lines: dict[str, int]) -> dict[str, Any]:
    """The constructed document as JSON values; odd YAML types become text, and are noted."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        name = _key(key, notes, 0)
        result[name] = _value(value, notes, key_lines.get(name, 0))
    return result


def _key(key: Any, notes: LoadNotes, line: int) -> str:
    if isinstance(key, str):
        return key
    text = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
    notes.coerced.append((f"key {text!r} is not text; kept as the text {text!r}", line))
    return text


def _value(value: Any, notes: LoadNotes, line: int) -> Any:
    if value is None or isinstance(value, bool | int | float | str | Date):  # (schemas.py)
        return value
    if isinstance(value, list):
        return [_value(item, notes, line) for item in value]
    if isinstance(value, dict):
        return {_key(k, notes, line): _value(v, notes, line) for k, v in value.items()}
    if isinstance(value, bytes):
        import base64

        text = base64.b64encode(value).decode("ascii")
        notes.coerced.append(("a !!binary value is kept as base64 text", line))
        return text
    if isinstance(value, set):
        notes.coerced.append(("a !!set is kept as a list", line))
        return sorted((_value(v, notes, line) for v in value), key=repr)
    if isinstance(value, tuple):
        return [_value(v, notes, line) for v in value]
    if hasattr(value, "isoformat"):
        notes.coerced.append((f"a timestamp is kept as the text {value.isoformat()!r}", line))
        return value.isoformat()
    notes.coerced.append((f"a {type(value).__name__} value is kept as text", line))
    return str(value)
