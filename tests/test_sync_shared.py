"""`sync` and Roo's `.roomodes`, a file a team also writes by hand: sync's modes are merged
into it, the team's modes never touched (`sync --force` replaced the whole file, deleting
them; without --force sync refused to write into it at all)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from converter.cli import build_app

TEAM = """# our own modes
customModes:
  - slug: docs-writer  # by hand
    name: Docs Writer
    roleDefinition: You write docs.
    groups: [read]
"""
AGENT = "---\nname: reviewer\ndescription: Reviews code.\ntools: Read\n---\nReview.\n"


def run(*arguments: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(build_app(), list(arguments))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".claude/agents").mkdir(parents=True)
    (tmp_path / ".claude/agents/reviewer.md").write_text(AGENT)
    (tmp_path / ".roomodes").write_text(TEAM)
    monkeypatch.chdir(tmp_path)
    assert run("init", "--source", ".claude/agents", "--targets", "roo").exit_code == 0
    return tmp_path


def _slugs(project: Path) -> list[str]:
    return [m["slug"] for m in yaml.safe_load((project / ".roomodes").read_text())["customModes"]]


def test_sync_adds_its_modes_to_the_teams_file_and_keeps_theirs(project: Path) -> None:
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    text = (project / ".roomodes").read_text()
    assert text.startswith(TEAM)
    assert _slugs(project) == ["docs-writer", "reviewer"]
    # the team edits its own mode, the source changes: both kept, no --force needed
    (project / ".roomodes").write_text(text.replace("You write docs.", "You write good docs."))
    (project / ".claude/agents/reviewer.md").write_text(AGENT + "More.\n")
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    text = (project / ".roomodes").read_text()
    assert "You write good docs." in text and "More." in text


def test_an_edit_of_a_mode_sync_wrote_is_refused_and_force_replaces_only_that(
    project: Path,
) -> None:
    assert run("sync").exit_code == 0
    text = (project / ".roomodes").read_text()
    (project / ".roomodes").write_text(text.replace("    Review.", "    Review by hand."))
    (project / ".claude/agents/reviewer.md").write_text(AGENT + "More.\n")
    result = run("sync")
    assert result.exit_code != 0
    assert "edited by hand since agentmorph wrote it (reviewer)" in result.stderr
    assert run("sync", "--force").exit_code == 0
    text = (project / ".roomodes").read_text()
    assert text.startswith(TEAM) and "Review by hand" not in text and "More." in text


def test_a_mode_whose_agent_is_gone_is_taken_out_and_the_file_stays(project: Path) -> None:
    assert run("sync").exit_code == 0
    (project / ".claude/agents/reviewer.md").unlink()
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    assert (project / ".roomodes").read_text() == TEAM
    manifest = json.loads((project / ".agentmorph/manifest.json").read_text())
    assert manifest["files"] == {}


def test_a_team_mode_of_the_same_name_is_refused_not_replaced(project: Path) -> None:
    (project / ".roomodes").write_text(
        TEAM + "  - slug: reviewer\n    name: Ours\n    roleDefinition: x\n    groups: [read]\n"
    )
    result = run("sync")
    assert result.exit_code != 0
    assert "agentmorph did not write (reviewer)" in result.stderr
    assert "name: Ours" in (project / ".roomodes").read_text()


def _legacy_manifest(project: Path) -> Path:
    """A sync whose manifest is then made as one written before modes were recorded."""
    (project / ".roomodes").unlink()
    assert run("sync").exit_code == 0
    path = project / ".agentmorph/manifest.json"
    manifest = json.loads(path.read_text())
    manifest["files"][".roomodes"].pop("names")
    path.write_text(json.dumps(manifest))
    return path


def test_a_manifest_from_before_took_the_whole_file_as_syncs(project: Path) -> None:
    # written before parts were recorded: what is in the file was all sync's, as then
    path = _legacy_manifest(project)
    (project / ".claude/agents/reviewer.md").write_text(AGENT + "More.\n")
    assert run("sync").exit_code == 0
    assert _slugs(project) == ["reviewer"]
    assert "names" in json.loads(path.read_text())["files"][".roomodes"]


def test_a_manifest_from_before_still_refuses_a_file_edited_since(project: Path) -> None:
    _legacy_manifest(project)
    roomodes = project / ".roomodes"
    roomodes.write_text(roomodes.read_text().replace("    Review.", "    Review by hand."))
    (project / ".claude/agents/reviewer.md").write_text(AGENT + "More.\n")
    result = run("sync")
    assert result.exit_code != 0 and "edited by hand" in result.stderr


def test_a_mode_that_already_holds_what_sync_writes_is_adopted_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `import` reads the team's .roomodes into .agents; the sync after it refused the file
    # ("a part of the same name that agentmorph did not write") though nothing differed
    (tmp_path / ".roomodes").write_text(
        TEAM.replace("    groups:", "    whenToUse: Docs.\n    groups:")
    )
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert run("import").exit_code == 0
    before = (tmp_path / ".roomodes").read_text()
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".roomodes").read_text() == before
    assert run("sync").stderr.count("0 written") >= 1


def test_a_file_that_is_not_utf8_is_not_merged_into(project: Path) -> None:
    (project / ".roomodes").write_bytes(TEAM.encode() + b"  # \xff\n")
    result = run("sync")
    assert result.exit_code != 0
    assert ".roomodes" in result.stderr and "not UTF-8" in result.stderr
    assert (project / ".roomodes").read_bytes().endswith(b"\xff\n")


@pytest.mark.parametrize(
    "text", ["customModes:\n  - slug: [unclosed\n", "customModes:\n  - big: " + "9" * 5000 + "\n"]
)
def test_a_file_that_cannot_be_read_is_said_never_a_traceback(project: Path, text: str) -> None:
    # sync now reads the file there to keep a team's modes: a broken one raised PyYAML's
    # error (or tomllib's ValueError for 5,000 digits) as a traceback
    (project / ".roomodes").write_text(text)
    result = run("sync")
    assert result.exit_code == 1
    assert "the .roomodes there is not YAML we can read" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / ".roomodes").read_text() == text
