"""Turn parsed values into model fields, with one shared set of rules and diagnostics.

Every reader (YAML, JSON, TOML, tags) calls these, so `tools: Read, Write`, a number where
text belongs, or a list where a name belongs is treated the same way in every format.
"""

from __future__ import annotations

import math
import re
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.errors import ParseError, SourceSpan, ValidationError, too_deep
from converter.model import JSONValue
from converter.options import DEPTH_CEILING, MAX_DEPTH

# Claude Code splits a tools string on commas and spaces outside parentheses, so
# `Bash(git add:*), Read` is two tools (formats.md §1.1, S1).
# possessive repeats: a tool list of megabytes must not keep regex state per character
_TOOL_TOKEN = re.compile(r"(?:[^,\s()]++|\([^()]*+\))++")


def split_tools(text: str) -> tuple[str, ...]:
    """`"Read, Write Bash(git *)"` → `("Read", "Write", "Bash(git *)")`."""
    return tuple(_TOOL_TOKEN.findall(text))


def join_tools(tools: tuple[str, ...]) -> str | None:
    """The comma form of a tool list, or `None` when splitting it would not give it back."""
    if not tools:
        return None
    text = ", ".join(tools)
    return text if split_tools(text) == tools else None


def text_field(
    value: Any, field: str, diags: Diagnostics, line: int | None, *, required: bool = False
) -> str | None:
    """A text field: text stays; a number or boolean becomes its text (noted); else an error."""
    if value is None:
        if required:
            raise ValidationError(f"'{field}' is empty", span=SourceSpan(diags.path, line))
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        text = str(value).lower() if isinstance(value, bool) else str(value)
        diags.add(
            Code.VALUE_COERCED,
            f"'{field}' is a {type(value).__name__}; kept as the text {text!r}",
            line=line,
            field=field,
        )
        return text
    raise ValidationError(
        f"'{field}' must be text, not a {_kind(value)}",
        span=SourceSpan(diags.path, line),
        hint=f"write it as {field}: some text",
    )


def model_field(value: Any, diags: Diagnostics, line: int | None) -> str | tuple[str, ...] | None:
    """`model`: text, or a list of text (Copilot's prioritised list, formats.md §5.1). A map,
    or a list holding one, names no model: left out, and said (Claude Code 2.1.332 loads
    such an agent with its default model; the tools that check the kind refuse it, said by
    their readers)."""
    if isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(item, dict | list) for item in value)
    ):
        diags.add(
            Code.FIELD_DROPPED,
            f"'model' names no model (a {_kind(value)}); left out",
            line=line,
            field="model",
        )
        return None
    if isinstance(value, list):
        return tuple(str(text_field(item, "model", diags, line, required=True)) for item in value)
    return text_field(value, "model", diags, line)


