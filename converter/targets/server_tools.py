"""Which tools of its MCP servers an agent may use: the lists a server's configuration holds
under each tool's keys (`[mcp_server_tool_filters]` in vocabulary.toml), said in the target's
key, else in the agent's own tool list, else reported as widened. This code names no tool.
"""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets import vocabulary

ALLOW, DENY = "allow", "deny"


def _filters() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = vocabulary.table().get("mcp_server_tool_filters", {})
    return found


def configured(extensions: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The MCP servers an agent configures, by name, under any tool's key for them
    (`[fields.mcp_servers]`; Claude Code's list form names a server by a string too, with
    no configuration here)."""
    found: dict[str, dict[str, Any]] = {}
    for tool, key in vocabulary.table().get("fields", {}).get("mcp_servers", {}).items():
        value = extensions.get(tool, {}).get(key)
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict):
                for name, config in entry.items():
                    found.setdefault(str(name), config if isinstance(config, dict) else {})
            elif isinstance(entry, str) and isinstance(value, list):
                found.setdefault(entry, {})
    return found


def listed(config: dict[str, Any], kind: str) -> list[str] | None:
    """A server's list of one kind in any tool's key for it; None when it has none (an allow
    list holding "*", Copilot's every tool, limits nothing)."""
    for keys in _filters().values():
        value = config.get(keys.get(kind, ""))
        if isinstance(value, list) and not (kind == ALLOW and "*" in value):
            return [str(v) for v in value]
    return None


def every_mcp_tool(agent: Agent, target: str) -> tuple[str, ...]:
    """The MCP tools an agent without a tool list may use (every one), as canonical names
    for a list made explicit for `target`: its name for every MCP tool where it has one
    (Gemini CLI's `mcp_*`, Kiro's `@mcp`, Roo's `mcp` group), else each of the agent's own
    servers as a whole (Copilot's `docs/*`). Gemini CLI 0.61 gives a listed agent only the
    session's MCP tools its list names (LocalAgentExecutor.create); Kiro and Copilot give
    no MCP tool a list does not name."""
    if names_every_mcp_tool(target):
        return (vocabulary.table()["mcp"]["every"][vocabulary.canonical()],)
    return tuple(_whole(name) for name in configured(agent.extensions))


def names_every_mcp_tool(target: str) -> bool:
    """Whether `target` has one name for every MCP tool (`mcp_*`, `@mcp`, Roo's group)."""
    mcp = vocabulary.table().get("mcp", {})
    return target in mcp.get("every", {}) or target in mcp.get("groups", {})


def _whole(server: str) -> str:
    form = vocabulary.table().get("mcp", {}).get("servers", {}).get(vocabulary.canonical())
    return str(form or "mcp__{server}").format(server=server)


def _one(server: str, tool: str) -> str:
    form = vocabulary.table().get("mcp", {}).get("forms", {}).get(vocabulary.canonical())
    return str(form or "mcp__{server}__{tool}").format(server=server, tool=tool)


def in_tool_list(agent: Agent, target: str) -> dict[str, list[str]]:
    """The servers whose allow list `target` cannot keep in the server but can in the
    agent's tool list, which names the whole server: server name → the tools it allows."""
    if agent.tools is None or "*" in agent.tools or ALLOW in _filters().get(target, {}):
        return {}
    found = {}
    for name, config in configured(agent.extensions).items():
        allowed = listed(config, ALLOW)
        if allowed is not None and _whole(name) in agent.tools:
            found[name] = allowed
    return found


def narrowed(tools: tuple[str, ...], agent: Agent, target: str) -> tuple[str, ...]:
    """The agent's tool list (canonical names) with each whole server whose allow list the
    target keeps nowhere else replaced by the tools it allows (`mcp__docs` becomes
    `mcp__docs__search`)."""
    allowed = in_tool_list(agent, target)
    if not allowed:
        return tools
    servers = {_whole(name): name for name in allowed}
    out: list[str] = []
    for tool in tools:
        server = servers.get(tool)
        if server is None:
            out.append(tool)
        else:
            out.extend(_one(server, name) for name in allowed[server])
    return tuple(dict.fromkeys(out))


def denied(agent: Agent, target: str) -> tuple[str, ...]:
    """The tools of the agent's servers their deny lists take away, as canonical names, for
    a target that keeps no such list in a server (Claude Code's `disallowedTools` can)."""
    if DENY in _filters().get(target, {}):
        return ()
    return tuple(
        _one(name, tool)
        for name, config in configured(agent.extensions).items()
        for tool in listed(config, DENY) or []
    )


def kept(agent: Agent, target: str) -> dict[str, set[str]]:
    """By server, the kinds of list `target` keeps outside the server: an allow list in the
    agent's tool list (`narrowed`; a list that names the server's tools one by one, or none
    of them, limits them already), a deny list in its deny list (`denied`)."""
    found: dict[str, set[str]] = {}
    every = vocabulary.table().get("mcp", {}).get("every", {}).get(vocabulary.canonical())
    listed_apart = agent.tools is not None and not {"*", every} & set(agent.tools)
    if listed_apart and ALLOW not in _filters().get(target, {}):
        for name, config in configured(agent.extensions).items():
            if listed(config, ALLOW) is not None:
                found[name] = {ALLOW}
    if vocabulary.deny_list_key(target) and DENY not in _filters().get(target, {}):
        for name, config in configured(agent.extensions).items():
            if listed(config, DENY) is not None:
                found.setdefault(name, set()).add(DENY)
    return found


def for_tool(
    tool: str, name: str, server: dict[str, Any], diags: Diagnostics | None, elsewhere: set[str]
) -> dict[str, Any]:
    """A server's lists of the tools the agent may (or may not) use, under `tool`'s keys.
    Where `tool` has none, the list is left out: `elsewhere` names the kinds said elsewhere (in
    the agent's tool list or deny list); for the others the agent gets every tool, said."""
    filters = _filters()
    spelt = {key: kind for keys in filters.values() for kind, key in keys.items()}
    own = filters.get(tool, {})
    entry: dict[str, Any] = {}
    for key, value in server.items():
        kind = spelt.get(key)
        if kind is None or key == own.get(kind):
            entry.setdefault(key, value)
        elif kind == ALLOW and isinstance(value, list) and "*" in value:
            continue  # every tool of the server, what a server without a list gives
        elif kind in own:
            entry.setdefault(own[kind], value)
        elif diags is not None:
            names = ", ".join(map(str, value)) if isinstance(value, list) else repr(value)
            if kind in elsewhere:
                diags.add(
                    Code.FIELD_IN_EXTENSION,
                    f"{tool} keeps no list of MCP server {name!r}'s tools in the server; "
                    f"{names} {'named in' if kind == ALLOW else 'denied by'} the agent's "
                    "tool list instead",
                    field=f"mcp_servers.{name}",
                    severity=Severity.INFO,
                )
                continue
            diags.add(
                Code.TOOLS_WIDENED,
                f"{tool} cannot limit which tools of MCP server {name!r} the agent uses: "
                f"it gets every one, {'not only' if kind == ALLOW else 'also'} {names}",
                field=f"mcp_servers.{name}",
            )
    return entry
