"""Values of an MCP server said each tool's way: what it takes from the environment
(`${VAR}` in a header or an env value where the tool fills it, the keys that name a variable
where it does not: `[mcp_server_env_keys]`, `[mcp_server_env_fills]`) and its timeout in the
tool's key and unit (`[mcp_server_timeouts]`), from vocabulary.toml. This code names no tool.
"""

from __future__ import annotations

import re
from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.targets import vocabulary

# `${VAR}` or `$VAR`, the whole value (`${VAR:-default}` and `${{ secrets.X }}` are not).
# Patterns as text, compiled on first use by re's own cache: only agents with MCP servers
# need them, and compiling the four at every start cost ~0.5 ms.
_VARIABLE = r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)"
_BEARER = r"Bearer +(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)"
_ANY_VARIABLE = r"\$\{?[A-Za-z_]"
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(_NAME, value) is not None


def _variable(value: Any) -> str | None:
    found = re.fullmatch(_VARIABLE, value) if isinstance(value, str) else None
    return (found.group(1) or found.group(2)) if found else None


def for_tool(
    tool: str, name: str, server: dict[str, Any], diags: Diagnostics | None
) -> dict[str, Any]:
    """`server` (its keys already `tool`'s names) with the variables it takes said the way
    `tool` takes them, and what `tool` would send as written said."""
    table = vocabulary.table()
    env_keys: dict[str, dict[str, str]] = table.get("mcp_server_env_keys", {})
    headers_key = table.get("mcp_server_renames", {}).get(tool, {}).get("headers", "headers")
    entry, said = _as_references(tool, server, env_keys, headers_key)
    own = env_keys.get(tool)
    if own is not None:
        return _as_keys(tool, name, entry, own, headers_key, diags)
    if said and diags is not None:
        fills = table.get("mcp_server_env_fills", {}).get(tool, False)
        outcome = (
            f"which {tool} fills"
            if fills
            else f"which {tool} may send as written, not the variable's value"
        )
        diags.add(
            Code.FIELD_IN_EXTENSION if fills else Code.TOOL_MISREADS,
            f"MCP server {name!r} takes {', '.join(said)} from the environment: written as "
            f"${{VAR}}, {outcome}",
            field=f"mcp_servers.{name}",
            severity=Severity.INFO if fills else Severity.WARNING,
        )
    return entry


def _as_references(
    tool: str, server: dict[str, Any], env_keys: dict[str, dict[str, str]], headers_key: str
) -> tuple[dict[str, Any], list[str]]:
    """Another tool's variable keys (Codex's `bearer_token_env_var`) as `${VAR}` values in
    the server's headers and env; and the variables so written."""
    moved = {key: kind for other, keys in env_keys.items() if other != tool
             for kind, key in keys.items()}  # fmt: skip
    headers, env = server.get(headers_key, {}), server.get("env", {})
    if not any(key in server for key in moved) or not isinstance(headers, dict | None):
        return server, []
    if not isinstance(env, dict | None):
        return server, []
    headers, env = dict(headers or {}), dict(env or {})
    entry = {k: v for k, v in server.items() if k not in moved}
    said: list[str] = []
    for key, kind in moved.items():
        value = server.get(key)
        if kind == "bearer_var" and _is_name(value):
            headers.setdefault("Authorization", f"Bearer ${{{value}}}")
            said.append(str(value))
        elif kind == "header_vars" and isinstance(value, dict):
            named = {h: v for h, v in value.items() if _is_name(v) and h not in headers}
            headers.update({h: f"${{{v}}}" for h, v in named.items()})
            said += named.values()
        elif kind == "env_vars" and isinstance(value, list):
            named_env = [v for v in value if _is_name(v) and v not in env]
            env.update({v: f"${{{v}}}" for v in named_env})
            said += named_env
        elif key in server:
            entry[key] = value  # not a variable's name: left for the key check to say
    if headers:
        entry[headers_key] = headers
    if env:
        entry["env"] = env
    return entry, said


