"""OpenCode's `permission` map as a tool list and back (opencode.ai/docs/permissions;
OpenCode 1.18.33): a map that denies everything else (`"*": deny`) restricts the agent to
what it allows, and Claude Code's `Tool(pattern)` is one of its pattern maps."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from converter.diagnostics import Code, Diagnostics
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
    # OpenCode 1.18.33 takes the last rule that matches, in the order written: what comes
    # before `"*": deny` is denied with the rest (`opencode debug agent x --tool read`)
    after = False
    for name, action in permission.items():
        if not after or name in _NOT_TOOLS or denials.denies(action):
            after = after or name == "*"
            continue
        tools = _tools_of(name)
        granted = _granted(name, action)
        if action in _GRANTS:
            allowed.extend(tools)
        elif granted is not None:
            allowed.extend(f"{name}({pattern})" for pattern in granted if tools)
        elif isinstance(action, dict) and all(v in (*_GRANTS, "deny") for v in action.values()):
            allowed.extend(tools)
        else:
            return None
    return allowed


@functools.cache
def _tools_of(name: str) -> tuple[str, ...]:
    """The tools a key governs: `edit` write and edit; `write` none (OpenCode 1.18.33)."""
    return tuple(t for t in denials.covered("opencode", name) if t != "patch")


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
    if not isinstance(permission, dict) or next(iter(permission), None) != "*":
        return False  # rules before `"*"` are kept, as written, for OpenCode
    if not denials.governing_nothing("opencode").isdisjoint(permission):
        return False  # so is a key OpenCode asks for no tool (`write`)
    return all(
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


def say_misread(data: dict[str, Any], lines: Mapping[str, int], diagnostics: Diagnostics) -> None:
    """Say where OpenCode 1.18.33 reads an agent's `permission` and `tools` otherwise than
    their keys say (each seen with `opencode debug agent x --tool write`): a key it asks for
    no tool (`write`: its write tool asks `edit`), switches it folds into one permission (the
    last one deciding), a switch the permission map overrides, and rules a later `"*"`
    decides for (the last rule that matches decides)."""
    permission: dict[str, Any] = {}
    if isinstance(data.get("permission"), dict):
        permission = data["permission"]
    if (
        not data.get("tools")
        and denials.governing_nothing("opencode").isdisjoint(permission)
        and ("*" not in permission or next(iter(permission)) == "*")
    ):
        return  # most agents: a map that says what OpenCode reads
    say = functools.partial(_say, diagnostics, lines)
    for key, action in permission.items():
        if isinstance(key, str) and denials.governs_nothing("opencode", key):
            does = "takes nothing away" if denials.denies(action) else "gives no tool"
            say(
                "permission",
                f"'{key}' in 'permission' governs no tool, so '{key}: "
                f"{_shown(action)}' {does}; OpenCode asks 'edit' for writing and patching files",
            )
    switches: dict[str, Any] = {}
    if isinstance(data.get("tools"), dict):
        switches = data["tools"]
    for key, names in denials.folded_switches("opencode", switches).items():
        values = [switches[n] for n in names]
        if key in names and len(set(map(str, values))) == 1:
            continue  # `write: false` with `edit: false`: one meaning, as written
        action = "allow" if values[-1] is True else "deny"
        written = ", ".join(f"{n}: {str(v).lower()}" for n, v in zip(names, values, strict=True))
        into = "into one permission" if len(names) > 1 else "into the permission"
        last = " (the last one decides)" if len(names) > 1 else ""
        say(
            "tools",
            f"OpenCode turns 'tools' {written} {into} '{key}: {action}'{last}, which governs "
            f"{', '.join(denials.covered('opencode', key))}",
        )
    effective = denials.effective_permissions("opencode", data)
    overridden = denials.overridden_by_every(effective)
    if overridden:
        where = "permission" if "*" in permission else "tools"
        say(
            where,
            f"'*' in '{where}' comes after {_names(overridden)}: OpenCode takes the last rule "
            "that matches, so '*' decides for them too",
        )
    built = denials.effective_permissions("opencode", {"tools": switches})
    for key, action in built.items():
        if key in permission and permission[key] != action:
            say(
                "permission",
                f"'permission' decides '{key}' ('{key}: "
                f"{_shown(permission[key])}'): OpenCode passes over the 'tools' switch for it",
            )


def _say(diagnostics: Diagnostics, lines: Mapping[str, int], key: str, message: str) -> None:
    # said on the line of its key; under `permission` even for the switches, whose file is
    # written back to OpenCode as it was (a misread `tools` is written as read: target.py)
    diagnostics.add(Code.TOOL_MISREADS, message, line=lines.get(key), field="permission")


def _shown(action: Any) -> str:
    return action if isinstance(action, str) else "{...}"


def _names(keys: list[str]) -> str:
    return ", ".join(f"'{key}'" for key in keys)
