"""A mapping key that is not text (a list, a mapping, a number, `true`, `null`), read as the
text the tools' parsers make of it.

PyYAML refuses a list key (`? [a, b]`: "found unhashable key"), which lost the whole header,
and makes `1` and `true` one key. The JavaScript parsers the tools use load every key as a
JavaScript object's key: the text `String(key)` makes of it. Claude Code 2.1.332 (Bun.YAML)
reads `? [a, b]` as the key "a,b" and `1.50` as "1.5" (its debug log names each as a key it
does not apply); js-yaml, in Gemini CLI and OpenCode, does the same (`storeMappingPair`: a
mapping inside the key is "[object Object]").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from converter.errors import LimitError, SourceSpan
from converter.frontmatter.pyyaml import yaml

_STR = "tag:yaml.org,2002:str"
#: a key's text is far shorter; only aliases that repeat long anchors make a longer one
#: (the header's values are counted, aliases expanded, before this: yaml_walk.walk)
LONGEST_KEY = 65_536


def construct_map(loader: Any, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
    """PyYAML's constructor of a mapping, with each key that is not text (a list or a mapping,
    and `1`, `true`, `null`: JavaScript's objects have text keys only, and to Python `1` and
    `true` are one key) made its text first, and noted as yaml_walk.walk notes the others:
    its line, and a key written twice.

    Raises:
        LimitError: such a key's text would run past LONGEST_KEY characters.
    """
    data: dict[Any, Any] = {}
    yield data
    if any(key.tag != _STR for key, _ in node.value):  # a list, a number, `null`, `true`...
        _keys_as_text(loader, node)
    data.update(loader.construct_mapping(node))


def _keys_as_text(loader: Any, node: yaml.MappingNode) -> None:
    path, first_line = getattr(loader, "place", ("<yaml>", 1))
    notes, root = getattr(loader, "notes", None), getattr(loader, "root", None)
    built_by: dict[str, bool] = {}  # each key's text: whether a list or mapping made it
    for index, (key, value) in enumerate(node.value):
        built, line = key.tag != _STR, key.start_mark.line + first_line
        read = loader.construct_object(key, deep=True) if built else key.value
        if isinstance(read, str) and key.tag in _NUMBERS:  # a number kept as written: `1.50`
            read = _core_number(read, key.tag)  # is the key "1.5" to them all (seen so)
        if isinstance(read, str):
            built, text = False, read
        else:
            parts: list[str] = []
            if not _javascript_text(read, parts, [0]):
                raise LimitError(
                    f"a YAML key that is a list expands past {LONGEST_KEY:,} characters",
                    span=SourceSpan(path, line),
                    hint="aliases (*name) that repeat large anchors are refused",
                )
            text = "".join(parts)
            if isinstance(key, yaml.ScalarNode) and notes is not None:  # `1`, `true`, `null`
                notes.coerced.append((f"key {text!r} is not text; kept as the text {text!r}", line))
            # quoted (style '"'): the text as it is, never read as a number or a YAML 1.1 word
            text_node = yaml.ScalarNode(_STR, text, key.start_mark, key.end_mark, '"')
            node.value[index] = (text_node, value)
        # a key twice, both plain text, is noted already (yaml_walk.walk)
        if notes is not None and text in built_by and (built or built_by[text]):
            notes.duplicate_keys.append((text, line))
        built_by[text] = built or built_by.get(text, False)
        if notes is not None and node is root and built_by[text]:
            notes.key_lines[text] = line  # the last one's line, as its value is the last one


def _javascript_text(value: Any, parts: list[str], length: list[int]) -> bool:
    """`String(value)` in JavaScript, for what YAML loads, added to `parts` (a list joined by
    commas, null as nothing; any mapping "[object Object]"; a whole number without `.0`);
    False once they hold more than LONGEST_KEY characters."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if index:
                parts.append(",")
            if item is not None and not _javascript_text(item, parts, length):
                return False
        return True
    if isinstance(value, dict):
        text = "[object Object]"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        text = str(int(value))
    elif isinstance(value, float) and (value != value or abs(value) == _INFINITY):
        text = "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
    else:
        text = str(value)
    parts.append(text)
    length[0] += len(text)
    return length[0] <= LONGEST_KEY


_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_INFINITY = float("inf")


def _core_number(text: str, tag: str) -> int | float | str:
    """A number YAML 1.2's core schema reads (`0x1F`, `0o17`, `1.50`, `.inf`), which we keep
    as written in a value: as a key, the number, as every tool's parser makes its text."""
    sign, body = (-1 if text[:1] == "-" else 1), text.lstrip("+-")
    try:
        if tag == _NUMBERS[0]:
            base = {"0x": 16, "0o": 8}.get(body[:2], 10)
            return sign * int(body[2:] if base != 10 else body, base)
        if body.lower() in (".inf", ".nan"):
            return sign * _INFINITY if body.lower() == ".inf" else float("nan")
        return sign * float(body)
    except ValueError:  # (past Python's 4,300 digits: the text it is)
        return text