def _as_keys(
    tool: str,
    name: str,
    server: dict[str, Any],
    own: dict[str, str],
    headers_key: str,
    diags: Diagnostics | None,
) -> dict[str, Any]:
    """A server's `${VAR}` headers and env values as `tool`'s keys naming the variable;
    what it cannot name (a variable inside other text, renamed) is said sent as written."""
    entry = dict(server)
    literal: list[str] = []
    headers = entry.get(headers_key)
    if isinstance(headers, dict):
        kept: dict[str, Any] = {}
        for header, value in headers.items():
            bearer = re.fullmatch(_BEARER, value) if isinstance(value, str) else None
            if header.lower() == "authorization" and bearer and own.get("bearer_var"):
                entry[own["bearer_var"]] = _variable(bearer.group(1))
            elif _variable(value) and own.get("header_vars"):
                named = entry.get(own["header_vars"])
                entry[own["header_vars"]] = named = named if isinstance(named, dict) else {}
                named[header] = _variable(value)
            else:
                kept[header] = value
                if isinstance(value, str) and re.search(_ANY_VARIABLE, value):
                    literal.append(header)
        _set_or_drop(entry, headers_key, kept)
    env = entry.get("env")
    if isinstance(env, dict) and own.get("env_vars"):
        passed = [k for k, v in env.items() if _variable(v) == k]
        if passed:
            entry[own["env_vars"]] = passed
            _set_or_drop(entry, "env", {k: v for k, v in env.items() if k not in passed})
        literal += [k for k, v in entry.get("env", {}).items()
                    if isinstance(v, str) and re.search(_ANY_VARIABLE, v)]  # fmt: skip
    if literal and diags is not None:
        diags.add(
            Code.TOOL_MISREADS,
            f"MCP server {name!r}: {tool} fills no variable in a value, so "
            f"{', '.join(literal)} would be sent as written; set the value there",
            field=f"mcp_servers.{name}",
        )
    return entry


def _set_or_drop(entry: dict[str, Any], key: str, value: dict[str, Any]) -> None:
    if value:
        entry[key] = value
    else:
        entry.pop(key, None)


def unfilled(tool: str, servers: dict[str, Any]) -> list[str]:
    """Why `tool`, which fills no variable in a server's values, would send one as written:
    a `${VAR}` in the headers or env of its own servers (for `validate`)."""
    table = vocabulary.table()
    own = table.get("mcp_server_env_keys", {}).get(tool)
    if own is None:
        return []
    headers_key = table.get("mcp_server_renames", {}).get(tool, {}).get("headers", "headers")
    problems = []
    for name, config in servers.items():
        found = [
            key
            for field in (headers_key, "env")
            if isinstance(config, dict) and isinstance(config.get(field), dict)
            for key, value in config[field].items()
            if isinstance(value, str) and re.search(_ANY_VARIABLE, value)
        ]
        if found:
            problems.append(
                f"sends {', '.join(found)} of MCP server {name!r} as written: it fills no "
                f"variable there (name one with {', '.join(own.values())})"
            )
    return problems


def timeout_for(tool: str, source: str, server: dict[str, Any]) -> dict[str, Any]:
    """`server` with the source tool's timeout in `tool`'s key and unit (Codex's
    `tool_timeout_sec = 30` is Gemini CLI's `timeout: 30000`); where `tool` has no such key,
    the key is left for the key check to say."""
    timeouts: dict[str, dict[str, int]] = vocabulary.table().get("mcp_server_timeouts", {})
    theirs, ours = timeouts.get(source, {}), timeouts.get(tool, {})
    if not theirs or not ours or theirs == ours:
        return server
    ((key, per_second),) = theirs.items()
    ((own_key, own_per_second),) = ours.items()
    value = server.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or own_key in server:
        return server
    scaled = value * own_per_second / per_second
    entry = {k: v for k, v in server.items() if k != key}
    entry[own_key] = int(scaled) if float(scaled).is_integer() else scaled
    return entry


