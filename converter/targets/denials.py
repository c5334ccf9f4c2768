"""Tools another tool's own settings take away: OpenCode's permissions set to "deny", Codex's
read-only sandbox, Cursor's `readonly: true` (`[permission_maps]` and `[value_denies]` in
vocabulary.toml). A target with no such setting applies them to its tool list
(converter/targets/rules.py `denied_tools`). This code names no tool.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from converter.targets import vocabulary


def permission_key(tool: str) -> str | None:
    """The key under which `tool` keeps a map of tool permissions (allow, ask, deny)."""
    key = vocabulary.table().get("permission_maps", {}).get(tool)
    return str(key) if key else None


def covered(tool: str, key: str) -> list[str]:
    """The tool's own names of the tools a key of its permission map governs: `edit` is
    OpenCode's write, edit and patch; `write` none (OpenCode asks `edit` for its write tool)."""
    return list(_covers(tool).get(key, [key]))


def governs_nothing(tool: str, key: str) -> bool:
    """Whether a key of the tool's permission map names a tool the tool never asks it for."""
    return key in governing_nothing(tool)


@cache
def governing_nothing(tool: str) -> frozenset[str]:
    """The keys of the tool's permission map that govern no tool (OpenCode's `write`)."""
    return frozenset(key for key, names in _covers(tool).items() if not names)


@cache
def _map_keys(tool: str) -> tuple[str, str]:
    """Where the tool keeps its switches and its permission map ("" where it has none)."""
    return vocabulary.switch_key(tool) or "", permission_key(tool) or ""


@cache
def _covers(tool: str) -> dict[str, list[str]]:
    return dict(vocabulary.table().get("permission_covers", {}).get(tool, {}))


def effective_permissions(tool: str, keys: dict[str, Any]) -> dict[str, Any]:
    """The permission map the tool builds for an agent: each of its switches `allow` (on) or
    `deny` (off), those of one family folded into one key, the last written deciding; then its
    own permission map laid over them key by key. OpenCode 1.18.33 (`opencode debug
    config`): `tools: {write: false}` is `edit: deny`, and `permission: {edit: allow}` wins
    over it, written before or after."""
    switch_key, own_key = _map_keys(tool)
    switches, own = keys.get(switch_key), keys.get(own_key)
    if not switches or not isinstance(switches, dict):  # most agents: the map as written
        return own if isinstance(own, dict) else {}
    folds = vocabulary.table().get("switch_folds", {}).get(tool, {})
    built: dict[str, Any] = {}
    for name, on in switches.items():
        if isinstance(on, bool):
            built[folds.get(name, name)] = "allow" if on else "deny"
    if isinstance(own, dict):
        built.update(own)
    return built


def folded_switches(tool: str, switches: dict[str, Any]) -> dict[str, list[str]]:
    """Each folded key and the switches written for it, when one of them is not the key
    itself (`write` for OpenCode's `edit`)."""
    folds = vocabulary.table().get("switch_folds", {}).get(tool, {})
    family: dict[str, list[str]] = {}
    for name in switches:
        if name in folds:
            family.setdefault(folds[name], []).append(name)
    return {key: names for key, names in family.items() if set(names) != {key}}


def denied_by_permissions(tool: str, permissions: dict[str, Any]) -> tuple[str, ...]:
    """The canonical tools a permission map denies (`edit: deny` is every tool it governs);
    keys that name no tool (`doom_loop`, `external_directory`) deny nothing here. The last
    rule that matches decides (OpenCode 1.18.33: `bash: deny` before `"*": allow` leaves the
    agent its shell, `opencode debug agent x --tool bash`)."""
    keys = list(permissions)
    last_every = keys.index("*") if "*" in keys else -1
    names = [
        name
        for index, (key, action) in enumerate(permissions.items())
        if denies(action) and key != "*" and (index > last_every or denies(permissions["*"]))
        for name in covered(tool, key)
        if vocabulary.is_known(tool, name)
    ]
    return vocabulary.tools_from(tool, names)


def overridden_by_every(permissions: dict[str, Any]) -> list[str]:
    """The keys written before `"*"` whose own action it overrides (the last rule that
    matches decides): a denial it allows, an allowance it denies."""
    if "*" not in permissions:
        return []
    every = denies(permissions["*"])
    before = list(permissions)[: list(permissions).index("*")]
    return [key for key in before if _differs(permissions[key], every)]


def _differs(action: Any, every: bool) -> bool:
    """Whether an action (or a pattern's, in a map) differs from `"*"`'s: a denial where
    `"*"` allows, an allowance where it denies."""
    if isinstance(action, dict):
        return any(denies(each) != every for each in action.values())
    return denies(action) != every


def denied_by_rules(tool: str, keys: dict[str, Any]) -> tuple[str, ...]:
    """The canonical tools a tool's capability rules take away whole: Kiro's `permissions`
    rule with `effect: deny` and no `match` (kiro.dev/docs/cli/v3/agent-config; one with a
    pattern narrows the tool: converter/targets/narrowing.py)."""
    key = vocabulary.table().get("narrowing_rules", {}).get(tool)
    rules = keys.get(key) if key else None
    names = [
        rule["capability"]
        for rule in (rules if isinstance(rules, list) else ())
        if isinstance(rule, dict)
        and rule.get("effect") == "deny"
        and isinstance(rule.get("capability"), str)
        and not rule.get("match")
        and vocabulary.is_known(tool, rule["capability"])
    ]
    return vocabulary.tools_from(tool, names)


def only_denied_by_rules(tool: str, keys: dict[str, Any]) -> bool:
    """Whether every one of the tool's capability rules takes a tool away whole (so the tool
    list carries them all)."""
    key = vocabulary.table().get("narrowing_rules", {}).get(tool)
    rules = keys.get(key) if key else None
    return (
        isinstance(rules, list)
        and bool(rules)
        and all(
            isinstance(rule, dict)
            and set(rule) <= {"capability", "effect"}
            and rule.get("effect") == "deny"
            and vocabulary.is_known(tool, str(rule.get("capability", "")))
            for rule in rules
        )
    )


def denies(action: Any) -> bool:
    """The action "deny", or a map of patterns that denies every one (OpenCode's `bash: {"*": "deny"}`;
    one without `"*"` leaves every other command to the default)."""
    if isinstance(action, dict):
        return action.get("*") == "deny" and all(value == "deny" for value in action.values())
    return bool(action == "deny")


def denied_by_values(tool: str, keys: dict[str, Any]) -> tuple[str, ...]:
    """The canonical tools a tool's own settings take away (Codex's read-only sandbox: every
    tool that writes a file or runs a command)."""
    denied: list[str] = []
    for key, by_value in vocabulary.table().get("value_denies", {}).get(tool, {}).items():
        value = keys.get(key)
        if isinstance(value, bool):  # `readonly: true` (a TOML key is text)
            value = str(value).lower()
        for concept in by_value.get(value, []) if isinstance(value, str) else []:
            denied.extend(vocabulary.concepts()[concept][vocabulary.canonical()])
    return tuple(dict.fromkeys(denied))
