"""The `claude-json` target: the object `claude --agents '<json>'` takes (formats.md §1.2).

Keyed by agent name: `{"reviewer": {"description": ..., "prompt": ..., "tools": [...]}}`.
`tools` must be a list; `color` has no place in this form (reported dropped).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.frontmatter.claude_code import CLAUDE_KEYS
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

# `claude --agents` takes Claude Code's keys except the colour (formats.md §1.2)
RULES = targets.TargetRules(
    tool="claude",
    keys=tuple(k for k in CLAUDE_KEYS if k != "color"),
    name_pattern=r"[^-:][^:]*",
    required=("description",),
    native=True,
)


class ClaudeJsonFormat(Format):
    name = "claude-json"
    aliases = ("claude-agents",)
    filenames = ("*.agents.json",)
    extension = ".agents.json"
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "the object `claude --agents` takes: {NAME: {description, prompt, tools, ...}}"
    lossless = False

    def sniff(self, text: str) -> float:
        head = text.lstrip()[:2000]
        return (
            0.85 if head.startswith("{") and '"prompt"' in head and '"$schema"' not in head else 0.0
        )

    def read_many(self, text: str, context: ReadContext) -> list[Agent]:
        data = fields.parse_json(text, context.path, max_depth=context.options.max_depth)
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ValidationError(
                "expected an object of agents keyed by name", span=SourceSpan(context.path, 1, 1)
            )
        return [self._agent(name, entry, context) for name, entry in data.items()]

    def read(self, text: str, context: ReadContext) -> Agent:
        return targets.first_agent(self.read_many(text, context), "agent", context)

    def _agent(self, name: str, entry: dict[str, Any], context: ReadContext) -> Agent:
        diags = context.diagnostics
        own = {k: v for k, v in entry.items() if k in RULES.keys}
        metadata = {
            k: v
            for k, v in entry.items()
            if k not in (*RULES.keys, "description", "prompt", "tools", "model")
        }
        for key in metadata:
            diags.add(
                Code.TARGET_RULE,
                f"claude --agents does not know {key!r}; kept in metadata",
                field=key,
            )
        tools = entry.get("tools")
        if tools is not None and not isinstance(tools, list):
            raise ValidationError(
                f"'{name}': tools must be a list here", span=SourceSpan(context.path)
            )
        agent = Agent(
            name=name,
            description=fields.text_field(entry.get("description"), "description", diags, None),
            instructions=str(entry.get("prompt", "")),
            model=fields.model_field(entry.get("model"), diags, None),
            tools=None if tools is None else fields.tools_field(tools, diags, None),
            metadata=fields.json_object(metadata, "metadata", context.path),
            extensions={"claude": own} if own else {},
        )
        return _with_provenance(agent, context.path, self.name)

    def write(self, agent: Agent, context: WriteContext) -> str:
        diags = context.diagnostics
        entry: dict[str, Any] = {
            "description": targets.description_or_derived(agent, RULES, diags),
            "prompt": agent.instructions,
        }
        if agent.tools is not None:
            entry["tools"] = list(agent.tools)
        if agent.model is not None:
            entry["model"] = targets.write_model(agent, RULES, diags)
        claude = agent.extensions.get("claude", {})
        entry.update({k: v for k, v in claude.items() if k in RULES.keys})
        _report_dropped(agent, claude, diags)
        name = targets.safe_name(agent.name, RULES, diags)
        return json.dumps({name: entry}, ensure_ascii=False, indent=2) + "\n"

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(agent, RULES, diagnostics)


def _with_provenance(agent: Agent, path: str, name: str) -> Agent:
    return replace(agent, provenance=Provenance(path=path, format=name))


def _report_dropped(agent: Agent, claude: dict[str, Any], diags: Diagnostics) -> None:
    lost = [f"metadata.{k}" for k in agent.metadata] + [
        f"extensions.claude.{k}" for k in claude if k not in RULES.keys
    ]
    lost += [
        f"extensions.{tool}"
        for tool in agent.extensions
        if tool not in (RULES.tool, targets.RECORD_NAMESPACE)
    ]
    if lost:
        diags.add(
            Code.FIELD_DROPPED, f"claude --agents cannot carry {', '.join(lost)}; not written"
        )
