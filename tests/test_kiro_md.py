"""Kiro's Markdown agents (`.kiro/agents/**/*.md`): found by their folder, named by their path,
their category tags read as the tools they cover; a second form, never a default target."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import dumps, loads
from converter.cli import build_app

RUNNER = CliRunner()
APP = build_app()
AGENT = "---\ndescription: Plans.\ntools: read, shell\n---\nPlan.\n"


@pytest.mark.parametrize(
    ("path", "name"),
    [(".kiro/agents/planner.md", "planner"), ("repo/.kiro/agents/team/planner.md", "team/planner")],
)
def test_a_kiro_markdown_agent_is_found_by_its_folder_and_named_by_its_path(
    path: str, name: str
) -> None:
    agent = loads(AGENT, path=path)
    assert agent.provenance is not None and agent.provenance.format == "kiro-md"
    assert agent.name == name


def test_category_tags_are_read_as_the_tools_they_cover() -> None:
    # they were read as Claude names `read` and `shell`, which Claude Code does not have
    agent = loads(AGENT, path=".kiro/agents/planner.md")
    assert agent.tools == ("Read", "Grep", "Glob", "LS", "Bash")
    listed = loads(
        "---\ndescription: d\ntools: [web, fs_write, todo_list, '@git']\n---\nx\n",
        path=".kiro/agents/a.md",
    )
    assert listed.tools == ("WebFetch", "WebSearch", "Write", "Edit", "TodoWrite", "mcp__git")


def test_written_with_the_json_agents_tool_names_and_read_back() -> None:
    claude = "---\nname: planner\ndescription: Plans.\ntools: Read, Bash\n---\nPlan.\n"
    agent = loads(claude, path="planner.md")
    text = dumps(agent, "kiro-md")
    assert "tools:\n- fs_read\n- execute_bash\n" in text
    again = loads(text, path=".kiro/agents/planner.md")
    assert again.name == "planner" and set(again.tools or ()) >= {"Read", "Bash"}
    # its own file, untouched, is written back as it was (tags and all)
    own = loads(AGENT, path=".kiro/agents/planner.md")
    assert dumps(own, "kiro-md") == AGENT


def test_init_keeps_kiro_json_the_default_and_sees_markdown_agents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".kiro" / "agents").mkdir(parents=True)
    (tmp_path / ".kiro" / "agents" / "planner.md").write_text(AGENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(APP, ["init"])
    assert result.exit_code == 0, result.stderr
    assert "found: .kiro/agents (kiro-md, 1 file)" in result.stderr
    config = (tmp_path / "agentmorph.toml").read_text(encoding="utf-8")
    assert '"kiro"' in config and '"kiro-md"' not in config
