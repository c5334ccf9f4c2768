"""Whether an MCP server reaches Claude Code from every tool that gives an agent one: an agent
of each such tool (its own file, its own server key) with a stdio server of ours
(conformance/pinger.py, one tool, `ping`) and a tool list naming it, converted to Claude
Code's layout and to `claude --agents`, then started by Claude Code in a project it trusts
(untrusted, it starts no agent's server). Meant: Claude Code connects the server for the
started agent and gives it the server's tool, `mcp__pinger__ping` (deferred behind its tool
search for an agent of every tool, such as a Codex role). Claude Code's agent loader takes `mcpServers` only as a list of
one-server maps; a map starts none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import tools as loaders

from converter import dumps, loads

PINGER = Path(__file__).resolve().parent / "pinger.py"
MEANT = "mcp__pinger__ping"


def _sources() -> dict[str, tuple[str, str]]:
    """name -> (path as its tool lays it out, text): one agent per tool with servers."""
    command, script = json.dumps(sys.executable), json.dumps(str(PINGER))
    return {
        "from-copilot": (
            ".github/agents/from-copilot.agent.md",
            "---\nname: from-copilot\ndescription: Pings.\ntools: ['read', 'pinger/*']\n"
            f"mcp-servers:\n  pinger:\n    type: local\n    command: {command}\n"
            f"    args: [{script}]\n    tools: ['*']\n---\nPing.\n",
        ),
        "from-gemini": (
            ".gemini/agents/from-gemini.md",
            "---\nname: from-gemini\ndescription: Pings.\ntools: [read_file, mcp_pinger_ping]\n"
            f"mcp_servers:\n  pinger:\n    command: {command}\n    args: [{script}]\n---\nPing.\n",
        ),
        "from-codex": (
            ".codex/agents/from-codex.toml",
            'name = "from-codex"\ndescription = "Pings."\ndeveloper_instructions = "Ping."\n\n'
            f"[mcp_servers.pinger]\ncommand = {command}\nargs = [{script}]\n",
        ),
        "from-kiro": (
            ".kiro/agents/from-kiro.json",
            json.dumps(
                {
                    "name": "from-kiro",
                    "description": "Pings.",
                    "prompt": "Ping.",
                    "tools": ["fs_read", "@pinger"],
                    "mcpServers": {"pinger": {"command": sys.executable, "args": [str(PINGER)]}},
                }
            ),
        ),
        "from-claude": (
            ".claude/agents/from-claude.md",
            "---\nname: from-claude\ndescription: Pings.\ntools: Read, mcp__pinger\n"
            f"mcpServers:\n  - pinger:\n      command: {command}\n      args: [{script}]\n"
            "---\nPing.\n",
        ),
        # as .mcp.json writes servers (a map) and with a number in its env: read as meant,
        # written as the list Claude Code starts, the number as text
        "from-claude-map": (
            ".claude/agents/from-claude-map.md",
            "---\nname: from-claude-map\ndescription: Pings.\ntools: Read, mcp__pinger\n"
            f"mcpServers:\n  pinger:\n    command: {command}\n    args: [{script}]\n"
            "    env:\n      PINGER_PORT: 8080\n---\nPing.\n",
        ),
    }


def judge(tools: Path, work: Path) -> tuple[int, int, list[str]]:
    """(agents given the server's tool, agents, why each other was not): each source once
    as a Claude Code agent file and once in a `claude --agents` object."""
    agents = {}
    for name, (path, text) in _sources().items():
        agents[name] = loads(text, path=str(work / "sources" / path))
    project = work / "claude"
    (project / ".claude" / "agents").mkdir(parents=True)
    for name, agent in agents.items():
        (project / ".claude" / "agents" / f"{name}.md").write_text(dumps(agent, "claude"))
    joined: dict[str, object] = {}
    for agent in agents.values():
        joined.update(json.loads(dumps(agent, "claude-json")))
    listed = work / "all.agents.json"
    listed.write_text(json.dumps(joined), encoding="utf-8")
    (work / "json" / ".claude").mkdir(parents=True)
    names = list(agents)
    found = {
        "claude": loaders.claude(tools, project, names, start=names, trust=True),
        "claude-json": loaders.claude(
            tools, work / "json", names, agents_file=listed, start=names, trust=True
        ),
    }
    differences = []
    for target, outcomes in found.items():
        for name in names:
            outcome = outcomes[name]
            # an agent of every tool (a Codex role has no tool list) gets the server's tools
            # deferred, behind its tool search: the server connected is what it is given
            connected = "pinger" in outcome.servers
            if (
                not outcome.loaded
                or not connected
                or (
                    outcome.given
                    and "ToolSearch" not in outcome.given
                    and MEANT not in outcome.given
                )
            ):
                why = outcome.reason or f"given {outcome.given}, servers {outcome.servers}"
                differences.append(f"{target} of `{name}`: {why}")
    return 2 * len(names) - len(differences), 2 * len(names), differences


def report(meant: int, total: int, differences: list[str]) -> list[str]:
    """The report's section."""
    lines = [
        "",
        "## Writing: MCP servers, started by Claude Code",
        "",
        f"On {meant}/{total} agents (one of Copilot, Gemini CLI, Codex, Kiro and Claude Code "
        "each, and a Claude Code agent whose servers are a map with a number in `env`, as "
        "`.mcp.json` writes them, each with a stdio MCP server of ours and a tool list naming "
        "it, written as a Claude "
        "Code agent file and in a `claude --agents` object), Claude Code, in a project it "
        f"trusts, connects the server for the started agent and gives it its tool (`{MEANT}`; "
        "behind its tool search for an agent of every tool, as a Codex role is).",
    ]
    return lines + [f"- Not given: {d}" for d in differences]