def dropped_keys(tool: str, name: str, config: dict[str, Any]) -> list[str]:
    """Keys of one of `tool`'s own MCP servers that its loader drops without a word
    ([mcp_server_drops_unknown_keys]), each with the spelling it takes where one is near
    (`httpUrl` for `http_url`), and whether the server is left with no command or address."""
    table = vocabulary.table()
    keys = table.get("mcp_server_keys", {}).get(tool)
    if not table.get("mcp_server_drops_unknown_keys", {}).get(tool) or keys is None:
        return []
    dropped = [key for key in config if key not in keys]
    if not dropped:
        return []
    said = []
    for key in dropped:
        snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()
        said.append(f"{key} (its spelling: {snake})" if snake in keys and snake != key else key)
    left = [key for key in ("command", "url", "http_url", "tcp") if key in config]
    empty = "" if left else ": the server is left with no command or address"
    return [f"ignores {', '.join(said)} in the MCP server {name!r}{empty}"]


#: a server's values that every tool takes as text only: a process's arguments and its
#: environment, a request's headers (GitHub Copilot CLI 1.0.102, Gemini CLI 0.61 and Codex
#: 0.171 refuse the whole agent for `PORT: 8080`, "Expected string, received number",
#: checked with each; Claude Code 2.1.332's server schemas take only text there too)
_TEXT_ONLY = ("args", "env", "headers", "http_headers", "env_http_headers")


def as_text(tool: str, name: str, server: dict[str, Any], diags: Diagnostics | None) -> dict[str, Any]:  # fmt: skip
    """`server` with the numbers and booleans among its arguments, environment and headers
    written as the text its author meant (`8080` is "8080", `true` is "true")."""
    found = _scalars(server)
    if not found:
        return server
    entry = dict(server)
    for key in _TEXT_ONLY:
        value = entry.get(key)
        if isinstance(value, list):
            entry[key] = [_text(v) if _scalar(v) else v for v in value]
        elif isinstance(value, dict):
            entry[key] = {k: _text(v) if _scalar(v) else v for k, v in value.items()}
    if diags is not None:
        written = [f"{where} {_text(value)}" for where, value in found]
        diags.add(
            Code.VALUE_COERCED,
            f"MCP server {name!r}: {', '.join(written[:4])}{' ...' if len(written) > 4 else ''}"
            f" written as text, which is all {tool} takes there",
            field=f"mcp_servers.{name}",
            severity=Severity.INFO,
        )
    return entry


def own_servers(tool: str, servers: Any, diags: Diagnostics | None) -> Any:
    """A tool's own MCP servers (as its key holds them) written so that it starts them as
    meant: the numbers among each server's text-only values as text, and a map as the list
    of one-server maps a tool of `[mcp_servers_as_list]` alone reads. The same value when
    nothing changes."""
    if isinstance(servers, list):
        return [_listed_as_text(tool, item, diags) for item in servers]
    if not isinstance(servers, dict):
        return servers
    fitted = {n: as_text(tool, n, c, diags) if isinstance(c, dict) else c
              for n, c in servers.items()}  # fmt: skip
    if not fitted or not vocabulary.table().get("mcp_servers_as_list", {}).get(tool):
        return fitted
    if diags is not None:
        diags.add(
            Code.VALUE_COERCED,
            f"MCP servers {', '.join(map(repr, fitted))} written as a list of one-server maps, "
            f"the only form {tool} starts an agent's servers from (as a map, none starts)",
            field="mcp_servers",
        )
    return [{name: config} for name, config in fitted.items()]


def _listed_as_text(tool: str, item: Any, diags: Diagnostics | None) -> Any:
    if not isinstance(item, dict):
        return item  # a name of a server configured elsewhere
    return {n: as_text(tool, n, c, diags) if isinstance(c, dict) else c for n, c in item.items()}


