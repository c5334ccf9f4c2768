"""A Claude Code plugin's agent: Claude Code 2.1.332 ignores its `permissionMode`, `hooks`,
`mcpServers`, `initialPrompt` and `observer*` (its loader's own warning); read as written, said."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import Diagnostics, dumps, load
from converter.diagnostics import Code

AGENT = """---
name: fixer
description: Fixes failing tests
tools: Read, Edit, Bash
permissionMode: acceptEdits
initialPrompt: Start with the failing test.
---
Fix the tests.
"""


def _agent(root: Path, relative: str, marked: bool) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT, encoding="utf-8")
    if marked:
        (root / ".claude-plugin").mkdir(exist_ok=True)
        (root / ".claude-plugin" / "plugin.json").write_text('{"name": "kit"}\n')
    return path


@pytest.mark.parametrize("source", [None, "claude"])
@pytest.mark.parametrize("relative", ["agents/fixer.md", "agents/team/fixer.md"])
def test_a_plugins_agent_is_said_to_lose_what_claude_code_ignores_there(
    tmp_path: Path, source: str | None, relative: str
) -> None:
    path = _agent(tmp_path / "kit", relative, marked=True)
    said = Diagnostics()
    agent = load(path, format=source, diagnostics=said)
    misread = [d for d in said if d.code is Code.TOOL_MISREADS]
    assert len(misread) == 1, [str(d) for d in said]
    assert "'permissionMode', 'initialPrompt'" in misread[0].message
    assert misread[0].span is not None and misread[0].span.line == 5
    # read as written: the agent in .claude/agents gets them
    assert "permissionMode: acceptEdits" in dumps(agent, "claude")


@pytest.mark.parametrize("relative", ["agents/fixer.md", ".claude/agents/fixer.md"])
def test_an_agent_outside_a_plugin_is_not_said_to_lose_them(tmp_path: Path, relative: str) -> None:
    path = _agent(tmp_path / "project", relative, marked=relative.startswith("agents"))
    if relative.startswith("agents"):  # the plugin mark is elsewhere: not this folder's
        (tmp_path / "project" / ".claude-plugin").rename(tmp_path / ".claude-plugin")
    said = Diagnostics()
    load(path, diagnostics=said)
    assert not [d for d in said if d.code is Code.TOOL_MISREADS]


def test_a_plugins_agents_are_read_as_claude_codes_and_held_to_its_rules(tmp_path: Path) -> None:
    # Claude Code loads them as its own agents: an agent without a description, which it
    # leaves out, was read as plain Markdown and not said
    path = _agent(tmp_path / "kit", "agents/fixer.md", marked=True)
    bare = path.with_name("bare.md")
    bare.write_text("---\nname: bare\n---\nDo it.\n", encoding="utf-8")
    agent = load(path)
    assert agent.provenance is not None and agent.provenance.format == "claude"
    said = Diagnostics()
    load(bare, diagnostics=said)
    assert any(d.code is Code.TOOL_REFUSES and "description" in d.message for d in said)
    # an `agents/` folder of no plugin is no tool's: plain Markdown, as before
    other = _agent(tmp_path / "mine", "agents/fixer.md", marked=False)
    assert load(other).provenance.format == "markdown"  # type: ignore[union-attr]


def test_a_gemini_cli_extensions_agents_are_read_as_its_own(tmp_path: Path) -> None:
    # Gemini CLI 0.61 loads an extension's agents/ (gemini-extension.json beside it) and fills
    # ${extensionPath} there before a run: read as plain Markdown, `max_turns` was said to be
    # no Claude Code key; read as Gemini CLI's, that word is no failing input, `${userId}` is
    root = tmp_path / "my-ext"
    (root / "agents").mkdir(parents=True)
    (root / "gemini-extension.json").write_text('{"name": "my-ext", "version": "1.0.0"}\n')
    path = root / "agents" / "auditor.md"
    path.write_text(
        "---\nname: auditor\ndescription: Audits\nmax_turns: 20\n---\n"
        "Run ${extensionPath}/scripts/audit.sh for ${userId}.\n",
        encoding="utf-8",
    )
    said = Diagnostics()
    agent = load(path, diagnostics=said)
    assert agent.provenance is not None and agent.provenance.format == "gemini"
    refused = [d.message for d in said if d.code is Code.TOOL_REFUSES]
    assert len(refused) == 1 and "${userId}" in refused[0].split("(it fills")[0]
    assert "${extensionPath}" not in refused[0].split("(it fills")[0]
    assert not [d for d in said if "max_turns" in d.message]
