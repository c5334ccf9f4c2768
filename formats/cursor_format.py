"""The `cursor` target: Cursor subagents, `.cursor/agents/<name>.md` (formats.md §7).

Cursor has no tool list, only `readonly`: an allow-list without editing or shell tools is
written as `readonly: true`; one with them cannot be expressed (warned; --strict refuses).
"""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS, Agent
from converter.targets import TargetRules, denied_tools, say_foreign, vocabulary

_WRITES = {"write", "edit", "multiedit", "notebookedit", "bash", "task", "agent"}


class CursorFormat(FrontmatterTarget):
    name = "cursor"
    filenames = (".cursor/agents/*.md",)
    carries = frozenset(FIELDS) - {"tools"}
    summary = "Cursor subagent: .cursor/agents/NAME.md (readonly instead of tools)"
    layout = ".cursor/agents/{name}.md"
    rules = TargetRules(
        tool="cursor",
        display="Cursor",
        keys=("readonly", "is_background"),
        required=("description",),
        tools="none",
    )

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        if agent.tools is None or "*" in agent.tools:
            denied = denied_tools(agent, "cursor")
            if {"write", "edit", "bash"} <= {t.lower() for t in denied}:
                mapping["readonly"] = True  # Codex's read-only sandbox, a deny list of them
            elif denied and diags is not None:
                diags.add(
                    Code.TOOLS_NOT_RESTRICTED,
                    f"Cursor has no tool list: denying {', '.join(denied)} cannot be expressed; "
                    "the agent gets every tool",
                    field="tools",
                )
            return
        tools, foreign = vocabulary.as_canonical(agent.tools)
        say_foreign(self.rules, foreign, diags)
        if any(tool.split("(")[0].lower() in _WRITES for tool in tools) or not agent.tools:
            if diags is not None and agent.tools:
                diags.add(
                    Code.TOOLS_NOT_RESTRICTED,
                    f"Cursor cannot limit tools to {', '.join(agent.tools)}: the agent gets every tool",
                    field="tools",
                )
            if not agent.tools:
                mapping["readonly"] = True
                if diags is not None:
                    diags.add(
                        Code.TOOLS_NOT_RESTRICTED,
                        "Cursor cannot take away every tool: written as readonly",
                        field="tools",
                    )
            return
        mapping["readonly"] = True
        if diags is not None:
            # a name no tool's vocabulary has may change files (`docker`): readonly is a guess
            unknown = [t for t in tools if not vocabulary.is_known_anywhere(t)]
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"Cursor has no tool list: {', '.join(agent.tools)} is written as readonly: true"
                + (f" (taking {', '.join(unknown)} to change nothing)" if unknown else ""),
                field="tools",
                severity=Severity.INFO,
            )
