"""The `toml` format: the whole model as TOML, the prompt as a multi-line string; lossless.

TOML has no null and 64-bit integers only, so metadata or extension values holding either
are kept as JSON text under `[json.metadata]` / `[json.extensions.<tool>]` and restored.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from converter.canonical import SCHEMA_ID, agent_from_dict
from converter.diagnostics import Code, Diagnostics
from converter.errors import ConverterError, ParseError, SourceSpan, ValidationError
from converter.model import FIELDS, MODEL_VERSION, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

_INT64 = (-(2**63), 2**63 - 1)
# Control characters a TOML literal string cannot hold (TOML 1.0: only tab is allowed).
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_MULTILINE_LITERAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|'''")
_SNIFF = re.compile(r'(?m)^\s*(name|"\$schema"|version|instructions)\s*=\s*')


class TomlFormat(Format):
    name = "toml"
    aliases = ("agentmorph-toml",)
    filenames = ("*.toml",)
    extension = ".toml"
    carries = frozenset(FIELDS)
    summary = "the model as TOML; the prompt as a multi-line string"

    def sniff(self, text: str) -> float:
        return (
            0.8 if _SNIFF.search(text) and not text.lstrip().startswith(("{", "---", "<")) else 0.0
        )

    def read(self, text: str, context: ReadContext) -> Agent:
        # The stdlib parser reads; tomlkit (slower, but with exact positions) explains errors.
        import tomllib

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            raise _located_error(text, context.path) from None
        except RecursionError:
            raise ParseError("TOML nested too deeply", span=SourceSpan(context.path, 1)) from None
        fallback = context.options.name or context.stem
        probe = Diagnostics(context.path)
        try:
            agent = _agent(document, probe, {}, fallback, context.path)
            if not probe.items:
                return replace(agent, provenance=Provenance(path=context.path, format=self.name))
        except ConverterError:
            pass
        # Something to report: find the line of each key, and read again with them.
        lines = _key_lines(text)
        agent = _agent(document, context.diagnostics, lines, fallback, context.path)
        return replace(
            agent, provenance=Provenance(path=context.path, format=self.name, field_lines=lines)
        )

    def write(self, agent: Agent, context: WriteContext) -> str:
        out = [f'"$schema" = {_basic(SCHEMA_ID)}', f"version = {_basic(MODEL_VERSION)}"]
        out.append(f"name = {_string(agent.name)}")
        if agent.description is not None:
            out.append(f"description = {_string(agent.description)}")
        if isinstance(agent.model, tuple):
            out.append(f"model = [{', '.join(_basic(m) for m in agent.model)}]")
        elif agent.model is not None:
            out.append(f"model = {_string(agent.model)}")
        if agent.tools is not None:  # absent: inherit every tool; []: none
            out.append(f"tools = [{', '.join(_basic(t) for t in agent.tools)}]")
        out.append(f"instructions = {_multiline(agent.instructions)}")
        tables: dict[str, Any] = {}
        as_json: dict[str, Any] = {}
        native, encoded = _split_native(agent.metadata)
        if native:
            tables["metadata"] = native
        if encoded:
            as_json["metadata"] = encoded
        for tool, keys in sorted(agent.extensions.items()):  # stable whatever the JSON split
            native, encoded = _split_native(keys)
            if native:
                tables.setdefault("extensions", {})[tool] = native
            if encoded:
                as_json.setdefault("extensions", {})[tool] = encoded
        if as_json:
            tables["json"] = as_json
        for table, header in _tables(tables):
            out.append(f"\n[{header}]")
            out.extend(f"{_key(key)} = {_value(value)}" for key, value in table.items())
        return "\n".join(out) + "\n"


def _tables(tables: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The [metadata], [extensions.<tool>] and [json...] tables, in a fixed order."""
    result: list[tuple[dict[str, Any], str]] = []
    if "metadata" in tables:
        result.append((tables["metadata"], "metadata"))
    for tool, keys in tables.get("extensions", {}).items():
        result.append((keys, f"extensions.{_key(tool)}"))
    encoded = tables.get("json", {})
    if "metadata" in encoded:
        result.append((encoded["metadata"], "json.metadata"))
    for tool, keys in encoded.get("extensions", {}).items():
        result.append((keys, f"json.extensions.{_key(tool)}"))
    return result


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _basic(key)


