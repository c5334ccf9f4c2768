"""Which tools of an MCP server an agent may use, carried from tool to tool: in the server
where the target keeps such a list, in the agent's tool lists where it does not, said where
neither can hold it; and a list made explicit keeps every MCP tool the agent had."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from converter import Diagnostics, dumps, loads
from converter.cli import build_app

RUNNER = CliRunner()
APP = build_app()

CODEX = """name = "reviewer"
description = "Reviews."
developer_instructions = "Review."
sandbox_mode = "read-only"

[mcp_servers.docs]
url = "https://docs.example/mcp"
enabled_tools = ["search"]
"""

COPILOT = """---
name: outage
description: Triage.
tools: ['read', 'docs/*', 'gh/*']
mcp-servers:
  docs:
    type: http
    url: https://docs.example/mcp
    tools: ['search', 'fetch']
  gh:
    type: local
    command: npx
    args: ['-y', 'gh-mcp']
    tools: ['*']
---
Triage.
"""

GEMINI = """---
name: careful
description: Careful.
mcp_servers:
  docs:
    http_url: https://docs.example/mcp
    exclude_tools: [delete_all]
---
Careful.
"""


def _header(text: str) -> dict[str, object]:
    found = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(found, dict)
    return found


def test_a_servers_allow_list_is_said_in_each_tools_own_key() -> None:
    # Codex's enabled_tools reached Gemini CLI and Copilot as a key they do not take (left
    # out, or kept beside Copilot's `tools: ['*']`): the agent got every tool of the server
    agent = loads(CODEX, path=".codex/agents/reviewer.toml")
    gemini = _header(dumps(agent, "gemini"))
    assert gemini["mcp_servers"] == {
        "docs": {"url": "https://docs.example/mcp", "type": "http", "include_tools": ["search"]}
    }
    copilot = _header(dumps(agent, "copilot"))
    assert copilot["mcp-servers"]["docs"]["tools"] == ["search"]  # type: ignore[index]
    assert "enabled_tools" not in copilot["mcp-servers"]["docs"]  # type: ignore[operator]


def test_copilots_every_tool_is_no_list_and_its_list_goes_to_codex() -> None:
    agent = loads(COPILOT, path=".github/agents/outage.agent.md")
    servers = tomllib.loads(dumps(agent, "codex"))["mcp_servers"]
    assert servers["docs"]["enabled_tools"] == ["search", "fetch"]
    assert "enabled_tools" not in servers["gh"] and "tools" not in servers["gh"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("claude", "tools: Read, mcp__docs__search, mcp__docs__fetch, mcp__gh\n"),
        ("kiro", '"@docs/search",\n    "@docs/fetch",\n    "@gh"'),
    ],
)
def test_a_tool_without_such_a_list_gets_it_in_the_agents_tool_list(
    target: str, expected: str
) -> None:
    # Claude Code and Kiro keep no list in a server: the agent's own list named the whole
    # server (`mcp__docs`), so it got every tool of it
    agent = loads(COPILOT, path=".github/agents/outage.agent.md")
    diags = Diagnostics()
    out = dumps(agent, target, diagnostics=diags)
    assert expected in out
    assert "'search'" not in out and "fetch\n" not in out.split("---")[-1]
    assert not [d for d in diags if d.code == "tools-widened" and "docs" in d.message]


def test_a_servers_deny_list_goes_to_each_tools_key_or_claude_codes_deny_list() -> None:
    agent = loads(GEMINI, path=".gemini/agents/careful.md")
    header = _header(dumps(agent, "claude"))
    assert header["disallowedTools"] == "mcp__docs__delete_all"
    assert "exclude_tools" not in header["mcpServers"][0]["docs"]  # type: ignore[index]
    entry = json.loads(dumps(agent, "claude-json"))["careful"]
    assert entry["disallowedTools"] == ["mcp__docs__delete_all"]
    codex = tomllib.loads(dumps(agent, "codex"))
    assert codex["mcp_servers"]["docs"]["disabled_tools"] == ["delete_all"]
    kiro = json.loads(dumps(agent, "kiro"))  # Kiro CLI's disabledTools
    assert kiro["mcpServers"]["docs"]["disabledTools"] == ["delete_all"]


@pytest.mark.parametrize(
    ("source", "path", "target", "kind"),
    [
        (GEMINI, ".gemini/agents/careful.md", "copilot", "also delete_all"),
        (CODEX.replace('sandbox_mode = "read-only"\n', ""), ".codex/agents/r.toml", "claude",
         "not only search"),
    ],
)  # fmt: skip
def test_a_list_no_target_place_can_hold_is_said_widened(
    source: str, path: str, target: str, kind: str
) -> None:
    diags = Diagnostics()
    dumps(loads(source, path=path), target, diagnostics=diags)
    widened = [d.message for d in diags if d.code == "tools-widened"]
    assert any(kind in message and "'docs'" in message for message in widened), widened


@pytest.mark.parametrize(
    ("target", "expected"),
    [("gemini", "- mcp_*\n"), ("kiro", '"@mcp"'), ("copilot", "- docs/*\n"), ("roo", "- mcp\n")],
)
def test_a_list_made_explicit_from_a_deny_keeps_every_mcp_tool(target: str, expected: str) -> None:
    # a read-only Codex role may use every MCP tool; written as every tool but those that
    # write, the list named no MCP tool, so Gemini CLI, Kiro and Copilot gave it none
    out = dumps(loads(CODEX, path=".codex/agents/reviewer.toml"), target)
    assert expected in out


def test_every_mcp_tool_beside_one_server_is_no_widening_in_roo() -> None:
    agent = loads("---\nname: m\ndescription: d\ntools: Read, mcp__*, mcp__docs\n---\nb\n",
                  format="claude", path="m.md")  # fmt: skip
    diags = Diagnostics()
    dumps(agent, "roo", diagnostics=diags)
    assert not [d for d in diags if "every MCP tool beyond" in d.message]


CLAUDE_ENV = """---
name: keyed
description: Keyed.
mcpServers:
  remote:
    type: http
    url: https://r.example/mcp
    headers:
      Authorization: "Bearer ${API_TOKEN}"
      X-Team: $TEAM_ID
      X-Mixed: "team-${TEAM_ID}"
      X-Static: fixed
  local:
    command: npx
    args: [-y, server]
    env:
      GITHUB_TOKEN: ${GITHUB_TOKEN}
      RENAMED: ${OTHER}
      PLAIN: "1"
