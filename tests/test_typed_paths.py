"""A tool knows its agents by the folder they are in, whatever path the user types: `t.md`
typed inside `.claude/agents` (or `agents/t.md` inside `.claude`, or `.` there) is a Claude
Code agent, checked by its rules; a Gemini CLI command typed inside `.gemini/commands` is
named by its path there. Detection and the readers see the path made absolute, lexically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import loads
from converter.cli import build_app

RUNNER = CliRunner()
#: Claude Code's tool names are case-sensitive: a subagent of only these gets no tool
LOWER_CASE_TOOLS = "---\nname: helper\ndescription: Helps.\ntools: read, grep\n---\nHelp.\n"


@pytest.mark.parametrize(("inside", "typed"), [
    (".claude/agents", "helper.md"), (".claude/agents", "."), (".claude", "agents/helper.md"),
    (".claude/agents/team", "../helper.md"),
])  # fmt: skip
def test_a_claude_agent_is_checked_as_one_from_inside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: str, typed: str
) -> None:
    agents = tmp_path / ".claude" / "agents"
    (agents / "team").mkdir(parents=True)
    (agents / "helper.md").write_text(LOWER_CASE_TOOLS, encoding="utf-8")
    monkeypatch.chdir(tmp_path / inside)
    done = RUNNER.invoke(build_app(), ["validate", typed])
    assert done.exit_code == 1 and "case-sensitive" in done.output, done.output


def test_a_gemini_command_is_named_by_its_path_from_inside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = tmp_path / ".gemini" / "commands" / "git"
    commands.mkdir(parents=True)
    (commands / "commit.toml").write_text('prompt = "Write a commit message."\n', "utf-8")
    monkeypatch.chdir(commands.parent)
    done = RUNNER.invoke(build_app(), ["convert", "git/commit.toml", "--to", "json", "-o", "-"])
    assert done.exit_code == 0 and json.loads(done.stdout)["name"] == "git:commit", done.output


def test_the_library_reads_a_relative_path_as_the_folder_it_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    monkeypatch.chdir(agents)
    agent = loads(LOWER_CASE_TOOLS, path="helper.md")
    assert agent.provenance is not None and agent.provenance.format == "claude"


@pytest.mark.parametrize(("folder", "nested"), [(".opencode/agent", "core/coder.md"),
                                                 (".kiro/agents", "core/coder.md")])  # fmt: skip
def test_a_nested_agent_is_named_by_its_path_from_inside_its_tool_s_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, nested: str
) -> None:
    """OpenCode and Kiro name an agent without `name` by its path under their folder."""
    inside = tmp_path / folder
    (inside / "core").mkdir(parents=True)
    (inside / nested).write_text("---\ndescription: Codes.\n---\nCode.\n", encoding="utf-8")
    monkeypatch.chdir(inside)
    done = RUNNER.invoke(build_app(), ["convert", nested, "--to", "json", "-o", "-"])
    assert done.exit_code == 0 and json.loads(done.stdout)["name"] == "core/coder", done.output


def test_a_deleted_working_folder_leaves_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    agent = loads(LOWER_CASE_TOOLS, path="helper.md")  # no FileNotFoundError from getcwd
    assert agent.name == "helper"
