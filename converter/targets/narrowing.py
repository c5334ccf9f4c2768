"""Limits by which a tool narrows a tool its agent is granted (vocabulary.toml
[narrowing_options], [narrowing_settings], [narrowing_rules] and [permission_maps]): Roo's
`["edit", {"fileRegex": ...}]`, OpenCode's `bash: {"git push*": "deny", "*": "allow"}`, Kiro's
`toolsSettings.shell.deniedCommands` and its `permissions` rules. Written for a tool that has no
such limit, the tool is granted for everything: said as `tools-widened`, not only as a key with
no place.

Code names no tool: the facts are data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import denials, vocabulary

Limit = tuple[str, str]  # (the tool's own name for what is limited, how: "only on …")


def say_widened(
    agent: Agent, target: str, display: str, diags: Diagnostics, kept: tuple[str, ...] = ()
) -> None:
    """Say each narrowed grant that `target` gives without its limit: another tool's, or its
    own under a key this file of it does not keep (Kiro's Markdown `permissions`, which its
    JSON agents do not have)."""
    for tool, keys in agent.extensions.items():
        for key, name, how in _limits(tool, keys):
            if (tool == target and key in kept) or not _granted(agent, tool, name):
                continue
            if tool == target:  # its own key, which this file of it has no place for
                there = f"this {display} file has no `{key}`"
            else:
                there = f"{display} has no such limit"
            diags.add(
                Code.TOOLS_WIDENED,
                f"{tool} lets the agent use {name} {how}; {there}: "
                f"{_what(tool, name, target)} for everything",
                field=f"extensions.{tool}.{key}",
            )


def _limits(tool: str, keys: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(key, name, how) for each limit `tool`'s own keys set on a tool the agent has."""
    table = vocabulary.table()
    for key, option in table.get("narrowing_options", {}).get(tool, {}).items():
        for name, limit, why in _options(keys.get(key), option):
            yield key, name, f"only on files matching `{limit}`" + (f" ({why})" if why else "")
    key = table.get("permission_maps", {}).get(tool)
    if key and isinstance(keys.get(key), dict):
        rules = keys[key]
        # the last rule that matches decides: a key's patterns before `"*"` are overridden
        before = set(list(rules)[: list(rules).index("*")]) if "*" in rules else set()
        for name, how in _patterns(rules):
            if name not in before and not denials.governs_nothing(tool, name):
                yield key, name, how  # (a limit on nothing limits nothing)
    settings = table.get("narrowing_settings", {}).get(tool)
    if settings and isinstance(keys.get(settings["key"]), dict):
        for name, how in _settings(keys[settings["key"]], settings):
            yield settings["key"], name, how
    key = table.get("narrowing_rules", {}).get(tool)
    if key:
        for name, how in _rules(keys.get(key)):
            yield key, name, how


def _options(value: Any, option: str) -> list[tuple[str, str, str]]:
    """(grant, limit, its description) for each entry of `value` written `[grant, {option:
    limit}]`."""
    found = []
    for entry in value if isinstance(value, list) else ():
        if (
            isinstance(entry, list)
            and len(entry) > 1
            and isinstance(entry[0], str)
            and isinstance(entry[1], dict)
            and isinstance(entry[1].get(option), str)
        ):
            why = entry[1].get("description")
            found.append((entry[0], entry[1][option], why if isinstance(why, str) else ""))
    return found


def _patterns(permissions: dict[str, Any]) -> Iterator[Limit]:
    """OpenCode's permission maps of patterns (opencode.ai/docs/permissions): denied patterns,
    or, where every other is denied (`"*": "deny"`), the allowed ones. A map denying every
    pattern takes the tool away (converter/targets/denials.py), not a limit."""
    for name, actions in permissions.items():
        if not isinstance(actions, dict) or denials.denies(actions):
            continue
        denied = [p for p, action in actions.items() if action == "deny" and p != "*"]
        allowed = [p for p, action in actions.items() if action != "deny" and p != "*"]
        if actions.get("*") == "deny" and allowed:
            yield name, f"only for {_listed(allowed)}"
        elif denied:
            yield name, f"except for {_listed(denied)}"


def _settings(settings: dict[str, Any], table: dict[str, Any]) -> Iterator[Limit]:
    """Kiro's `toolsSettings` (kiro.dev/docs/cli/custom-agents/configuration-reference): lists
    a tool may not touch (`deniedCommands`, `deniedPaths`), a switch that denies all but
    what its allow list names (`denyByDefault` with `allowedCommands`), and lists a tool is
    held to (`subagent.availableAgents`)."""
    for name, values in settings.items():
        if not isinstance(values, dict):
            continue
        for switch, allowed in table.get("only", {}).items():
            if values.get(switch) is True:
                yield name, f"only for {_listed(_texts(values.get(allowed))) or 'nothing'}"
        for key in table.get("held_to", ()):
            if isinstance(values.get(key), list):
                yield name, f"only for {_listed(_texts(values[key])) or 'nothing'}"
        denied = [text for key in table.get("denied", ()) for text in _texts(values.get(key))]
        if denied:
            yield name, f"except for {_listed(denied)}"


def _rules(rules: Any) -> Iterator[Limit]:
    """Kiro's `permissions` rules (kiro.dev/docs/cli/v3/agent-config: capability, effect,
    match, exclude; deny wins): a denying rule with a pattern narrows its capability."""
    for rule in rules if isinstance(rules, list) else ():
        if not isinstance(rule, dict) or rule.get("effect") != "deny":
            continue
        capability, match = rule.get("capability"), _texts(rule.get("match"))
        if isinstance(capability, str) and match:
            excluded = _texts(rule.get("exclude"))
            but = f" (but {_listed(excluded)})" if excluded else ""
            yield capability, f"except for {_listed(match)}{but}"


def _granted(agent: Agent, tool: str, name: str) -> bool:
    """Whether the agent is given `name` (a name no table knows may be anything: said)."""
    canonical = _canonical(tool, name)
    if agent.tools is None or not canonical:
        return True
    return any(each in agent.tools for each in canonical)


def _canonical(tool: str, name: str) -> tuple[str, ...]:
    covers = vocabulary.table().get("permission_covers", {}).get(tool, {}).get(name, [name])
    known = [each for each in covers if vocabulary.is_known(tool, each)]
    return vocabulary.tools_from(tool, known) if known else ()


def _what(tool: str, name: str, target: str) -> str:
    """What `target` gives in the limited tool's place, in its own names."""
    names = [each for c in _canonical(tool, name) for each in vocabulary.tools_to_names(target, c)]
    return f"it gives {', '.join(dict.fromkeys(names))}" if names else "its tools work"


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [each for each in value if isinstance(each, str)] if isinstance(value, list) else []


def _listed(patterns: list[str]) -> str:
    return ", ".join(f"`{pattern}`" for pattern in patterns)
