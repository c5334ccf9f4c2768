"""Tool names a tool no longer has: written as their successors, said where kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import Diagnostics, dumps, loads
from converter.cli import build_app
from converter.targets import spelling, vocabulary

RUNNER = CliRunner()
APP = build_app()


def _claude_tools(text: str) -> list[str]:
    agent = loads(text, format="claude", path="x.md")
    return list(agent.tools or ())


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (".gemini/agents/lister.md", "---\nname: lister\ndescription: d\ntools: [read_file, list_directory]\n---\nx\n"),
        (".opencode/agents/lister.md", "---\ndescription: d\npermission:\n  '*': deny\n  read: allow\n  list: allow\n---\nx\n"),
        (".github/agents/lister.agent.md", "---\nname: lister\ndescription: d\ntools: ['read/readFile', 'search/listDirectory']\n---\nx\n"),
    ],
)  # fmt: skip
def test_another_tools_list_tool_is_written_as_claude_codes_glob(path: str, text: str) -> None:
    # Claude Code 2.1.332 has no LS: an agent listing it got nothing for it, and one listing
    # nothing else was refused ("zero tools"); before, `list` was written as LS
    agent = loads(text, path=path)
    assert "LS" in (agent.tools or ())  # the model keeps the concept's name
    for target in ("claude", "claude-json"):
        diags = Diagnostics()
        out = dumps(agent, target, diagnostics=diags)
        written = loads(
            out, format=target, path=f"lister.{'md' if target == 'claude' else 'agents.json'}"
        )
        assert "LS" not in (written.tools or ()), target
        assert {"Read", "Glob"} <= set(written.tools or ()), target
        assert any(
            d.code == "value-coerced"
            and "LS (an agent gets nothing for it): written as Glob," in d.message
            for d in diags
        )


def test_retired_names_from_a_neutral_file_become_their_successors_keeping_patterns() -> None:
    text = "---\nname: a\ndescription: d\ntools: [Read, MultiEdit(src/**), NotebookRead, Edit, BashOutput]\n---\nx\n"
    agent = loads(text, format="markdown", path="a.md")
    diags = Diagnostics()
    out = dumps(agent, "claude", diagnostics=diags)
    assert _claude_tools(out) == ["Read", "Edit(src/**)", "Edit"]
    dropped = [d for d in diags if d.code == "tool-unmapped"]
    assert dropped and "BashOutput" in dropped[0].message and "left out" in dropped[0].message


def test_a_claude_file_of_its_own_keeps_its_names_and_is_told_the_tool_ignores_them() -> None:
    text = "---\nname: a\ndescription: d\ntools: Read, LS, MultiEdit\n---\nx\n"
    diags = Diagnostics()
    out = dumps(loads(text, path=".claude/agents/a.md"), "claude", diagnostics=diags)
    assert out == text  # a tool's own file is written back as it was
    said = [d.message for d in diags if d.code == "tool-unmapped"]
    assert said and "LS (no longer a tool there; Glob does that now)" in said[0]
    assert "MultiEdit (no longer a tool there; Edit does that now)" in said[0]


def test_validate_says_claude_code_gives_nothing_for_a_retired_name(tmp_path: Path) -> None:
    agent = tmp_path / ".claude" / "agents" / "a.md"
    agent.parent.mkdir(parents=True)
    agent.write_text("---\nname: a\ndescription: d\ntools: Read, LS\n---\nx\n", encoding="utf-8")
    result = RUNNER.invoke(APP, ["validate", str(agent), "--target", "claude"])
    assert result.exit_code == 1, result.output  # a rule issue, as for any name it lacks
    assert "'LS' (no longer a tool there; Glob does that now)" in result.output
    agent.write_text(
        "---\nname: a\ndescription: d\ntools: LS, MultiEdit\n---\nx\n", encoding="utf-8"
    )
    result = RUNNER.invoke(APP, ["validate", str(agent), "--target", "claude"])
    assert "gets no tool and is refused when it starts" in result.output


def test_every_retired_name_has_a_successor_the_tool_has_now() -> None:
    for tool, gone in vocabulary.table()["retired"].items():
        for old, now in spelling.successors(tool).items():
            assert old in gone
            if now:
                assert vocabulary.is_known(tool, now) and now not in gone, (tool, old, now)


def test_a_deny_list_written_for_claude_code_denies_the_tool_that_does_the_work_now() -> None:
    # OpenCode's `list: deny` became `disallowedTools: LS`, which denies nothing there
    text = "---\ndescription: d\npermission:\n  list: deny\n  edit: deny\n---\nx\n"
    agent = loads(text, path=".opencode/agents/dn.md")
    out = dumps(agent, "claude")
    assert "disallowedTools: Glob, Write, Edit\n" in out
    assert loads(
        dumps(agent, "claude-json"), format="claude-json", path="dn.agents.json"
    ).extensions["claude"]["disallowedTools"] == ["Glob", "Write", "Edit"]


def test_an_agent_of_nothing_but_names_claude_code_lacks_is_said_to_be_refused() -> None:
    # Claude Code 2.1.332 refuses to start it ("would be spawned with zero tools")
    agent = loads(
        "---\nname: a\ndescription: d\ntools: ['atlassian']\n---\nx\n",
        path=".github/agents/a.agent.md",
    )
    diags = Diagnostics()
    dumps(agent, "claude", diagnostics=diags)
    said = [d.message for d in diags if d.code == "tool-unmapped"]
    assert said and "with no other tool, it refuses to start the agent; written as is" in said[0]
    agent = loads(
        "---\nname: a\ndescription: d\ntools: ['read', 'atlassian']\n---\nx\n",
        path=".github/agents/a.agent.md",
    )
    diags = Diagnostics()
    dumps(agent, "claude", diagnostics=diags)
    assert not [d for d in diags if "refuses to start" in d.message]
