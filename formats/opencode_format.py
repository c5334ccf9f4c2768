"""The `opencode` target: OpenCode agents, `.opencode/agents/<name>.md` (formats.md §2).

The name is the file's path; `model` is `provider/model-id`; `tools` is a map of switches
where every tool not switched off stays on, so an allow-list is written as every built-in
tool switched on or off (tools OpenCode gets from MCP servers stay on: reported).
"""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.frontmatter.target import FrontmatterTarget
from converter.model import Agent
from converter.registry import ReadContext
from converter.targets import TargetRules, read_tools, vocabulary, with_extension, write_tools

_KEYS = (
    "mode",
    "variant",
    "temperature",
    "top_p",
    "permission",
    "disable",
    "hidden",
    "color",
    "steps",
    "maxSteps",
    "options",
    "prompt",
)


def _builtins() -> list[str]:
    """OpenCode's built-in tools, one name per concept (vocabulary.toml)."""
    return [row["opencode"][0] for row in vocabulary.concepts().values() if "opencode" in row]


class OpencodeFormat(FrontmatterTarget):
    name = "opencode"
    aliases = ("kilo",)
    filenames = (".opencode/agent/*.md", ".opencode/agents/*.md")
    carries = frozenset(
        {"name", "description", "instructions", "model", "tools", "metadata", "extensions"}
    )
    summary = "OpenCode agent: .opencode/agents/NAME.md (name from the file)"
    layout = ".opencode/agents/{name}.md"
    name_in_header = False
    rules = TargetRules(tool="opencode", keys=_KEYS, required=("description",), tools="switches")

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        switches = data.get("tools")
        if not isinstance(switches, dict):
            return super().read_tools(data, lines, context)
        builtins = _builtins()
        if not all(isinstance(v, bool) for v in switches.values()) or not set(builtins) <= set(
            switches
        ):
            return (
                None  # partial switches: kept as written (after_read), the agent inherits the rest
            )
        return read_tools([name for name, enabled in switches.items() if enabled], self.rules)

    def after_read(self, agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        switches = data.get("tools")
        if isinstance(switches, dict) and agent.tools is None:
            off = [name for name, enabled in switches.items() if enabled is False]
            context.diagnostics.add(
                Code.FIELD_IN_EXTENSION,
                "'tools' switches only some tools: every other tool stays on"
                + (f" (off: {', '.join(off)})" if off else "")
                + "; kept in extensions.opencode.tools",
                field="tools",
                severity=Severity.WARNING if off else Severity.INFO,
            )
            return with_extension(agent, "opencode", {"tools": switches})
        return agent

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        names = write_tools(agent, self.rules, diags)
        if names is None:
            kept = agent.extensions.get("opencode", {}).get("tools")
            if isinstance(kept, dict) and agent.tools is None:
                mapping["tools"] = kept
            return
        # the allowed tools first, in the agent's order, then every other built-in switched off
        switches = {tool: True for tool in names}
        switches.update({tool: False for tool in _builtins() if tool not in switches})
        mapping["tools"] = switches
        if diags is not None:
            diags.add(
                Code.TOOLS_WIDENED,
                "OpenCode turns on every tool not switched off: tools from MCP servers stay on",
                field="tools",
            )
