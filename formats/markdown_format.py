"""The `markdown` format: YAML frontmatter plus a verbatim body, in Claude Code's layout.

Reads what real files contain (invalid YAML repaired as Claude Code repairs it, BOM, CRLF,
no frontmatter) and writes an untouched agent back byte for byte; `normalize` writes strict
YAML that PyYAML's `safe_load` and Claude Code both read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter import fields, frontmatter, yamlio
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ParseError, SourceSpan, ValidationError
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

#: keys Claude Code understands that no other tool shares: kept in `extensions["claude"]`
#: (Claude Code v2.1.330 frontmatter schema, formats.md §1.1), written back at top level
CLAUDE_KEYS = (
    "disallowedTools", "color", "effort", "permissionMode", "mcpServers", "hooks", "maxTurns",
    "autoCompactWindow", "skills", "initialPrompt", "memory", "background", "omitClaudeMd",
    "isolation",
)  # fmt: skip
#: our own key for what has no place at the top level: other tools' extensions, and
#: metadata whose key a core or Claude key already takes
RESERVED = "x-agentmorph"
_CORE = ("name", "description", "tools", "model")
_TAKEN = frozenset((*_CORE, *CLAUDE_KEYS, RESERVED))
_KEY_AFTER_FENCE = re.compile(r"---[ \t]*\r?\n[ \t]*[\w\"'-][^\n]*:")


class MarkdownFormat(Format):
    name = "markdown"
    aliases = ("md", "frontmatter", "claude-md")
    filenames = ("*.md", "*.markdown")
    extension = ".md"
    carries = frozenset(FIELDS)
    summary = "YAML frontmatter + verbatim body (Claude Code layout); repairs invalid YAML"

    def sniff(self, text: str) -> float:
        if _KEY_AFTER_FENCE.match(text):
            return 0.9
        return 0.6 if text.startswith("---") else 0.2

    def read(self, text: str, context: ReadContext) -> Agent:
        split = frontmatter.split(text, path=context.path)
        if split is None:
            return self._read_bare(text, context)
        data, notes = _load(split, context)
        if split.long_fence_line is not None:
            context.diagnostics.add(
                Code.FRONTMATTER_REPAIRED,
                "the header closes with a line of dashes longer than '---'; read as '---'",
                line=split.long_fence_line,
            )
        agent = _agent_from(data or {}, split.body, notes.key_lines, context)
        provenance = Provenance(
            path=context.path,
            format=self.name,
            field_lines=notes.key_lines,
            raw_header=split.header,
            header_snapshot=header_mapping(agent),
        )
        return replace(agent, provenance=provenance)

    def write(self, agent: Agent, context: WriteContext) -> str:
        mapping = header_mapping(agent)
        source = agent.provenance
        if (
            not context.options.normalize
            and source is not None
            and source.format == self.name
            and source.raw_header is not None
            and source.header_snapshot == mapping
        ):
            return source.raw_header + agent.instructions
        return f"---\n{yamlio.dump_mapping(mapping)}---\n{agent.instructions}"

    def _read_bare(self, text: str, context: ReadContext) -> Agent:
        name = context.options.name or context.stem
        if not name:
            raise ParseError(
                "no frontmatter: the input does not start with a '---' line",
                span=SourceSpan(context.path, 1, 1),
                hint="add a '---' header with name and description, or pass --name",
            )
        context.diagnostics.add(
            Code.NO_FRONTMATTER,
            f"no '---' frontmatter; the whole file is the prompt, named {name!r}",
            line=1,
        )
        agent = Agent(name=name, instructions=text)
        provenance = Provenance(
            path=context.path,
            format=self.name,
            raw_header="",
            header_snapshot=header_mapping(agent),
        )
        return replace(agent, provenance=provenance)


def _load(split: frontmatter.Split, context: ReadContext) -> tuple[Any, yamlio.LoadNotes]:
    """Parse the header strictly; if that fails, repair it as Claude Code does and retry."""
    limits = yamlio.Limits(context.options.max_nodes, context.options.max_depth)
    first = split.yaml_first_line
    diags = context.diagnostics
    try:
        data, notes = yamlio.load_mapping(
            split.yaml_text, path=context.path, first_line=first, limits=limits
        )
    except ParseError as strict_error:
        repaired, repairs = frontmatter.repair(split.yaml_text)
        if repaired == split.yaml_text:
            raise
        try:
            data, notes = yamlio.load_mapping(
                repaired, path=context.path, first_line=first, limits=limits
            )
        except ParseError:
            raise strict_error from None
        for fix in repairs:
            diags.add(
                Code.FRONTMATTER_REPAIRED,
                f"'{fix.key}' is not valid YAML (unquoted ': ', '#', '<'...); read as the "
                "text written, as Claude Code does; --normalize writes it quoted",
                line=fix.line + first - 1,
                field=fix.key,
            )
        if not repairs:
            diags.add(Code.FRONTMATTER_REPAIRED, "tab indentation read as spaces", line=first)
    _report(notes, diags)
    return data, notes


def _report(notes: yamlio.LoadNotes, diags: Diagnostics) -> None:
    for key, line in notes.duplicate_keys:
        diags.add(
            Code.DUPLICATE_KEY,
            f"key {key!r} appears more than once; the last one is kept",
            line=line,
        )
    for key, line in notes.comment_values:
        diags.add(
            Code.VALUE_IS_COMMENT,
            f"'{key}' is empty: YAML reads ' #' as the start of a comment; quote the value",
            line=line,
            field=key,
        )
    for text, line in notes.numbers_kept:
        diags.add(
            Code.NUMBER_KEPT_AS_TEXT,
            f"{text!r} is kept as written (as a number it would read differently)",
            line=line,
            severity=Severity.INFO,
        )
    for text, line in notes.yaml11_words:
        diags.add(
            Code.YAML11_VALUE_KEPT,
            f"{text!r} is text in YAML 1.2 (as in Claude Code); write true or false for a boolean",
            line=line,
            severity=Severity.INFO,
        )
    for message, line in notes.coerced:
        diags.add(Code.VALUE_COERCED, message, line=line or None)


def _agent_from(
    data: dict[str, Any], body: str, lines: dict[str, int], context: ReadContext
) -> Agent:
    diags = context.diagnostics
    name = fields.text_field(data.get("name"), "name", diags, lines.get("name"))
    if name is None:
        name = context.options.name or context.stem
        if not name:
            raise ValidationError(
                "the frontmatter has no 'name'",
                span=SourceSpan(context.path, 1, 1),
                hint="add name: my-agent",
            )
        diags.add(Code.NAME_FROM_FILENAME, f"no 'name' in the frontmatter; using {name!r}", line=1)
    metadata: dict[str, Any] = {}
    extensions: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key in _CORE:
            continue
        if key in CLAUDE_KEYS:
            extensions.setdefault("claude", {})[key] = value
        elif key == RESERVED:
            _unpack_reserved(value, metadata, extensions, context.path, lines.get(key))
        else:
            metadata[key] = value
    tools_value = data.get("tools")
    tools: tuple[str, ...] | None = None
    if isinstance(tools_value, dict) and _is_tool_switches(tools_value):
        extensions.setdefault("opencode", {})["tools"] = tools_value
        _note_tool_switches(tools_value, diags, lines.get("tools"))
    elif "tools" in data:
        tools = fields.tools_field(tools_value, diags, lines.get("tools"))
    return Agent(
        name=name,
        description=fields.text_field(
            data.get("description"), "description", diags, lines.get("description")
        ),
        instructions=body,
        model=fields.model_field(data.get("model"), diags, lines.get("model")),
        tools=tools,
        metadata=metadata,
        extensions=extensions,
    )


def _is_tool_switches(value: Any) -> bool:
    """OpenCode's `tools: {write: false, ...}` (formats.md §2): switches, not an allow-list."""
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, bool) for v in value.values())
    )


