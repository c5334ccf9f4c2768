"""MCP servers written for Claude Code: its server schemas (2.1.332's bundle: stdio `command`,
`args`, `env`, `timeout`; remote `url`, `headers`, `oauth`...) have no `cwd`, and drop a key they
do not know without a word, so a server that needs its own directory starts in the session's.
Such a key is said, not written; `validate` says it of Claude Code's own files; a timeout is
milliseconds there ("Per-server tool-call timeout in milliseconds")."""

from __future__ import annotations

from pathlib import Path

from converter import Diagnostics, dumps, loads
from converter.io.validation import validate_files

GEMINI = """---
name: db-helper
description: Queries the database.
mcp_servers:
  pg:
    command: ./bin/pg-mcp
    cwd: ./tools/pg
    trust: true
---
Query the database.
"""
CODEX = """name = "db-helper"
description = "Queries the database."
developer_instructions = "Query the database."
[mcp_servers.pg]
command = "pg-mcp"
tool_timeout_sec = 30
"""


def test_a_server_key_claude_code_drops_is_said_and_left_out() -> None:
    diags = Diagnostics(".gemini/agents/db-helper.md")
    agent = loads(GEMINI, path=".gemini/agents/db-helper.md", diagnostics=diags)
    claude = dumps(agent, format="claude", diagnostics=diags)
    assert "cwd" not in claude and "trust" not in claude and "command: ./bin/pg-mcp" in claude
    assert [d.message for d in diags if d.code.value == "field-dropped"] == [
        "claude takes no cwd, trust in MCP server 'pg'; not written"
    ]
    assert "cwd: ./tools/pg" in dumps(agent, format="gemini")  # its own file keeps it


def test_a_timeout_is_milliseconds_for_claude_code() -> None:
    agent = loads(CODEX, path=".codex/agents/db-helper.toml")
    assert "    timeout: 30000\n" in dumps(agent, format="claude")


def test_validate_says_a_key_claude_code_ignores_in_its_own_file(tmp_path: Path) -> None:
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    text = GEMINI.replace("mcp_servers:\n  pg:\n", "mcpServers:\n- pg:\n")
    text = text.replace("    trust: true\n", "")
    (folder / "db-helper.md").write_text(text, encoding="utf-8")
    checked, _ = validate_files([str(folder)])
    assert [d.message for c in checked for d in c.issues] == [
        "claude ignores cwd in the MCP server 'pg'"
    ]


def test_servers_named_only_are_said_once_not_twice() -> None:
    # Claude Code's `mcpServers: [github]` names a server configured elsewhere: to Codex and
    # Kiro it was said twice, once as names and once as a value they "cannot take"
    claude = "---\nname: r\ndescription: d\nmcpServers:\n  - github\n---\nReview.\n"
    agent = loads(claude, path=".claude/agents/r.md")
    for target in ("codex", "kiro"):
        said = Diagnostics()
        dumps(agent, target, diagnostics=said)
        about = [d for d in said if d.field == "extensions.claude.mcpServers"]
        assert len(about) == 1 and "configured elsewhere (github)" in about[0].message


def test_a_server_switched_on_as_it_is_anyway_is_no_loss() -> None:
    # Kiro's `disabled: false` (a server on, as every server is unless switched off) was
    # said lost ("claude takes no disabled ..."); `disabled: true` leaves the server out, said
    kiro = (
        '{"name": "db-helper", "description": "Queries.", "prompt": "Query.", "mcpServers": '
        '{"pg": {"command": "pg-mcp", "disabled": false, "timeout": 120000}}}'
    )
    for target in ("claude", "gemini", "codex"):
        diags = Diagnostics(".kiro/agents/db-helper.json")
        agent = loads(kiro, path=".kiro/agents/db-helper.json", diagnostics=diags)
        written = dumps(agent, format=target, diagnostics=diags)
        assert "pg-mcp" in written and "disabled" not in written, target
        assert not [d for d in diags if "disabled" in d.message], target
    off = kiro.replace('"disabled": false', '"disabled": true')
    diags = Diagnostics(".kiro/agents/db-helper.json")
    written = dumps(loads(off, path=".kiro/agents/db-helper.json"), "claude", diagnostics=diags)
    assert "pg-mcp" not in written and [d for d in diags if "turned off" in d.message]