def tools_field(value: Any, diags: Diagnostics, line: int | None) -> tuple[str, ...]:
    """A present `tools` value: a list or a comma string; empty or null allows no tools.

    The caller handles an absent field (inherit all); never conflate the two.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        names = split_tools(value)
        if "'" in value or '"' in value:
            say_quoted(names, diags, line)
        return names
    if isinstance(value, list):
        return tuple(str(text_field(item, "tools", diags, line, required=True)) for item in value)
    raise ValidationError(
        f"'tools' must be a list or a comma-separated string, not a {_kind(value)}",
        span=SourceSpan(diags.path, line),
        hint="write it as tools: Read, Grep, Glob",
    )


def say_quoted(names: tuple[str, ...], diags: Diagnostics, line: int | None) -> None:
    """A comma list's names in quotes (`tools: read, 'azure-mcp/*'`): the tools cut the text
    at its commas without reading it as YAML (Claude Code 2.1.332, Copilot CLI 1.0.102, each
    checked with its own loader), so each name keeps its quotes and names no tool."""
    quoted = [n for n in names if len(n) > 1 and n[0] in "'\"" and n[-1] == n[0]]
    if quoted:
        diags.add(
            Code.TOOL_MISREADS,
            f"'tools' is cut at its commas, not read as YAML: {', '.join(quoted)} keep their "
            "quotes and name no tool (a YAML list, tools: [a, 'b'], is read as meant)",
            line=line,
            field="tools",
        )


def json_value(value: Any, where: str, path: str, line: int | None = None) -> JSONValue:
    """Check that `value` is plain JSON (finite numbers, text keys); return it unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(
                f"{where}: {value} is not a finite number", span=SourceSpan(path, line)
            )
        return value
    if isinstance(value, list):
        return [json_value(item, where, path, line) for item in value]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValidationError(
                    f"{where}: key {key!r} is not text", span=SourceSpan(path, line)
                )
        return {k: json_value(v, f"{where}.{k}", path, line) for k, v in value.items()}
    raise ValidationError(
        f"{where}: a {_kind(value)} is not a JSON value", span=SourceSpan(path, line)
    )


def json_object(
    value: dict[str, Any], where: str, path: str, line: int | None = None
) -> dict[str, JSONValue]:
    """A mapping of plain JSON values (see `json_value`), typed as one."""
    return {str(k): json_value(v, f"{where}.{k}", path, line) for k, v in value.items()}


def extensions_field(value: Any, path: str, line: int | None) -> dict[str, dict[str, JSONValue]]:
    """`extensions`: a mapping of tool name to a mapping of keys."""
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValidationError(
            "'extensions' must map each tool name to a mapping of keys",
            span=SourceSpan(path, line),
        )
    return {str(k): json_object(v, f"extensions.{k}", path, line) for k, v in value.items()}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def parse_json(
    text: str,
    path: str,
    *,
    max_depth: int = MAX_DEPTH,
    object_pairs_hook: Any = None,
) -> Any:
    """JSON text as values; syntax errors located, absurd values refused.

    Raises:
        ParseError: invalid JSON, with line and column; an integer too long for Python to
            read; a lone surrogate (`"\\udfff"`), which no UTF-8 file can hold.
        LimitError: nested deeper than `max_depth`.
    """
    import json

    try:
        data = json.loads(text, object_pairs_hook=object_pairs_hook, parse_int=_json_int)
    except json.JSONDecodeError as error:
        rows = text.split("\n")
        source = rows[error.lineno - 1] if error.lineno <= len(rows) else None
        raise ParseError(
            f"invalid JSON: {error.msg}",
            span=SourceSpan(path, error.lineno, error.colno),
            source_line=source,
        ) from None
    except _LongIntegerError as error:
        raise located(text, path, rf"-?\d{{{_MAX_INT_DIGITS + 1},}}", str(error)) from None
    except RecursionError:  # past Python's limit, so past the ceiling too
        raise too_deep("JSON", max_depth, SourceSpan(path, 1, 1)) from None
    check_values(data, text, path, max_depth=max_depth, what="JSON")
    return data


def parse_json_noting_repeats(
    text: str, path: str, *, max_depth: int = MAX_DEPTH
) -> tuple[Any, list[tuple[str, dict[str, Any]]]]:
    """`parse_json`, and each key an object writes twice with that object (read with the
    last value, as Python's json, JSON.parse and serde's maps read it): a reader says where
    its tool does otherwise."""
    repeated: list[tuple[str, dict[str, Any]]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) < len(items):  # rare: a key written twice
            keys = [key for key, _ in items]
            repeated.extend((k, found) for n, k in enumerate(keys) if k in keys[:n])
        return found

    return parse_json(text, path, max_depth=max_depth, object_pairs_hook=pairs), repeated


#: the longest integer Python converts by default (sys.get_int_max_str_digits())
_MAX_INT_DIGITS = 4300
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_surrogate(value: str) -> bool:
    """Whether `value` holds a lone surrogate: the only code points strict UTF-8 refuses
    (a regex class of the 2,048 of them costs 0.2 ms to compile at every start)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _LongIntegerError(ValueError):
    pass


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        raise _LongIntegerError(
            f"an integer of {len(digits):,} digits is longer than the {_MAX_INT_DIGITS:,} "
            "Python reads"
        )
    return int(digits)


def located(text: str, path: str, pattern: str, message: str) -> ParseError:
    """An error at the first place `pattern` matches in `text` (line and column)."""
    found = re.search(pattern, text)
    if found is None:
        return ParseError(message, span=SourceSpan(path, 1, 1))
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    row = text.split("\n")[line - 1]
    return ParseError(message, span=SourceSpan(path, line, column), source_line=row)


def check_values(data: Any, text: str, path: str, *, max_depth: int, what: str) -> None:
    """Refuse parsed values nested deeper than `max_depth` or holding a lone surrogate.

    Iterative (no recursion), so any depth the parser accepted is measured safely.

    Raises:
        LimitError: too deep.
        ParseError: a lone surrogate, located at its escape in `text`.
    """
    # cheap tests on the text first: no value nests deeper than the text has brackets, and
    # a lone surrogate can only come from a \uD8xx-\uDFxx escape
    max_depth = min(max_depth, DEPTH_CEILING)
    deep = text.count("{") + text.count("[") >= max_depth
    if not deep and _SURROGATE_ESCAPE.search(text) is None:
        return
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _has_surrogate(value):
                raise located(
                    text,
                    path,
                    r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}",
                    f"{what} holds a lone surrogate (an unpaired \\uD800-\\uDFFF escape), "
                    "which no UTF-8 file can hold",
                )
            continue
        if isinstance(value, dict | list):
            if depth >= max_depth:
                raise too_deep(what, max_depth, SourceSpan(path, 1, 1))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((item, depth + 1))
                if isinstance(key, str):
                    stack.append((key, depth + 1))
