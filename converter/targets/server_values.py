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