def _note_tool_switches(switches: dict[str, bool], diags: Diagnostics, line: int | None) -> None:
    # OpenCode enables every tool not switched off, so the agent inherits all tools minus
    # these; the model has no deny-list, so the switches ride in extensions["opencode"].
    off = [name for name, enabled in switches.items() if not enabled]
    diags.add(
        Code.FIELD_IN_EXTENSION,
        "'tools' is a map of switches (OpenCode's form): every tool"
        + (f" except {', '.join(off)}" if off else "")
        + " is allowed; kept in extensions.opencode.tools",
        line=line,
        field="tools",
        severity=Severity.WARNING if off else Severity.INFO,
    )


def _unpack_reserved(
    value: Any,
    metadata: dict[str, Any],
    extensions: dict[str, dict[str, Any]],
    path: str,
    line: int | None,
) -> None:
    if not isinstance(value, dict):
        raise ValidationError(f"'{RESERVED}' must be a mapping", span=SourceSpan(path, line))
    metadata.update(value.get("metadata") or {})
    for tool, keys in fields.extensions_field(value.get("extensions") or {}, path, line).items():
        extensions.setdefault(tool, {}).update(keys)


def header_mapping(agent: Agent) -> dict[str, Any]:
    """The frontmatter an agent is written with, keys in Claude Code's documented order."""
    mapping: dict[str, Any] = {"name": agent.name}
    if agent.description is not None:
        mapping["description"] = agent.description
    switches = agent.extensions.get("opencode", {}).get("tools")
    if agent.tools is not None:
        mapping["tools"] = fields.join_tools(agent.tools) or list(agent.tools)
    elif _is_tool_switches(switches):
        mapping["tools"] = switches  # read back into extensions.opencode.tools
    if agent.model is not None:
        mapping["model"] = list(agent.model) if isinstance(agent.model, tuple) else agent.model
    hidden_extensions: dict[str, dict[str, Any]] = {}
    for tool, keys in agent.extensions.items():
        for key, value in keys.items():
            if tool == "claude" and key in CLAUDE_KEYS:
                mapping[key] = value
            elif tool == "opencode" and key == "tools" and mapping.get("tools") is value:
                continue
            else:
                hidden_extensions.setdefault(tool, {})[key] = value
    hidden_metadata: dict[str, Any] = {}
    for key, value in agent.metadata.items():
        if key in _TAKEN:
            hidden_metadata[key] = value
        else:
            mapping[key] = value
    reserved: dict[str, Any] = {}
    if hidden_metadata:
        reserved["metadata"] = hidden_metadata
    if hidden_extensions:
        reserved["extensions"] = hidden_extensions
    if reserved:
        mapping[RESERVED] = reserved
    return mapping
