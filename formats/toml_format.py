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
from converter.errors import ConverterError, SourceSpan, ValidationError
from converter.model import FIELDS, MODEL_VERSION, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from formats import _toml_text as toml_text

_INT64 = (-(2**63), 2**63 - 1)
_SNIFF = re.compile(r'(?m)^[ \t]*(name|"\$schema"|version|instructions)[ \t]*=')  # one line
_CODEX = re.compile(r"(?m)^developer_instructions\s*=")
_OURS = re.compile(r'(?m)^(?:instructions|"\$schema")\s*=')
#: a Gemini CLI custom command's prompt (formats.md §3.1)
_COMMAND = re.compile(r"(?m)^prompt\s*=")


class TomlFormat(Format):
    name = "toml"
    aliases = ("agentmorph-toml",)
    filenames = ("*.toml",)
    extension = ".toml"
    carries = frozenset(FIELDS)
    summary = "the model as TOML; the prompt as a multi-line string"

    def sniff(self, text: str) -> float:
        if _CODEX.search(text) and not _OURS.search(text):
            # a Codex agent (its prompt is `developer_instructions`) named anything.toml: read
            # as ours, its prompt would land in metadata; the codex format claims it by content
            return 0.0
        if _COMMAND.search(text) and not _OURS.search(text):
            return 0.0  # a Gemini CLI command named anything.toml: the gemini-command format's
        # `+++` opens a Markdown file's TOML header (Hugo's), not a TOML document: the tools
        # read such a file as having no header, and so does the format its name says
        opens = ("{", "---", "<", "+++")
        return 0.8 if _SNIFF.search(text) and not text.lstrip().startswith(opens) else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        document = toml_text.load(text, context.path, max_depth=context.options.max_depth)
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
        out = [
            f'"$schema" = {toml_text.basic(SCHEMA_ID)}',
            f"version = {toml_text.basic(MODEL_VERSION)}",
        ]
        out.append(f"name = {toml_text.string(agent.name)}")
        if agent.description is not None:
            out.append(f"description = {toml_text.string(agent.description)}")
        if isinstance(agent.model, tuple):
            out.append(f"model = [{', '.join(toml_text.basic(m) for m in agent.model)}]")
        elif agent.model is not None:
            out.append(f"model = {toml_text.string(agent.model)}")
        if agent.tools is not None:  # absent: inherit every tool; []: none
            out.append(f"tools = [{', '.join(toml_text.basic(t) for t in agent.tools)}]")
        out.append(f"instructions = {toml_text.multiline(agent.instructions)}")
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
            out.extend(
                f"{toml_text.key(key)} = {toml_text.value(value)}" for key, value in table.items()
            )
        return "\n".join(out) + "\n"


def _tables(tables: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The [metadata], [extensions.<tool>] and [json...] tables, in a fixed order."""
    result: list[tuple[dict[str, Any], str]] = []
    if "metadata" in tables:
        result.append((tables["metadata"], "metadata"))
    for tool, keys in tables.get("extensions", {}).items():
        result.append((keys, f"extensions.{toml_text.key(tool)}"))
    encoded = tables.get("json", {})
    if "metadata" in encoded:
        result.append((encoded["metadata"], "json.metadata"))
    for tool, keys in encoded.get("extensions", {}).items():
        result.append((keys, f"json.extensions.{toml_text.key(tool)}"))
    return result


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


def _plain(document: dict[str, Any], diags: Diagnostics, lines: dict[str, int]) -> dict[str, Any]:
    """TOML values as JSON values: dates and times become their ISO text, and are noted."""
    return {k: _as_json(v, k, diags, lines) for k, v in document.items()}


def _as_json(value: Any, where: str, diags: Diagnostics, lines: dict[str, int]) -> Any:
    # a function of the module, not a closure: a recursive closure refers to itself, a
    # reference cycle left for the cycle collector at every file
    if isinstance(value, dict):
        return {k: _as_json(v, f"{where}.{k}", diags, lines) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v, where, diags, lines) for v in value]
    if hasattr(value, "isoformat"):
        diags.add(
            Code.VALUE_COERCED,
            f"{where}: a TOML date or time is kept as the text {value.isoformat()!r}",
            line=lines.get(where.split(".")[0]),
        )
        return value.isoformat()
    return value


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


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        match = re.match(r'\s*"?([$\w-]+)"?\s*=|\s*\[\s*(\w+)', line)
        if match:
            lines.setdefault(match.group(1) or match.group(2), number)
    return lines
