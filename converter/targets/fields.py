"""Settings several tools share under their own keys (max turns, MCP servers, temperature,
reasoning effort): a target takes the value from whichever tool has it, as its own key.

The table is data (`[fields.*]` in vocabulary.toml); values are checked against what the
target accepts, and what cannot be carried over is said.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets import (
    denials,
    efforts,
    hooks,
    narrowing,
    placeholders,
    server_tools,
    server_values,
    vocabulary,
)
from converter.targets import fitted as fitted_values
from converter.targets.kinds import kind_text, takes
from converter.targets.rules import RECORD_NAMESPACE, TargetRules
from converter.targets.server_values import server_requires


def own(
    agent: Agent,
    rules: TargetRules,
    diags: Diagnostics | None,
    taken: Mapping[str, Any],
    *,
    lossless: bool = False,
) -> dict[str, Any]:
    """The target's own keys as the agent holds them (but those in `taken`). A value of a
    kind its loader refuses is left out, said: it would fail the agent, or for OpenCode its
    whole configuration (a Gemini CLI agent's `max_turns: many`, OpenCode's `color: purple`);
    its MCP servers are written as it starts them (`server_values.own_servers`), but in a
    `lossless` format, which keeps every value as it is (the `markdown` format)."""
    fields_table = vocabulary.table().get("fields", {})
    servers_key = None if lossless else fields_table.get("mcp_servers", {}).get(rules.tool)
    return {
        key: server_values.own_servers(rules.tool, value, diags) if key == servers_key else value
        for key, value in agent.extensions.get(rules.tool, {}).items()
        if key in rules.keys and key not in taken and not refused(rules, key, value, diags)
    }


def refused(rules: TargetRules, key: str, value: Any, diags: Diagnostics | None) -> bool:
    """Whether the tool's loader refuses `value` for its key `key` (said, as not written)."""
    kind = rules.key_types.get(key)
    if kind is None or takes(kind, value):
        return False
    if diags is not None:
        diags.add(
            Code.FIELD_DROPPED,
            f"{rules.display or rules.tool} refuses {key} = {value!r} (it takes "
            f"{kind_text(kind)}); not written",
            field=f"extensions.{rules.tool}.{key}",
        )
    return True


def shared(
    agent: Agent, rules: TargetRules, diags: Diagnostics | None, model: str | None = None
) -> dict[str, Any]:
    """The target's keys for settings the agent has under other tools' keys (its own keys
    win), each value made fit for the target or left out with a note. `model`: the model
    written for the target (a reasoning level is one of its variants in some tools)."""
    if not agent.extensions:  # every value comes from some tool's extensions
        return {}
    own = agent.extensions.get(rules.tool, {})
    found: dict[str, Any] = {}
    for concept, row in vocabulary.table().get("fields", {}).items():
        key = row.get(rules.tool)
        if key is None or key in own or key not in rules.keys:
            continue
        for tool, key_there in row.items():
            source_key, value = _value(agent.extensions.get(tool, {}), tool, key_there)
            if tool == rules.tool or value is None:
                continue
            if _empty(value) and concept in ("mcp_servers", "hooks", "skills"):
                continue  # none (Kiro's default `"mcpServers": {}`); `background: []` is said
            if concept == "hooks":  # says itself what it cannot carry
                fitted = hooks.for_tool(tool, value, rules.tool, diags)
                if fitted is None:
                    break
            else:
                fitted = fitted_values.fit(concept, value, rules.tool, tool, source_key)
                if fitted is fitted_values.DEFAULT:  # OpenCode's `mode: all` for Copilot
                    if diags is not None:
                        diags.add(
                            Code.FIELD_IN_EXTENSION,
                            f"{tool}'s {source_key} {value!r} is {rules.tool}'s default: "
                            "nothing to write",
                            field=f"extensions.{tool}.{source_key}",
                            severity=Severity.INFO,
                        )
                    break
            if concept == "mcp_servers" and fitted is not None:
                elsewhere = server_tools.kept(agent, rules.tool)
                fitted = servers_for(rules.tool, fitted, diags, tool, elsewhere)
                _say_placeholders(tool, rules.tool, fitted, diags)
                if vocabulary.table().get("mcp_servers_as_list", {}).get(rules.tool):
                    fitted = [{name: config} for name, config in fitted.items()]
            listed = isinstance(value, list) and concept == "mcp_servers"
            named_only = [v for v in value if isinstance(v, str)] if listed else []
            if named_only and diags is not None:
                diags.add(
                    Code.FIELD_DROPPED,
                    f"{tool} names MCP servers configured elsewhere ({', '.join(named_only)}); "
                    f"{rules.tool}'s {key} needs each server's configuration: not written",
                    field=f"extensions.{tool}.{source_key}",
                )
            if fitted is None:
                # a list of names only is said once, above
                if diags is not None and not (named_only and len(named_only) == len(value)):
                    levels = efforts.levels_said(rules.tool) if concept == "effort" else ""
                    diags.add(
                        Code.FIELD_DROPPED,
                        f"{rules.tool} cannot take {tool} {source_key} {value!r} as {key}"
                        + (f" (it takes {levels})" if levels else ""),
                        field=f"extensions.{tool}.{source_key}",
                    )
                break
            source = f"extensions.{tool}.{source_key}"
            if concept == "effort" and not efforts.applied(
                rules, key, fitted, model, diags, source
            ):
                break
            found[key] = fitted
            if diags is not None:
                fitted_values.say_written(
                    diags, concept, tool, source_key, value, rules, key, fitted
                )
            break
    return found