def _value(value: Any) -> str:
    """One TOML value on one line (inline tables and arrays), so output is stable."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _basic(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"


def _agent(
    document: dict[str, Any],
    diags: Diagnostics,
    lines: dict[str, int],
    fallback: str | None,
    path: str,
) -> Agent:
    document = dict(document)
    extra = document.pop("json", None)
    data = _plain(document, diags, lines)
    if extra is not None:
        _restore_json(data, extra, path, lines.get("json"))
    return agent_from_dict(data, diags, lines, fallback)


def _located_error(text: str, path: str) -> ParseError:
    import tomlkit
    from tomlkit.exceptions import ParseError as TomlError

    try:
        tomlkit.parse(text)
    except TomlError as error:
        rows = text.split("\n")
        line, column = error.line, error.col + 1
        message = str(error).split(" at line ")[0]
        message = message.replace("Unexpected character: '\\x00'", "unexpected end of the file")
        return ParseError(
            f"invalid TOML: {message}",
            span=SourceSpan(path, line, column),
            source_line=rows[line - 1] if 0 < line <= len(rows) else None,
        )
    except Exception:  # tomlkit accepted what tomllib refused, or failed otherwise
        pass
    return ParseError("invalid TOML", span=SourceSpan(path, 1, 1))


def _plain(document: dict[str, Any], diags: Diagnostics, lines: dict[str, int]) -> dict[str, Any]:
    """TOML values as JSON values: dates and times become their ISO text, and are noted."""

    def convert(value: Any, where: str) -> Any:
        if isinstance(value, dict):
            return {k: convert(v, f"{where}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, where) for v in value]
        if hasattr(value, "isoformat"):
            diags.add(
                Code.VALUE_COERCED,
                f"{where}: a TOML date or time is kept as the text {value.isoformat()!r}",
                line=lines.get(where.split(".")[0]),
            )
            return value.isoformat()
        return value

    return {k: convert(v, k) for k, v in document.items()}


def _restore_json(data: dict[str, Any], extra: Any, path: str, line: int | None) -> None:
    if not isinstance(extra, dict):
        raise ValidationError("[json] must be a table", span=SourceSpan(path, line))
    try:
        for key, text in (extra.get("metadata") or {}).items():
            data.setdefault("metadata", {})[key] = json.loads(text)
        for tool, keys in (extra.get("extensions") or {}).items():
            for key, text in keys.items():
                data.setdefault("extensions", {}).setdefault(tool, {})[key] = json.loads(text)
    except (TypeError, AttributeError, json.JSONDecodeError) as error:
        raise ValidationError(
            f"[json] holds a value that is not JSON text: {error}", span=SourceSpan(path, line)
        ) from None


def _split_native(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    native: dict[str, Any] = {}
    encoded: dict[str, str] = {}
    for key, value in values.items():
        if _fits_toml(value):
            native[key] = value
        else:
            encoded[key] = json.dumps(value, ensure_ascii=False)
    return native, encoded


def _fits_toml(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool | float | str):
        return True
    if isinstance(value, int):
        return _INT64[0] <= value <= _INT64[1]
    if isinstance(value, list):
        return all(_fits_toml(v) for v in value)
    if isinstance(value, dict):
        return all(_fits_toml(v) for v in value.values())
    return False


def _string(text: str) -> str:
    """One-line text as a literal or basic string; text with newlines as a multi-line one."""
    if "\n" in text or "\r" in text:
        return _multiline(text)
    if "'" not in text and not _NOT_LITERAL.search(text):
        return f"'{text}'"
    return _basic(text)


def _basic(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _multiline(text: str) -> str:
    # The newline right after the opening quotes is not part of the string (TOML 1.0), so
    # we always write one: a prompt that starts with a blank line keeps it. Literal strings
    # cannot hold ''' or control characters, and a CR might be normalised by a parser, so
    # such text goes in a basic string with escapes.
    if not _NOT_MULTILINE_LITERAL.search(text) and "\r" not in text and not text.endswith("'"):
        return f"'''\n{text}'''"
    escaped = []
    for char in text:
        if char == "\\":
            escaped.append("\\\\")
        elif char == '"':
            escaped.append('\\"')
        elif char == "\n" or char == "\t":
            escaped.append(char)
        elif ord(char) < 0x20 or char == "\x7f":
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"""\n' + "".join(escaped) + '"""'


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        match = re.match(r'\s*"?([$\w-]+)"?\s*=|\s*\[\s*(\w+)', line)
        if match:
            lines.setdefault(match.group(1) or match.group(2), number)
    return lines
