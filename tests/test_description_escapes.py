"""A literal `\\n` in a description: Claude Code reads it as a line break (its loader's
`description.replaceAll("\\\\n", "\\n")`, seen in its agent list), so in an agent read as
Claude Code reads it, it was meant as one; every other tool shows the backslash, so in an
agent read from one of them (`C:\\new\\tools` in a Gemini CLI agent) it is the text its
author saw, and stays that text."""

from __future__ import annotations

import pytest

from converter import Diagnostics, dumps, loads

HEADER = "---\nname: win-helper\ndescription: Fixes C:\\new\\tools first.\n{extra}---\nHelp.\n"


def _read(path: str, extra: str = "") -> object:
    return loads(HEADER.format(extra=extra), path=path, diagnostics=Diagnostics())


@pytest.mark.parametrize("target", ["copilot", "opencode", "gemini", "cursor"])
def test_a_backslash_n_from_a_tool_that_shows_it_stays_as_written(target: str) -> None:
    agent = _read(".gemini/agents/win-helper.md")
    diags = Diagnostics()
    written = dumps(agent, target, diagnostics=diags)  # type: ignore[arg-type]
    assert "C:\\new\\tools" in written
    assert not [d for d in diags if "\\n" in d.message]


def test_a_backslash_n_read_as_claude_code_reads_it_is_a_line_break_elsewhere() -> None:
    agent = _read(".claude/agents/win-helper.md")
    diags = Diagnostics()
    written = dumps(agent, "copilot", diagnostics=diags)  # type: ignore[arg-type]
    assert "C:\\new" not in written and "C:\n" in written.replace("\n  ", "\n")
    assert [d.code.value for d in diags if "\\n" in d.message] == ["value-coerced"]


def test_written_for_claude_code_a_backslash_n_it_will_misread_is_said() -> None:
    agent = _read(".github/agents/win-helper.agent.md")
    diags = Diagnostics()
    written = dumps(agent, "claude", diagnostics=diags)  # type: ignore[arg-type]
    assert "C:\\new\\tools" in written  # nothing spells it otherwise there
    said = [d for d in diags if d.code.value == "tool-misreads" and d.field == "description"]
    assert len(said) == 1 and "line break" in said[0].message


def test_a_claude_code_agent_written_back_says_nothing() -> None:
    agent = _read(".claude/agents/win-helper.md")
    diags = Diagnostics()
    dumps(agent, "claude", diagnostics=diags)  # type: ignore[arg-type]
    assert not [d for d in diags if "\\n" in d.message]
