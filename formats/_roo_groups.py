"""A mode's `groups` from an agent's tool list, deny list and own groups; a private helper
of the `roo` format.

The tool list decides (a list of groups is Roo's tool list): the agent's own groups are
written as they are (with their `fileRegex` limits) where they are the list's groups, or
where the agent has no list, then without the groups another tool's deny list takes away.
Own groups that would widen the list (`groups: [read, edit]` in a header beside `tools:
Read`, a Claude Code file's key for Roo) are not written, and that is said.
"""

from __future__ import annotations

from typing import Any

from converter import targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets import vocabulary
from converter.targets.rules import TargetRules

#: the groups of Roo's own Code mode: a mode with all of them may use every tool
ALL_GROUPS = ["read", "edit", "command", "mcp"]
DEPRECATED = {"browser"}  # groups Roo removes (@roo-code/types 1.115: deprecatedToolGroups)


def _name(group: Any) -> Any:
    return group if isinstance(group, str) else group[0]


def groups(agent: Agent, kept: Any, rules: TargetRules, diags: Diagnostics) -> list[Any]:
    """The mode's groups; `kept`: the agent's own (Roo's) groups, if any."""
    denied = targets.denied_tools(agent, "roo")
    if isinstance(kept, list):
        kept = [g for g in kept if _name(g) not in DEPRECATED]
    if agent.tools is None or "*" in agent.tools:
        if not isinstance(kept, list):
            return groups_left(denied, diags) if denied else list(ALL_GROUPS)
        if not denied:
            return kept
        left = groups_left(denied, Diagnostics())
        _say_not_written(
            [g for g in kept if _name(g) not in left], "its deny list takes away", diags
        )
        return [g for g in kept if _name(g) in left]
    names = targets.write_tools(agent, rules, diags) or []
    if set(ALL_GROUPS) <= set(names):
        diags.add(
            Code.TOOLS_NOT_RESTRICTED,
            "these tools cover every Roo group: the mode can use every tool",
            field="tools",
        )
    if isinstance(kept, list) and [_name(g) for g in kept] == names:
        return kept  # as written, with its fileRegex restrictions
    if isinstance(kept, list):
        _say_not_written(
            [g for g in kept if _name(g) not in names], "its tool list does not have", diags
        )
    return names


def _say_not_written(wider: list[Any], what: str, diags: Diagnostics) -> None:
    if wider:
        diags.add(
            Code.FIELD_DROPPED,
            f"the agent's own Roo groups {', '.join(str(_name(g)) for g in wider)} would give "
            f"the mode tools {what}; not written",
            field="extensions.roo.groups",
        )


def groups_left(denied: tuple[str, ...], diags: Diagnostics) -> list[Any]:
    """Another tool's deny list (Claude Code's disallowedTools, Codex's read-only
    sandbox) as the groups whose every tool it leaves (it was ignored: every group)."""
    taken = {tool.lower() for tool in denied}
    left = [
        group
        for group in ALL_GROUPS
        if not all(t.lower() in taken for t in vocabulary.tools_from("roo", [group]))
    ]
    gone = [group for group in ALL_GROUPS if group not in left]
    diags.add(
        Code.TOOLS_NOT_RESTRICTED,
        f"Roo has no deny list: denying {', '.join(denied)} leaves the groups "
        f"{', '.join(left) or 'none'}"
        if gone
        else f"Roo's groups cannot take away {', '.join(denied)}: the mode can use every tool",
        field="tools",
        severity=Severity.INFO if gone else Severity.WARNING,
    )
    return left
