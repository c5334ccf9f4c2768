"""A header's MCP servers as each tool `fix` checks starts them, and why it would not.

The header reads as meant, but the tool does not start what it says: Claude Code 2.1.332
starts an agent's servers only from a list of one-server maps (a map, as .mcp.json writes
them, starts none), and Claude Code, GitHub Copilot CLI 1.0.102 and Gemini CLI 0.61 skip a
server, or refuse the whole agent, whose `args`, `env` or `headers` hold a number
(conformance/servers.py, converter/targets/server_values.py). `fix` writes them so that
they start; `validate --for` says why they would not.
"""

from __future__ import annotations

from typing import Any

from converter.frontmatter import loaders
from converter.targets import server_values, vocabulary


def servers_key(tool: str) -> str | None:
    """The header key of `tool`'s own MCP servers (None for a tool with none)."""
    key: str | None = vocabulary.table().get("fields", {}).get("mcp_servers", {}).get(tool)
    return key


def as_started(data: dict[str, Any], tools: list[str]) -> dict[str, Any]:
    """`data` with each of `tools`' own MCP servers as that tool starts them (the same
    mapping when nothing changes)."""
    fitted = data
    for tool in tools:
        key = servers_key(tool)
        if key is None or key not in data:
            continue
        value = server_values.own_servers(tool, data[key], None)
        if value != data[key]:
            fitted = {**fitted, key: value}
    return fitted


def said(reading: loaders.Reading, tool: str, meant: dict[str, Any]) -> loaders.Reading:
    """`reading` with why the tool would not start the header's servers as written, where
    that is what differs (its verdict a failure where the tool refuses the whole agent)."""
    key = servers_key(tool)
    if key is None or key not in meant or reading.verdict is loaders.Verdict.FAILS:
        return reading
    servers = meant[key]
    as_list = vocabulary.table().get("mcp_servers_as_list", {}).get(tool, False)
    why = []
    if as_list and isinstance(servers, dict) and servers:
        why.append(f"{key} is a map, where it starts servers only from a list ('- name: ...')")
    configs = servers.items() if isinstance(servers, dict) else (
        pair for item in servers if isinstance(item, dict) for pair in item.items()
    ) if isinstance(servers, list) else ()  # fmt: skip
    numbers = [
        f"MCP server {name!r}: {', '.join(found)} not text"
        for name, config in configs
        if isinstance(config, dict) and (found := server_values.numbers_in(config))
    ]
    if not why and not numbers:
        return reading
    refuses = vocabulary.table().get("mcp_server_invalid_refuses_agent", {}).get(tool, False)
    if numbers and refuses:
        verdict, text = (
            loaders.Verdict.FAILS,
            "; ".join(["refuses the agent for a number", *numbers, *why]),
        )
    else:
        verdict, text = loaders.Verdict.DIFFERS, "; ".join([*why, *numbers])
    only = reading.data is not None and reading.data == meant
    detail = text if only or not reading.detail else f"{reading.detail}; {text}"
    return loaders.Reading(reading.loader, verdict, detail, reading.data)
