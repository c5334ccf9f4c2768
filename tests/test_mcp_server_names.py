"""An MCP server's name as each tool names its tools: VS Code's `microsoft.docs.mcp/*` is every
tool of that server (not an editor extension's tool, which `/*` never names), and Claude Code
and OpenCode replace what a name may not hold with `_` (their own code), so the tool list
names the tools they give."""

from __future__ import annotations

import pytest

from converter import Diagnostics, dumps, loads

COPILOT = (
    "---\nname: docs\ndescription: Looks things up.\n"
    "tools: ['read', 'microsoft.docs.mcp/*', 'ms-python.python/installPythonPackage']\n---\nx\n"
)


@pytest.mark.parametrize(
    ("target", "written"),
    [
        ("claude", "mcp__microsoft_docs_mcp"),  # Claude Code: mcp__ + name, [^a-zA-Z0-9_-] as _
        ("opencode", "microsoft_docs_mcp_*: allow"),  # OpenCode: each part so replaced
        ("gemini", "mcp_microsoft.docs.mcp_*"),  # Gemini CLI keeps dots
        ("kiro", '"@microsoft.docs.mcp"'),
        ("copilot", "microsoft.docs.mcp/*"),
    ],
)
def test_a_server_named_with_dots_is_every_tool_of_it(target: str, written: str) -> None:
    # was read as an extension's tool: unmapped everywhere, and left out of Gemini CLI
    diags = Diagnostics()
    text = dumps(loads(COPILOT, path=".github/agents/docs.agent.md"), target, diagnostics=diags)
    assert written in text
    unmapped = " ".join(
        d.message
        for d in diags
        if d.code.value == "tool-unmapped" and "reads back as a tool name" not in d.message
    )  # (OpenCode's MCP names read back as its own: said of every server)
    assert "microsoft.docs.mcp" not in unmapped


def test_an_extensions_tool_is_still_no_server() -> None:
    agent = loads(COPILOT, path=".github/agents/docs.agent.md")
    assert agent.tools is not None
    assert "ms-python.python/installPythonPackage" in agent.tools


def test_claude_codes_own_file_keeps_its_names() -> None:
    text = "---\nname: d\ndescription: d\ntools: Read, mcp__my.server__get_x\n---\nx\n"
    assert "mcp__my.server__get_x" in dumps(loads(text, path=".claude/agents/d.md"), "claude")
