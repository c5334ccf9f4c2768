"""The `markdown` format: YAML frontmatter plus a verbatim body, in Claude Code's layout.

Reads what real files contain (invalid YAML repaired as Claude Code repairs it, BOM, CRLF,
no frontmatter) and writes an untouched agent back byte for byte; `normalize` writes strict
YAML that PyYAML's `safe_load` and Claude Code both read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter import fields, frontmatter, header, yamlio
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ParseError, SourceSpan, ValidationError
from converter.fields import CLAUDE_KEYS
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

RESERVED = fields.RESERVED
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
        if _KEY_AFTER_FENCE.match(text[:512]):  # the first key line is enough to tell
            return 0.9
        return 0.6 if text.startswith("---") else 0.2

    def read(self, text: str, context: ReadContext) -> Agent:
        split = frontmatter.split(text, path=context.path)
        if split is None:
            return self._read_bare(text, context)
        data, lines = header.load(split, context)
        agent = _agent_from(data, split.body, lines, context)
        provenance = Provenance(
            path=context.path,
            format=self.name,
            field_lines=lines,
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
    fields.pack_reserved(mapping, hidden_metadata, hidden_extensions)
    return mapping