def _say_placeholders(
    source: str, target: str, servers: dict[str, Any], diags: Diagnostics | None
) -> None:
    """A placeholder only the source tool fills (`${{ secrets.TOKEN }}`) reaches the target
    as text: the server would get the placeholder as its token."""
    pattern = vocabulary.table().get("mcp_placeholders", {}).get(source)
    if pattern is None or diags is None:
        return
    import json
    import re

    found = sorted(set(re.findall(pattern, json.dumps(servers, ensure_ascii=False))))
    if found:
        diags.add(
            Code.TOOL_MISREADS,
            f"{source} fills {', '.join(found)} in its MCP servers from its own secrets; "
            f"{target} gets the text as written: set the value there",
            field="mcp_servers",
        )


def _value(keys: dict[str, Any], tool: str, key: str) -> tuple[str, Any]:
    """A tool's value for one of its shared keys, under the key or an older spelling."""
    if key in keys:
        return key, keys[key]
    for alias, meant in vocabulary.table().get("field_aliases", {}).get(tool, {}).items():
        if meant == key and alias in keys:
            return alias, keys[alias]
    return key, None


@functools.cache
def carried(target: str) -> frozenset[tuple[str, str]]:
    """(tool, key) pairs of other tools that a target takes as its own key (from the
    vocabulary alone: worked out once per target, not once per agent)."""
    done: set[tuple[str, str]] = set()
    aliases = vocabulary.table().get("field_aliases", {})
    for row in vocabulary.table().get("fields", {}).values():
        if target in row:
            done.update((tool, key) for tool, key in row.items() if tool != target)
            done.update(
                (tool, alias)
                for tool, key in row.items()
                if tool != target
                for alias, meant in aliases.get(tool, {}).items()
                if meant == key
            )
    return frozenset(done)


def left_out(
    agent: Agent, rules: TargetRules, diags: Diagnostics | None, *, metadata: bool
) -> None:
    """Report what the target cannot carry: other tools' keys it has no place for, and the
    agent's portable metadata when the tool takes no unknown keys."""
    if diags is None:
        return
    placeholders.say_written(agent, rules.tool, rules.display or rules.tool, diags)
    narrowing.say_widened(agent, rules.tool, rules.display or rules.tool, diags, rules.keys)
    taken = set(carried(rules.tool))
    # deny lists are applied to the tool list itself (converter/targets/rules.py)
    taken.update((tool, str(vocabulary.deny_list_key(tool))) for tool in agent.extensions)
    taken.update((tool, str(vocabulary.switch_key(tool))) for tool in agent.extensions)
    for tool, keys in agent.extensions.items():
        for setting in vocabulary.table().get("value_denies", {}).get(tool, {}):
            if denials.denied_by_values(tool, {setting: keys.get(setting)}):
                taken.add((tool, setting))  # applied to the tool list as denied tools
        key = denials.permission_key(tool)
        permissions = keys.get(key) if key else None
        # a map of only "allow" (the default) and "deny" (applied to the tool list) and
        # tools is carried whole; "ask", command patterns, other keys are not
        if isinstance(permissions, dict) and all(
            (action == "allow" or denials.denies(action))
            and (key == "*" or denials.denied_by_permissions(tool, {key: "deny"}))
            for key, action in permissions.items()
        ):
            taken.add((tool, str(key)))
        if denials.only_denied_by_rules(tool, keys):
            taken.add((tool, str(vocabulary.table()["narrowing_rules"][tool])))
    lost = [f"metadata.{key}" for key in agent.metadata] if not metadata else []
    defaults: dict[str, dict[str, Any]] = vocabulary.table().get("key_defaults", {})
    for tool, keys in agent.extensions.items():
        if tool == RECORD_NAMESPACE:
            continue
        for key, value in keys.items():
            if tool == rules.tool and key in rules.keys:
                continue
            if (tool, key) in taken:
                continue
            if isinstance(value, str) and value and agent.instructions.startswith(value):
                continue  # text the prompt starts with (Roo's roleDefinition): nothing is lost
            if value is None or _empty(value):
                continue  # `"toolAliases": {}`, `"resources": []` (Kiro's defaults): nothing
            default = defaults.get(tool, {}).get(key, _NO_DEFAULT)
            if type(default) is type(value) and default == value:  # `0` is not `false`
                continue  # the tool's own default (Gemini's `kind: local`): nothing is lost
            lost.append(f"extensions.{tool}.{key}")
    if lost:
        diags.add(
            Code.FIELD_DROPPED, f"{rules.tool} has no place for {', '.join(lost)}; not written"
        )


_NO_DEFAULT = object()