---
Keyed.
"""


def test_variables_in_headers_and_env_become_the_keys_codex_reads() -> None:
    # Codex 0.171 sends http_headers and env as written: `Bearer ${API_TOKEN}` reached the
    # server as that text; a variable is named by bearer_token_env_var, env_http_headers
    # and env_vars there
    diags = Diagnostics()
    out = dumps(loads(CLAUDE_ENV, format="claude", path="keyed.md"), "codex", diagnostics=diags)
    servers = tomllib.loads(out)["mcp_servers"]
    remote, local = servers["remote"], servers["local"]
    assert remote["bearer_token_env_var"] == "API_TOKEN"
    assert remote["env_http_headers"] == {"X-Team": "TEAM_ID"}
    assert remote["http_headers"] == {"X-Mixed": "team-${TEAM_ID}", "X-Static": "fixed"}
    assert local["env_vars"] == ["GITHUB_TOKEN"]
    assert local["env"] == {"RENAMED": "${OTHER}", "PLAIN": "1"}
    said = " ".join(d.message for d in diags if d.code == "tool-misreads")
    assert "X-Mixed would be sent as written" in said and "RENAMED" in said


def test_codex_variable_keys_come_back_as_variables_another_tool_fills() -> None:
    codex = dumps(loads(CLAUDE_ENV, format="claude", path="keyed.md"), "codex")
    agent = loads(codex, format="codex", path=".codex/agents/keyed.toml")
    header = _header(dumps(agent, "claude"))
    servers = {k: v for item in header["mcpServers"] for k, v in item.items()}  # type: ignore[union-attr]
    assert servers["remote"]["headers"] == {  # type: ignore[index]
        "X-Mixed": "team-${TEAM_ID}", "X-Static": "fixed",
        "X-Team": "${TEAM_ID}", "Authorization": "Bearer ${API_TOKEN}",
    }  # fmt: skip
    assert "http_headers" not in servers["remote"]  # type: ignore[operator]
    assert servers["local"]["env"]["GITHUB_TOKEN"] == "${GITHUB_TOKEN}"  # type: ignore[index]
    diags = Diagnostics()
    dumps(agent, "copilot", diagnostics=diags)  # a tool not known to fill them: said
    assert any("copilot may send as written" in d.message for d in diags)


def test_validate_says_codex_sends_a_variable_as_written(tmp_path: Path) -> None:
    role = tmp_path / ".codex" / "agents" / "lit.toml"
    role.parent.mkdir(parents=True)
    role.write_text(
        'name = "lit"\ndescription = "L."\ndeveloper_instructions = "x"\n\n[mcp_servers.gh]\n'
        'url = "https://gh.example/mcp"\nhttp_headers = { Authorization = "Bearer ${T}" }\n',
        encoding="utf-8",
    )
    done = RUNNER.invoke(APP, ["validate", str(role), "--target", "codex"])
    assert "sends Authorization of MCP server 'gh' as written" in done.output
    assert "bearer_token_env_var" in done.output


def test_a_tool_list_naming_a_servers_tools_one_by_one_limits_them_already() -> None:
    text = COPILOT.replace("tools: ['read', 'docs/*', 'gh/*']", "tools: ['read', 'docs/search']")
    diags = Diagnostics()
    out = dumps(loads(text, path=".github/agents/outage.agent.md"), "claude", diagnostics=diags)
    assert "tools: Read, mcp__docs__search\n" in out
    assert not [d for d in diags if d.code == "tools-widened"]
    every = COPILOT.replace("tools: ['read', 'docs/*', 'gh/*']", "tools: ['read', '*']")
    diags = Diagnostics()
    dumps(loads(every, path=".github/agents/outage.agent.md"), "claude", diagnostics=diags)
    assert [d for d in diags if d.code == "tools-widened" and "'docs'" in d.message]


HOSTILE_CODEX = """name = "h"
description = "d"
developer_instructions = "x"
[mcp_servers.s]
url = "https://s.example"
bearer_token_env_var = 5
env_http_headers = ["A"]
env_vars = "X"
enabled_tools = [1, 2]
http_headers = ["not", "a", "map"]
[mcp_servers.t]
command = "x"
env = "not a map"
env_vars = [1, {a = 1}, "{B}"]
disabled_tools = "one"
"""


@pytest.mark.parametrize(
    "target", ["claude", "claude-json", "codex", "gemini", "copilot", "kiro", "roo", "opencode"]
)
def test_servers_of_any_shape_are_written_without_an_error(target: str) -> None:
    # env_vars holding a table crashed every target that reads Codex's variable keys
    agent = loads(HOSTILE_CODEX, path=".codex/agents/h.toml")
    out = dumps(agent, target)
    assert "${{B}}" not in out and "${1}" not in out


def test_a_servers_timeout_goes_in_each_tools_key_and_unit() -> None:
    # Gemini CLI and Kiro count milliseconds in `timeout`, Codex seconds in tool_timeout_sec:
    # Gemini's 1500 reached Codex as a key it does not take (dropped)
    gemini = "---\nname: t\ndescription: d\nmcp_servers:\n  s:\n    command: x\n    timeout: 1500\n---\nb\n"
    agent = loads(gemini, path=".gemini/agents/t.md")
    codex = tomllib.loads(dumps(agent, "codex"))["mcp_servers"]["s"]
    assert codex == {"command": "x", "tool_timeout_sec": 1.5}
    back = loads(dumps(agent, "codex"), format="codex", path=".codex/agents/t.toml")
    assert json.loads(dumps(back, "kiro"))["mcpServers"]["s"]["timeout"] == 1500
    assert json.loads(dumps(agent, "kiro"))["mcpServers"]["s"]["timeout"] == 1500


def test_copilot_is_told_the_agent_loses_servers_configured_elsewhere() -> None:
    # Copilot has no name for every MCP tool: the explicit list keeps the agent's own servers
    said = Diagnostics()
    dumps(loads(CODEX, path=".codex/agents/reviewer.toml"), "copilot", diagnostics=said)
    assert any("servers configured elsewhere" in d.message for d in said)
    said = Diagnostics()
    dumps(loads(CODEX, path=".codex/agents/reviewer.toml"), "gemini", diagnostics=said)
    assert not any("servers configured elsewhere" in d.message for d in said)


@pytest.mark.parametrize("neutral", ["markdown", "json", "toml", "xml"])
def test_a_neutral_format_keeps_the_list_and_the_servers_list_as_they_are(neutral: str) -> None:
    # the neutral Markdown narrowed `mcp__docs` to the server's tools: a Copilot agent through
    # JSON to Markdown read back otherwise (`make bench` found it)
    agent = loads(COPILOT, path=".github/agents/outage.agent.md")
    again = loads(dumps(agent, neutral), format=neutral)
    assert again.tools == agent.tools and again.extensions == agent.extensions
    through = loads(dumps(loads(dumps(agent, "json"), format="json"), neutral), format=neutral)
    assert through.tools == agent.tools


def test_a_variable_key_of_another_shape_is_replaced_not_an_error() -> None:
    text = CLAUDE_ENV.replace(
        "    headers:\n      Authorization",
        "    env_http_headers: 5\n    headers:\n      Authorization",
        1,
    )
    servers = tomllib.loads(dumps(loads(text, format="claude", path="k.md"), "codex"))[
        "mcp_servers"
    ]
    assert servers["remote"]["env_http_headers"] == {"X-Team": "TEAM_ID"}
