"""A tool's own MCP servers are written as that tool starts them: Claude Code 2.1.332 starts
an agent's servers only from a list of one-server maps (a map, as .mcp.json writes them,
starts none), and Copilot CLI, Gemini CLI, Codex and `claude --agents` refuse a server whose
`args`, `env` or `headers` hold a number (conformance/servers.py, recorded cases). Another
tool's servers were already written so; the target's own were passed on as read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter import Diagnostics, dumps, loads
from converter.frontmatter.fix import fix_text
from converter.io.validation import validate_files

AS_MAP = """---
name: pinger
description: Pings.
mcpServers:
  ping:
    command: python3
    args: [server.py, 8080]
    env:
      PORT: 8080
---
Ping.
"""
AS_LIST = """---
name: pinger
description: Pings.
mcpServers:
- ping:
    command: python3
    args: [server.py, '8080']
---
Ping.
"""


def _codes(diags: Diagnostics) -> list[str]:
    return [d.code.value for d in diags]


def test_a_map_of_servers_is_written_for_claude_code_as_its_list() -> None:
    for path in ("agents/pinger.md", ".claude/agents/pinger.md"):  # another format, its own
        diags = Diagnostics(path)
        written = dumps(loads(AS_MAP, path=path, diagnostics=diags), format="claude",
                        diagnostics=diags)  # fmt: skip
        assert "mcpServers:\n- ping:\n    command: python3\n" in written, path
        assert "    - '8080'\n" in written and "      PORT: '8080'\n" in written
        said = [d.message for d in diags if d.code.value == "value-coerced"]
        assert any("written as a list of one-server maps" in m for m in said), said
        again = Diagnostics(path)
        back = dumps(loads(written, path=path), format="claude", diagnostics=again)
        assert back == written and "value-coerced" not in _codes(again)  # stable


def test_a_list_claude_code_starts_is_its_file_as_read() -> None:
    path = ".claude/agents/pinger.md"
    diags = Diagnostics(path)
    assert dumps(loads(AS_LIST, path=path, diagnostics=diags), format="claude") == AS_LIST
    assert not diags.warnings


def test_numbers_in_a_tools_own_servers_are_written_as_text() -> None:
    copilot = AS_MAP.replace("mcpServers", "mcp-servers")
    agent = loads(copilot, path=".github/agents/pinger.agent.md")
    assert "      PORT: '8080'\n" in dumps(agent, format="copilot")
    gemini = AS_MAP.replace("mcpServers", "mcp_servers")
    assert "    - '8080'\n" in dumps(
        loads(gemini, path=".gemini/agents/pinger.md"), format="gemini"
    )
    codex = (
        'name = "pinger"\ndescription = "Pings."\ndeveloper_instructions = "Ping."\n'
        '[mcp_servers.ping]\ncommand = "python3"\nargs = ["server.py", 8080]\n'
    )
    diags = Diagnostics("pinger.toml")
    written = dumps(loads(codex, path=".codex/agents/pinger.toml"), format="codex",
                    diagnostics=diags)  # fmt: skip
    assert 'args = ["server.py", "8080"]' in written and "value-coerced" in _codes(diags)
    kiro = {"name": "pinger", "description": "Pings.", "prompt": "Ping.",
            "mcpServers": {"ping": {"command": "python3", "env": {"PORT": 8080}}}}  # fmt: skip
    agent = loads(json.dumps(kiro), path=".kiro/agents/pinger.json")
    assert json.loads(dumps(agent, format="kiro"))["mcpServers"]["ping"]["env"] == {"PORT": "8080"}


def test_validate_says_a_map_once_for_claude_code(tmp_path: Path) -> None:
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "pinger.md").write_text(AS_MAP, encoding="utf-8")
    checked, _ = validate_files([str(folder)])
    issues = [d.message for c in checked for d in c.issues]
    assert issues[0].startswith("claude starts none of the MCP servers 'ping': it takes them")
    assert "not text" in issues[1] and len(issues) == 2
    assert not [d for c in checked for d in c.notes if d.field == "mcpServers"]


@pytest.mark.parametrize("value", ["5", "text", "[a, 5]", "{}", "[]", "null", "{a: 5}", "[{a: 5}]"])
def test_servers_of_any_shape_are_said_or_kept_never_a_crash(tmp_path: Path, value: str) -> None:
    # `mcpServers: 5` in a Claude Code agent: validate met "'int' object is not iterable"
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    text = f"---\nname: pinger\ndescription: Pings.\nmcpServers: {value}\n---\nPing.\n"
    (folder / "pinger.md").write_text(text, encoding="utf-8")
    checked, _ = validate_files([str(folder)])
    assert [c.error for c in checked] == [None]
    agent = loads(text, path=str(folder / "pinger.md"))
    for target in ("claude", "copilot", "codex", "kiro", "claude-json"):
        dumps(agent, target)
    assert fix_text(text, ["claude", "copilot"]) is not None


def test_the_lossless_markdown_format_keeps_servers_as_they_are() -> None:
    # the neutral Markdown format is the Claude layout, but keeps every value as it is: a
    # map stays a map, a number a number (a round-trip property found it written as a list)
    for path in ("agents/pinger.md", ".claude/agents/pinger.md"):
        agent = loads(AS_MAP, path=path)
        again = loads(dumps(agent, "markdown"), format="markdown")
        assert again.extensions == agent.extensions
        assert again.extensions["claude"]["mcpServers"]["ping"]["env"] == {"PORT": 8080}