def rewrites_own(said: Diagnostics) -> bool:
    """Whether writing anew changed one of the tool's own MCP servers (`own_servers`): the
    file as read would keep what the tool does not start."""
    return any(
        d.code is Code.VALUE_COERCED and (d.field or "").startswith("mcp_servers")
        for d in said.items
    )


def numbers_in(server: dict[str, Any]) -> list[str]:
    """Each number or boolean where the server takes text, said (`args[1] 8080`, `PORT 8080`)."""
    return [f"{where} {_text(value)}" for where, value in _scalars(server)]


def _scalars(server: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, value) of each number or boolean among the server's text-only values."""
    found: list[tuple[str, Any]] = []
    for key in _TEXT_ONLY:
        value = server.get(key)
        items = enumerate(value) if isinstance(value, list) else None
        pairs = value.items() if isinstance(value, dict) else items or ()
        found += [(f"{key}[{k}]" if items else str(k), v) for k, v in pairs if _scalar(v)]
    return found


def _scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float)


def _text(value: Any) -> str:
    """A number or boolean as YAML 1.2 spells it, the text its author wrote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else repr(value)


def server_requires(tool: str, config: dict[str, Any]) -> dict[str, Any]:
    """The keys `tool` requires in this MCP server's configuration, with the value written
    when it has none (vocabulary.toml: [mcp_server_defaults] and its local/remote kinds)."""
    data = vocabulary.table()
    required = dict(data.get("mcp_server_defaults", {}).get(tool, {}))
    if "command" in config:
        required.update(data.get("mcp_server_local_defaults", {}).get(tool, {}))
    if "url" in config:
        required.update(data.get("mcp_server_remote_defaults", {}).get(tool, {}))
    return required


def server_problems(tool: str, servers: Any) -> list[str]:
    """Why `tool` would refuse or skip its own MCP servers as written, or send a value
    other than meant: a required key missing, a type it does not take, a local-process key
    on a remote server where it forbids one, a `${VAR}` it does not fill."""
    as_map: list[str] = []
    if isinstance(servers, list):  # Claude Code's: a list of one-server maps (or names)
        servers = {k: v for item in servers if isinstance(item, dict) for k, v in item.items()}
    elif (
        isinstance(servers, dict)
        and servers
        and vocabulary.table().get("mcp_servers_as_list", {}).get(tool)
    ):
        as_map = [
            f"starts none of the MCP servers {', '.join(map(repr, servers))}: it takes them "
            f"only as a list ('- {next(iter(servers))}: {{...}}'), not as a map"
        ]
    if not isinstance(servers, dict):
        return []
    problems = as_map + unfilled(tool, servers)
    forbids = vocabulary.table().get("mcp_server_remote_forbids", {}).get(tool, [])
    types = vocabulary.table().get("mcp_server_types", {}).get(tool)
    whole = vocabulary.table().get("mcp_server_invalid_refuses_agent", {}).get(tool, False)
    for name, config in servers.items():
        if not isinstance(config, dict):
            continue
        problems.extend(dropped_keys(tool, name, config))
        what = "refuses the agent for" if whole else "skips"
        untexted = numbers_in(config)
        if untexted:
            problems.append(
                f"{what} the MCP server {name!r}: {', '.join(untexted[:4])} not text, which is "
                f"all it takes there (quote each: {_text(_scalars(config)[0][1])!r})"
            )
        if types is not None and "type" in config and config["type"] not in types:
            problems.append(
                f"{what} the MCP server {name!r}: its type {config['type']!r} is none it takes "
                f"({', '.join(types)})"
            )
        missing = [k for k in server_requires(tool, config) if k not in config]
        if missing:
            problems.append(
                f"refuses the agent: the MCP server {name!r} has no {', '.join(missing)}"
            )
        extra = [k for k in forbids if k in config] if "url" in config else []
        if extra:
            problems.append(
                f"refuses the agent: the remote MCP server {name!r} has {', '.join(extra)}"
            )
    return problems
