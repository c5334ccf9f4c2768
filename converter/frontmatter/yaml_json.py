"""A document PyYAML constructed, as JSON values: odd YAML types (binary, sets, timestamps,
keys that are not text) become text, and each such change is noted for a diagnostic; read as
a tool's parser reads them, what it builds of YAML's own tags instead (yaml_explicit.py)."""

from __future__ import annotations

from typing import Any

from converter.frontmatter.schemas import BUN, JS_YAML_3, JS_YAML_4, SERDE, Binary, Date
from converter.frontmatter.yaml_flat import LoadNotes

#: the tools' parsers (schemas.py): each reads a `!!set` as a mapping, js-yaml's a `!!binary`
#: as bytes and a `!!timestamp` as a Date (yaml_explicit.py)
_TOOLS, _JS_YAML = (BUN, SERDE, JS_YAML_4, JS_YAML_3), (JS_YAML_4, JS_YAML_3)


class TaggedSet(dict[Any, None]):
    """A `!!set`, its keys in their written order: a list in our reading, a mapping of keys
    to null in the tools' parsers'."""


def mapping(
    data: Any, notes: LoadNotes, key_lines: dict[str, int], parser: str = ""
) -> dict[str, Any]:
    """The constructed document as JSON values; odd YAML types become text, and are noted;
    with a tool's `parser`, YAML's own tags are what it builds of them."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        name = _key(key, notes, 0)
        result[name] = _value(value, notes, key_lines.get(name, 0), parser)
    return result


def as_written(
    data: dict[str, Any], keep: frozenset[str]
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """`data` as a js-yaml parser read it, with each date or bytes it built (`!!timestamp`,
    `!!binary`) as the text written, but under the keys in `keep`; and each key whose value
    was one, with what the parser read (for the tool's rules to judge)."""
    typed = []
    written = dict(data)
    for key, value in data.items():
        if key not in keep and _holds_typed(value):
            written[key] = _texts(value)
            typed.append((key, value))
    return written, typed


def _holds_typed(value: Any) -> bool:
    if isinstance(value, Date | Binary):
        return True
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_holds_typed(item) for item in items)


def _texts(value: Any) -> Any:
    if isinstance(value, Date | Binary):
        return value.text
    if isinstance(value, dict):
        return {key: _texts(item) for key, item in value.items()}
    return [_texts(item) for item in value] if isinstance(value, list) else value


def _key(key: Any, notes: LoadNotes, line: int) -> str:
    if isinstance(key, str):
        return key
    text = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
    notes.coerced.append((f"key {text!r} is not text; kept as the text {text!r}", line))
    return text


def _value(value: Any, notes: LoadNotes, line: int, parser: str) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Date | Binary):  # (schemas.py: a plain date to js-yaml, `!!binary`)
        if parser in _JS_YAML:
            return value  # a Date, bytes: no text
        kind = "!!binary" if isinstance(value, Binary) else "!!timestamp"
        notes.coerced.append((f"a {kind} value is kept as the text written", line))
        return value.text
    if isinstance(value, TaggedSet):
        if parser in _TOOLS:
            return {_key(k, notes, line): None for k in value}
        notes.coerced.append(("a !!set is kept as a list", line))
        return [_value(v, notes, line, parser) for v in value]
    if isinstance(value, list):
        return [_value(item, notes, line, parser) for item in value]
    if isinstance(value, dict):
        return {_key(k, notes, line): _value(v, notes, line, parser) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_value(v, notes, line, parser) for v in value]
    notes.coerced.append((f"a {type(value).__name__} value is kept as text", line))
    return str(value)
