"""An MCP server's transport (`type`) a tool does not take: GitHub Copilot CLI 1.0.102 and
Gemini CLI 0.61 refuse the whole agent for it (their parsers: "mcp-servers.s.type: Invalid
enum value. Expected 'http' | 'sse'"), Claude Code 2.1.332 skips that server. Written for
them, such a server keeps its address and says it will not connect; read, the refusal is
said as the tool's."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from converter import Diagnostics, dumps
from converter.model import Agent
from converter.targets.server_values import server_problems


def _agent(server: dict[str, Any]) -> Agent:
    return Agent(
        name="a",
        description="d",
        instructions="x",
        extensions={"claude": {"mcpServers": {"s": server}}},
    )


def _header(text: str) -> dict[str, Any]:
    return dict(yaml.safe_load(text.split("---\n")[1]))


@pytest.mark.parametrize(("target", "key"), [("copilot", "mcp-servers"), ("gemini", "mcp_servers")])
def test_a_websocket_server_is_written_with_a_type_the_tool_takes_and_said(
    target: str, key: str
) -> None:
    diags = Diagnostics()
    written = dumps(_agent({"type": "ws", "url": "wss://m.example/mcp"}), target, diagnostics=diags)
    server = _header(written)[key]["s"]
    assert server["url"] == "wss://m.example/mcp"
    assert server.get("type") in (None, "http", "sse")  # never `ws`: the agent would not load
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert len(said) == 1 and "'s' speaks WebSocket: it will not connect" in said[0]


def test_streamable_http_is_http_to_copilot_and_nothing_is_said() -> None:
    diags = Diagnostics()
    server = {"type": "streamable-http", "url": "https://m.example/mcp"}
    written = dumps(_agent(server), "copilot", diagnostics=diags)
    assert _header(written)["mcp-servers"]["s"]["type"] == "http"
    assert not [d for d in diags if d.code.value == "tool-misreads"]


@pytest.mark.parametrize(
    ("tool", "kind", "said"),
    [
        ("copilot", "ws", "refuses the agent for the MCP server 's'"),
        ("copilot", "streamable-http", "refuses the agent for the MCP server 's'"),
        ("gemini", "stdio", "refuses the agent for the MCP server 's'"),
        ("claude", "local", "skips the MCP server 's'"),
        ("copilot", "local", None),
        ("copilot", "sse", None),
    ],
)
def test_a_type_the_tool_does_not_take_is_said_as_the_tool_does(
    tool: str, kind: str, said: str | None
) -> None:
    server = {"type": kind, "url": "https://m.example/mcp", "tools": ["*"]}
    found = [p for p in server_problems(tool, {"s": server}) if "its type" in p]
    if said is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(said)


NUMBERS = {"command": "serve", "args": ["--port", 8080], "env": {"PORT": 8080, "DEBUG": True}}


@pytest.mark.parametrize(
    ("target", "key"),
    [("copilot", "mcp-servers"), ("gemini", "mcp_servers")],
)
def test_numbers_where_tools_take_text_are_written_as_the_text_meant(target: str, key: str) -> None:
    # Copilot CLI, Gemini CLI and Codex refuse the agent for `PORT: 8080`: each takes only
    # text in a server's arguments, environment and headers (a Claude Code agent's own
    # servers written back for it stay as written: its reader says it skips such a server)
    diags = Diagnostics()
    written = dumps(_agent(dict(NUMBERS)), target, diagnostics=diags)
    server = _header(written)[key]
    server = server["s"]
    assert server["args"] == ["--port", "8080"]
    assert server["env"] == {"PORT": "8080", "DEBUG": "true"}
    assert [d.code.value for d in diags if "written as text" in d.message] == ["value-coerced"]


def test_numbers_are_text_in_a_codex_role() -> None:
    import tomllib

    written = dumps(_agent(dict(NUMBERS)), "codex", diagnostics=Diagnostics())
    server = tomllib.loads(written)["mcp_servers"]["s"]
    assert server["args"] == ["--port", "8080"] and server["env"]["PORT"] == "8080"


@pytest.mark.parametrize(
    ("tool", "servers", "said"),
    [
        ("copilot", {"s": NUMBERS}, "refuses the agent for the MCP server 's': args[1] 8080"),
        ("gemini", {"s": {"url": "https://m.example", "headers": {"X-Retry": 3}}}, "X-Retry 3"),
        ("claude", [{"s": NUMBERS}], "skips the MCP server 's': args[1] 8080, PORT 8080"),
        ("copilot", {"s": {"command": "serve", "args": ["8080"], "tools": ["*"]}}, None),
    ],
)
def test_a_number_where_the_tool_takes_text_is_said(
    tool: str, servers: Any, said: str | None
) -> None:
    found = [p for p in server_problems(tool, servers) if "not text" in p]
    if said is None:
        assert found == []
    else:
        assert len(found) == 1 and said in found[0], found


def test_claude_json_takes_the_text_meant_and_says_a_number_fails_every_agent() -> None:
    # `claude --agents` parses every agent's servers with the object: one number there and
    # Claude Code 2.1.332 loads none of its agents ("mcpServers.0: Invalid input")
    import json

    from converter.registry import default_registry

    agent = Agent(
        name="a",
        description="d",
        instructions="x",
        extensions={"claude": {"mcpServers": [{"s": dict(NUMBERS)}]}},
    )
    written = json.loads(dumps(agent, "claude-json", diagnostics=Diagnostics()))
    assert written["a"]["mcpServers"][0]["s"]["env"] == {"PORT": "8080", "DEBUG": "true"}
    issues = Diagnostics()
    default_registry().get("claude-json").validate(agent, issues)
    said = [d.message for d in issues if "not text" in d.message]
    assert len(said) == 1 and said[0].startswith("claude --agents refuses the MCP server 's'")
    assert said[0].endswith("and with it every agent in the object")


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("gemini", "mcp_servers"),
        ("copilot", "mcp-servers"),
        ("codex", "mcp_servers"),
        ("kiro", "mcpServers"),
    ],
)
def test_another_tools_servers_reach_claude_code_as_the_list_it_takes(
    source: str, key: str
) -> None:
    # Claude Code 2.1.332's agent loader takes `mcpServers` only as a list (`Array.isArray`):
    # in a trusted project a stdio server of the list form connected, the same server as a
    # map did not, and `claude --agents` refuses a map with every agent of its object
    import json

    server = {"command": "srv", "args": ["--stdio"], "tools": ["*"]}
    agent = Agent(
        name="a", description="d", instructions="x", extensions={source: {key: {"s": server}}}
    )
    servers = _header(dumps(agent, "claude"))["mcpServers"]
    assert isinstance(servers, list) and list(servers[0]) == ["s"]
    listed = json.loads(dumps(agent, "claude-json"))["a"]["mcpServers"]
    assert isinstance(listed, list) and listed[0]["s"]["command"] == "srv"


def test_a_claude_code_agents_servers_as_a_map_are_said_and_carried() -> None:
    from converter import loads

    text = "---\nname: a\ndescription: d\nmcpServers:\n  s:\n    command: srv\n---\nx\n"
    diags = Diagnostics()
    agent = loads(text, path=".claude/agents/a.md", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert len(said) == 1 and "only as a list" in said[0] and "none of 's'" in said[0]
    assert _header(dumps(agent, "gemini"))["mcp_servers"]["s"]["command"] == "srv"
    import json

    assert json.loads(dumps(agent, "claude-json"))["a"]["mcpServers"] == [{"s": {"command": "srv"}}]
