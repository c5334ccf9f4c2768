"""The `claude-json` target: the object `claude --agents '<json>'` takes (formats.md §1.2).

Keyed by agent name: `{"reviewer": {"description": ..., "prompt": ..., "tools": [...]}}`.
`tools` must be a list; `color` has no place in this form (reported dropped).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.frontmatter.claude_code import (
    CLAUDE_KEYS,
    CLAUDE_TOOL_NAME_FORBIDS,
    NO_TOOLS,
    say_denied_patterns,
)
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import scoped, server_values
from converter.targets.fields import left_out
from converter.targets.fields import shared as shared_fields
from formats import _json_text as json_text

# `claude --agents` takes Claude Code's keys except the colour (formats.md §1.2)
RULES = targets.TargetRules(
    tool="claude",
    display="Claude Code",
    keys=tuple(k for k in CLAUDE_KEYS if k != "color"),
    name_pattern=r"[^-:][^:]*",
    name_rule="no colon, and no hyphen first",
    required=("description",),
    native=True,
    tool_name_forbids=CLAUDE_TOOL_NAME_FORBIDS,
)


class ClaudeJsonFormat(Format):
    target_rules = RULES  # the tool's own keys (converter/targets/lifted.py)
    name = "claude-json"
    aliases = ("claude-agents",)
    filenames = ("*.agents.json",)
    extension = ".agents.json"
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "the object `claude --agents` takes: {NAME: {description, prompt, tools, ...}}"
    lossless = False

    def sniff(self, text: str) -> float:
        head = text.lstrip()[:2000]
        # agents keyed by name: the first value is an object (Kiro's one agent is flat)
        nested = re.match(r'\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{', head) is not None
        return 0.85 if nested and '"prompt"' in head and '"$schema"' not in head else 0.0

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
        _say_refused(own, diags)
        say_denied_patterns(own.get("disallowedTools"), diags, None)
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
        # Claude Code 2.1.332 refuses the whole object otherwise ("tools.1: Invalid input:
        # expected string, received number"; checked with its loader)
        if tools is not None and not (
            isinstance(tools, list) and all(isinstance(t, str) for t in tools)
        ):
            raise ValidationError(
                f"'{name}': tools must be a list of names here (claude --agents refuses "
                "another value, and with it every agent in the object)",
                span=SourceSpan(context.path),
            )
        agent = Agent(
            name=name,
            description=fields.text_field(entry.get("description"), "description", diags, None),
            instructions="" if (prompt := entry.get("prompt")) is None else str(prompt),
            model=fields.model_field(entry.get("model"), diags, None),
            tools=_tools_read(tools, diags),
            metadata=fields.json_object(metadata, "metadata", context.path),
            extensions={"claude": own} if own else {},
        )
        return _with_provenance(agent, context.path, self.name)

    def write(self, agent: Agent, context: WriteContext) -> str:
        diags = context.diagnostics
        # a literal \n (a line break to Claude Code in a .md agent only) comes as a line
        # break: `claude --agents` takes the text as it is
        description = targets.description_or_derived(agent, RULES, diags)
        entry: dict[str, Any] = {"description": description, "prompt": agent.instructions}
        tools = targets.write_tools(agent, RULES, diags)
        if tools is not None:
            # [] is no tool (Claude Code 2.1.332 starts such an agent with none; it refuses
            # to start one of ["none"], checked by having it start each)
            entry["tools"] = _uncut(tools, diags)
        denied = targets.denied_tools(agent, RULES.tool)
        if denied and "disallowedTools" not in agent.extensions.get("claude", {}):
            entry["disallowedTools"] = list(denied)
        if agent.model is not None:
            model = targets.write_model(agent, RULES, diags)
            if model is not None:
                entry["model"] = model
        own = {k: v for k, v in agent.extensions.get("claude", {}).items() if k in RULES.keys}
        own.update({k: v for k, v in shared_fields(agent, RULES, diags).items() if k not in own})
        for key, value in own.items():
            typed = _typed(key, value)
            if typed is None:
                diags.add(
                    Code.FIELD_DROPPED,
                    f"claude --agents refuses {key} = {value!r} (the whole object fails); not written",
                    field=f"extensions.claude.{key}",
                )
                continue
            # a number in a server's args, env or headers fails the whole object: the text meant
            entry[key] = _servers_as_text(typed, diags) if key == "mcpServers" else typed
        left_out(agent, RULES, diags, metadata=False)
        name = targets.safe_name(agent.name, RULES, diags)
        return json_text.dumps({name: entry}) + "\n"

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, RULES, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        said = Diagnostics(diagnostics.path)
        targets.validate(agent, RULES, said)
        for found in said:  # a server the .md loader skips fails the whole `--agents` object
            skipped = found.message.removeprefix("claude skips ")
            if skipped != found.message:
                message = (
                    f"claude --agents refuses {skipped}; and with it every agent in the object"
                )
                found = replace(found, message=message)
            diagnostics.items.append(found)
        _say_refused(agent.extensions.get("claude", {}), diagnostics)
        denied = agent.extensions.get("claude", {}).get("disallowedTools")
        say_denied_patterns(denied, diagnostics, None, as_rule=True)


def _say_refused(own: dict[str, Any], diagnostics: Diagnostics) -> None:
    """Values `claude --agents` refuses (the whole object fails): said when such a file is
    read (validate says them again, once: read notes of its code are dropped there)."""
    for key, value in own.items():
        typed = _typed(key, value)
        if typed != value or isinstance(value, bool) != isinstance(typed, bool):
            diagnostics.add(
                Code.TARGET_RULE,
                f"claude --agents refuses {key} = {value!r}, and with it every agent in the object",
                field=key,
            )


def _servers_as_text(servers: list[Any], diags: Diagnostics) -> list[Any]:
    """Claude Code's list of servers (`{name: config}` maps, or names) with the numbers
    among their arguments, environment and headers written as the text meant."""
    return [
        {n: server_values.as_text(RULES.tool, n, c, diags) if isinstance(c, dict) else c
         for n, c in item.items()} if isinstance(item, dict) else item
        for item in servers
    ]  # fmt: skip


def _with_provenance(agent: Agent, path: str, name: str) -> Agent:
    return replace(agent, provenance=Provenance(path=path, format=name))


def _tools_read(tools: Any, diags: Diagnostics) -> tuple[str, ...] | None:
    """As Claude Code 2.1.332 runs them: no list is every tool, an empty one none; ["none"]
    (how this format once wrote no tools) is read as none, and said: Claude Code refuses
    to start such an agent."""
    if tools is None:
        return None
    listed = fields.tools_field(tools, diags, None)
    # a list names its tools, as in a Markdown header: `["all"]` is a tool 'all', which Claude
    # Code refuses (said on writing); read as every tool, it came back wider than written
    if listed == (NO_TOOLS,):
        diags.add(
            Code.TOOL_MISREADS,
            "Claude Code refuses to start an agent of tools [\"none\"] (it has no tool 'none'); "
            "read as no tools, which is written []",
            field="tools",
        )
    if listed in ((NO_TOOLS,), ()):
        return ()
    cut = tuple(part.strip() for name in listed for part in name.split(",") if part.strip())
    if cut != listed:
        diags.add(
            Code.TOOL_MISREADS,
            f"claude --agents cuts each entry of 'tools' at its commas: it reads {list(cut)} "
            f"where {list(listed)} is meant; this keeps its reading, and one entry per agent "
            "('Agent(a)', 'Agent(b)') is read alike by all",
            field="tools",
        )
    return cut


def _uncut(tools: list[str], diags: Diagnostics) -> list[str]:
    """The tool list as `claude --agents` reads it back: Claude Code 2.1.332 cuts each entry
    at its commas (`["Agent(a, b)"]` is 'Agent(a' and 'b)', names it gives nothing for;
    seen with its loader), so `Agent(a, b)` is one entry per agent, and a pattern holding a
    comma that names no agents is the tool whole, said."""
    out: list[str] = []
    for tool in tools:
        found, agents = scoped.SCOPED.fullmatch(tool), scoped.agents_named(tool)
        if found is None or "," not in found.group(2):
            out.append(tool)
        elif agents is not None:
            out.extend(f"{agents[0]}({name})" for name in agents[1])
        else:
            out.append(found.group(1))
            diags.add(
                Code.TOOLS_WIDENED,
                f"claude --agents cuts each entry of 'tools' at its commas, so {tool!r} cannot "
                f"be written; {found.group(1)} is written for every use",
                field="tools",
            )
    return list(dict.fromkeys(out))


#: values `claude --agents` takes for its typed keys (Claude Code 2.1.332's agents schema):
#: a value of another type fails the whole object
_ENUMS = {
    "memory": ("user", "project", "local"),
    "effort": ("low", "medium", "high", "xhigh", "max"),
    "permissionMode": ("default", "acceptEdits", "bypassPermissions", "plan", "dontAsk", "auto"),
}
_FLAGS = ("background", "omitClaudeMd")
_COUNTS = ("maxTurns", "autoCompactWindow")
_LISTS = ("tools", "disallowedTools", "skills", "mcpServers")


def _typed(key: str, value: Any) -> Any:
    """The value as the agents schema takes it, or None. A flag is true as Claude Code's
    .md loader reads it (true or "true"); anything else is false, which is left out."""
    if key in _FLAGS:
        return True if value in (True, "true") else None
    if key in _COUNTS:
        return (
            value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
        )
    if key in _ENUMS:
        if key == "effort" and isinstance(value, int) and not isinstance(value, bool):
            return value
        return value if value in _ENUMS[key] else None
    if key == "mcpServers" and isinstance(value, dict) and value:  # as meant: a list
        return [{name: config} for name, config in value.items()]
    if key in _LISTS:
        if isinstance(value, str):
            return fields.split_tools(value) and list(fields.split_tools(value))
        return value if isinstance(value, list) else None
    return value if isinstance(value, str) else None
