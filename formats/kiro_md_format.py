"""The `kiro-md` target: Kiro's Markdown agents, `.kiro/agents/<name>.md` (formats.md §6.2,
§6.3): the header holds the JSON agent's fields, the body is the prompt.

Kiro CLI v3 reads `.kiro/agents/**/*.md` (an agent without `name` is its path under
`agents/`, `team/planner`), and its `tools` take category tags besides the JSON agent's tool
names (`read`, `write`, `shell`, `web`, `subagent`, `todo_list`; kiro.dev/docs/cli/v3/
agent-config): a tag is read as the tools it covers. Written with the JSON agent's names
(`fs_read`...), which both forms take. Kiro's JSON agents (`kiro`) stay the default sync
target: the same folder holding both forms would load each agent twice.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from converter import fields
from converter.diagnostics import Diagnostics
from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS, Agent
from converter.registry import ReadContext
from converter.targets import TargetRules, path_named, read_tools, scoped, vocabulary
from converter.targets.hooks import say_unheard

_KEYS = (
    "mcpServers", "toolAliases", "allowedTools", "toolsSettings", "resources", "hooks",
    "includeMcpJson", "includePowers", "permissions", "keyboardShortcut", "welcomeMessage",
)  # fmt: skip
#: a category tag → the tool concepts it covers (vocabulary.toml's [tools.*] rows)
_TAGS = {
    "read": ("read", "grep", "glob", "list"),
    "write": ("write", "edit"),
    "shell": ("shell",),
    "web": ("webfetch", "websearch"),
    "subagent": ("subagent",),
    "todo_list": ("todo",),
}


class KiroMdFormat(FrontmatterTarget):
    named_by_file = True
    name = "kiro-md"
    aliases = ("kiro-markdown",)
    filenames = (".kiro/agents/*.md", ".kiro/agents/*/*.md")
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "Kiro Markdown agent: .kiro/agents/NAME.md (category tags read as their tools)"
    layout = ".kiro/agents/{name}.md"
    project_default = False
    rules = TargetRules(
        tool="kiro",  # the JSON agent's keys, tool and model names: one column of vocabulary.toml
        display="Kiro",
        keys=_KEYS,
        required=("description",),
        strict=True,
    )

    def read(self, text: str, context: ReadContext) -> Agent:
        agent = super().read(text, path_named(context, ("/.kiro/agents/",)))
        lines = agent.provenance.field_lines if agent.provenance else {}
        own = agent.extensions.get("kiro", {})
        say_unheard("kiro", "Kiro", own.get("hooks"), context.diagnostics, lines.get("hooks"))
        # a shell held to commands by its toolsSettings: Claude Code's `Bash(git diff *)`
        tools, kept = scoped.read_back("kiro", agent.tools, own)
        if kept is own:
            return agent
        extensions = {k: v for k, v in agent.extensions.items() if k != "kiro"}
        return replace(
            agent, tools=tools, extensions={**extensions, **({"kiro": kept} if kept else {})}
        )

    def header(self, agent: Agent, diags: Diagnostics | None) -> dict[str, Any]:
        # Claude Code's `Bash(git diff:*)`: execute_bash held to that command by toolsSettings
        held, listed = scoped.settings(agent, "kiro")
        mapping = super().header(replace(agent, tools=listed) if held else agent, diags)
        for key, value in held.items():  # the agent's own settings of a tool win
            mine = mapping.get(key)
            mapping[key] = {**value, **mine} if isinstance(mine, dict) else value
        return mapping

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        if "tools" not in data:
            return None
        names = fields.tools_field(data["tools"], context.diagnostics, lines.get("tools"))
        if not any(n in _TAGS for n in names):
            return super().read_tools(data, lines, context)
        concepts, canonical = vocabulary.concepts(), vocabulary.canonical()
        found: list[str] = []
        for name in names:
            if name in _TAGS:
                found.extend(concepts[c][canonical][0] for c in _TAGS[name] if c in concepts)
            else:
                found.extend(read_tools([str(name)], self.rules))
        return tuple(dict.fromkeys(found))