def servers_for(
    tool: str,
    servers: dict[str, Any],
    diags: Diagnostics | None = None,
    source: str = "",
    elsewhere: Mapping[str, set[str]] | None = None,
) -> dict[str, Any]:
    """MCP servers as `tool` takes them: its names for keys, only its keys, a `type` it
    knows, no local-process keys on a remote server where it forbids them, the values it
    requires. A remote server of `source` is first said as `url` with its transport in
    `type` (Gemini's `http_url`, Codex's bare `url`: [mcp_server_urls])."""
    data = vocabulary.table()
    servers = {name: _remote_said(source, config) for name, config in servers.items()}
    renames = data.get("mcp_server_renames", {}).get(tool, {})
    # the source's own names said plainly first (Codex's `http_headers` is `headers`)
    back = {v: k for k, v in data.get("mcp_server_renames", {}).get(source, {}).items()}
    keys = data.get("mcp_server_keys", {}).get(tool)
    types = data.get("mcp_server_types", {}).get(tool)
    remote_forbids = data.get("mcp_server_remote_forbids", {}).get(tool, [])
    fitted: dict[str, Any] = {}
    bare_url = data.get("mcp_server_urls", {}).get(tool, {}).get("url")
    # what the tool speaks to a url whose type it does not take: a bare url's, or its default
    spoken = bare_url or data.get("mcp_server_remote_defaults", {}).get(tool, {}).get("type")
    switches = data.get("mcp_server_off", {})
    switched_on = {k: not v for s in switches.values() for k, v in s.items() if isinstance(v, bool)}
    for name, config in servers.items():
        entry = {renames.get(back.get(k, k), back.get(k, k)): v for k, v in config.items()}
        entry = server_tools.for_tool(tool, name, entry, diags, (elsewhere or {}).get(name, set()))
        entry = server_values.for_tool(
            tool, name, server_values.as_text(tool, name, entry, diags), diags
        )
        entry = server_values.timeout_for(tool, source, entry)
        off = _turned_off(entry, switches)
        if off is not None:  # the author turned it off: said the tool's way, or left out
            entry = {k: v for k, v in entry.items() if all(k not in s for s in switches.values())}
            if tool not in switches:
                if diags is not None:
                    diags.add(
                        Code.FIELD_DROPPED,
                        f"MCP server {name!r} is turned off ({off}); {tool} has no way to turn "
                        "one off and would start it: left out",
                        field=f"mcp_servers.{name}",
                    )
                continue
            entry.update(switches[tool])
        said = entry.get("type") if "url" in entry and isinstance(entry.get("type"), str) else None
        if types is not None and entry.get("type") not in types:
            entry.pop("type", None)  # stdio ("local") is what a command means anyway
        kept = "type" in entry and (keys is None or "type" in keys)
        transport = _TRANSPORTS.get(said or "", said)
        if said and spoken and transport != _TRANSPORTS[spoken] and not kept and diags is not None:
            diags.add(
                Code.TOOL_MISREADS,
                f"{tool} speaks only {_TRANSPORTS[spoken]} to a url of no type it takes; MCP "
                f"server {name!r} speaks {transport}: it will not connect",
                field=f"mcp_servers.{name}",
            )
        unknown = [k for k in entry if keys is not None and k not in keys]
        if "url" in entry:
            unknown += [k for k in remote_forbids if k in entry]
        # `type` only restates what `url` or `command` says; an empty value says nothing, nor
        # does a server switched on (Kiro's `disabled: false`: every server is, unless off)
        lost = [
            k
            for k in unknown
            if (value := entry.pop(k)) not in ([], {}, "", None)
            and k != "type"
            and switched_on.get(k) is not value
        ]
        if lost and diags is not None:
            diags.add(
                Code.FIELD_DROPPED,
                f"{tool} takes no {', '.join(lost)} in MCP server {name!r}; not written",
                field=f"mcp_servers.{name}",
            )
        for key, value in server_requires(tool, entry).items():
            entry.setdefault(key, value)
        fitted[name] = entry
    return fitted


_TRANSPORTS = {
    "http": "streamable HTTP", "streamable-http": "streamable HTTP", "sse": "SSE", "ws": "WebSocket"
}  # fmt: skip


def _turned_off(server: dict[str, Any], switches: dict[str, dict[str, Any]]) -> str | None:
    """How a server says it is turned off in any tool's words (`enabled = false`), or None."""
    for switch in switches.values():
        for key, off in switch.items():
            if key in server and server[key] is off:
                return f"{key} = {str(off).lower()}"
    return None


def _remote_said(source: str, config: dict[str, Any]) -> dict[str, Any]:
    """A source tool's remote server as `url` and `type`: its URL key, and the transport a
    URL under that key means there when the server does not say one."""
    for key, transport in vocabulary.table().get("mcp_server_urls", {}).get(source, {}).items():
        if key in config:
            entry: dict[str, Any] = {}
            for name, value in config.items():  # in the server's own order
                if name == key:
                    entry.setdefault("url", value)
                    entry.setdefault("type", config.get("type", transport))
                elif name != "url" or key == "url":
                    entry.setdefault(name, value)
            return entry
    return config


def _empty(value: Any) -> bool:
    return isinstance(value, dict | list) and not value
