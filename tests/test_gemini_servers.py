"""A Gemini CLI agent's MCP server spelt as in its settings.json (`httpUrl`): Gemini CLI 0.61's
agent loader drops a server key it does not know without a word (its mcpServerSchema is a
plain zod object: run offline, `httpUrl` loads as a server with no address), so `validate`
says it, with the spelling it takes; another tool gets the URL its author meant."""

from __future__ import annotations

from pathlib import Path

from converter import Diagnostics, dumps, loads
from converter.io.validation import validate_files

AGENT = """---
name: resource-manager
description: Manages cloud projects.
mcp_servers:
  projects:
    httpUrl: https://projects.example.com/mcp
    authProviderType: google_credentials
---
Manage the projects.
"""


def test_validate_says_the_server_keys_gemini_drops_and_what_is_left(tmp_path: Path) -> None:
    folder = tmp_path / ".gemini" / "agents"
    folder.mkdir(parents=True)
    (folder / "resource-manager.md").write_text(AGENT, encoding="utf-8")
    (folder / "fine.md").write_text(
        AGENT.replace("httpUrl", "http_url").replace(
            "    authProviderType: google_credentials\n", ""
        ),
        encoding="utf-8",
    )
    checked, _ = validate_files([str(folder)])
    said = {Path(c.job.shown).stem: [d.message for d in c.issues] for c in checked}
    assert said["fine"] == []
    assert said["resource-manager"] == [
        "gemini ignores httpUrl (its spelling: http_url), authProviderType in the MCP server "
        "'projects': the server is left with no command or address"
    ]


def test_another_tool_gets_the_url_the_author_meant() -> None:
    diags = Diagnostics(".gemini/agents/resource-manager.md")
    agent = loads(AGENT, path=".gemini/agents/resource-manager.md", diagnostics=diags)
    claude = dumps(agent, format="claude", diagnostics=diags)
    assert "    url: https://projects.example.com/mcp\n    type: http\n" in claude
    codex = dumps(agent, format="codex", diagnostics=diags)
    assert 'url = "https://projects.example.com/mcp"' in codex
