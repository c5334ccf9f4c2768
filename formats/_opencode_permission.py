"""OpenCode's `permission` map as a tool list and back (opencode.ai/docs/permissions;
OpenCode 1.18.33): a map that denies everything else (`"*": deny`) restricts the agent to
what it allows, and Claude Code's `Tool(pattern)` is one of its pattern maps."""

from __future__ import annotations

import re
from typing import Any

from converter.targets import denials

#: the actions that let an agent use a tool (`ask` after a prompt; opencode.ai/docs/permissions)
_GRANTS = ("allow", "ask")
#: keys of the map that guard no tool but a situation (opencode.ai/docs/permissions: a path
#: outside the project, the same call repeated): never a tool of the agent's list; the map,
#: kept for OpenCode, says them
_NOT_TOOLS = frozenset({"external_directory", "doom_loop"})
#: what makes a pattern match more than itself (OpenCode's Wildcard: `*` and `?`)
_WILD = re.compile(r"[*?]")


def restricting(permission: Any) -> list[str] | None:
    """The tools a `permission` map allows when it denies everything else (`"*": deny`, then
    tools allowed, or asked for: `ask` runs the tool after a prompt; patterns allowed: `bash:
    {"git *": allow}` is `Bash(git *)`; a map that denies some patterns grants the tool, its
    limit said by narrowing.py); None for any other map, which is kept as written."""
    if not isinstance(permission, dict) or permission.get("*") != "deny":
        return None
    allowed: list[str] = []
    for name, action in permission.items():
        if name == "*" or name in _NOT_TOOLS or denials.denies(action):
            continue
        # one permission governs write, edit and patch (OpenCode 1.18)
        tools = ["write", "edit"] if name == "edit" else [name]
        granted = _granted(name, action)
        if action in _GRANTS:
            allowed.extend(tools)
        elif granted is not None:
            allowed.extend(f"{name}({pattern})" for pattern in granted)
        elif isinstance(action, dict) and all(v in (*_GRANTS, "deny") for v in action.values()):
            allowed.extend(tools)
        else:
            return None
    return allowed


def _granted(permission: str, action: Any) -> list[str] | None:
    """The patterns a tool's map grants, when it grants only them: each allowed (or asked
    for), after a first `"*": deny` or without one (the agent's `"*": deny` denies the rest
    either way: OpenCode 1.18.33 takes the last rule that matches, in the order written). A
    `task` map's patterns are agents' names: only plain names, as Claude Code's
    `Agent(a, b)` names agents and has no wildcard."""
    if not isinstance(action, dict):
        return None
    rules = list(action.items())
    if rules and rules[0] == ("*", "deny"):
        rules = rules[1:]
    if not rules or any(p == "*" or v not in _GRANTS for p, v in rules):
        return None
    if permission == "task" and any(_WILD.search(p) for p, _ in rules):
        return None
    return [pattern for pattern, _ in rules]


def says_only_tools(permission: Any) -> bool:
    """Whether a restricting map says nothing its tool list does not: allowed tools and
    patterns, no prompt asked for, no pattern denied but the rest of a tool's."""
    return isinstance(permission, dict) and all(
        action == "allow"
        or denials.denies(action)
        or (
            _granted(name, action) is not None
            and all(v == "allow" for p, v in action.items() if p != "*")
        )
        for name, action in permission.items()
        if name != "*"
    )


def patterns(permission: str, scope: str) -> list[str]:
    """Claude Code's `Tool(scope)` as OpenCode's patterns: `Agent(worker, researcher)` names
    two agents (task: worker, researcher); `Bash(git log:*)`, Claude's older prefix form
    (`git log` alone or followed by a space, in Claude Code 2.1.332's bundle), is `git log *`,
    which OpenCode 1.18.33 matches the same (its Wildcard.match: a last ` *` may be nothing);
    `git log*` would also run `git logout` (formats.md §1.1, §2)."""
    if permission == "task":
        return [name.strip() for name in scope.split(",") if name.strip()]
    return [scope[: -len(":*")].rstrip() + " *" if scope.endswith(":*") else scope]
