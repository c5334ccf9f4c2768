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
    text = HEADER.format(extra="").replace(
        "C:\\new\\tools first.", "files.\\n<example>go</example>"
    )
    agent = loads(text, path=".claude/agents/win-helper.md")
    diags = Diagnostics()
    written = dumps(agent, "copilot", diagnostics=diags)
    assert "files.\\n" not in written and "files.\n" in written.replace("\n  ", "\n")
    assert [d.code.value for d in diags if "\\n" in d.message] == ["value-coerced"]


@pytest.mark.parametrize(
    "path", ["C:\\new\\tools", "\\\\build\\nightly", "src\\new\\x.py", "D:\\nightly"]
)
def test_a_backslash_n_in_a_windows_path_is_said_of_claude_code_and_kept_elsewhere(
    path: str,
) -> None:
    # Claude Code shows the line break all the same: the author meant the path it broke
    text = HEADER.format(extra="").replace("C:\\new\\tools", path)
    diags = Diagnostics()
    agent = loads(text, path=".claude/agents/win-helper.md", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert len(said) == 1 and f"the \\n in '{path}' into a line break" in said[0], said
    for target in ("copilot", "gemini", "codex"):
        written = Diagnostics()
        out = dumps(agent, target, diagnostics=written)
        assert path.replace("\\", "\\\\" if target == "codex" else "\\") in out, out
        assert not [d for d in written if "\\n" in d.message]


def test_only_the_backslash_n_of_a_path_is_kept_beside_line_breaks() -> None:
    text = HEADER.format(extra="").replace(
        "C:\\new\\tools first.", "'C:\\new\\tools.\\n<example>user: go</example>\\nagent.\\nuser'"
    )
    agent = loads(text, path=".claude/agents/win-helper.md")
    assert agent.description is not None
    written = dumps(agent, "gemini")
    assert "C:\\new\\tools.\n" in written.replace("\n  ", "\n")
    assert "</example>\nagent.\nuser" in written.replace("\n  ", "\n")


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
