"""The command line through typer's runner: what a transcript cannot show (files written,
JSON parsed). Exact outputs and messages are in tests/transcripts/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter.cli import build_app
from tests.conftest import FIXTURES

RUNNER = CliRunner()
APP = build_app()
BASIC = str(FIXTURES / "markdown" / "basic.md")


def run(*arguments: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(APP, list(arguments), input=stdin)


def test_output_file_format_comes_from_its_name(tmp_path: Path) -> None:
    out = tmp_path / "agent.json"
    result = run("convert", BASIC, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text())["tools"] == ["Read", "Grep", "Glob", "Bash(git log:*)"]


def test_folder_is_mirrored_with_the_new_extension(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "team").mkdir(parents=True)
    shutil.copy(BASIC, source / "team" / "a.md")
    shutil.copy(BASIC, source / "b.md")
    (source / "notes.unknown").write_text("ignored")
    result = run("convert", str(source), "-o", str(tmp_path / "out"), "--to", "json")
    assert result.exit_code == 0, result.stderr
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert written == ["b.json", "team", "team/a.json"]
    assert "2 inputs: 2 written" in result.stderr


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    out.write_text("keep me")
    result = run("convert", BASIC, "-o", str(out))
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert out.read_text() == "keep me"
    assert run("convert", BASIC, "-o", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())["name"] == "changelog-writer"


def test_a_bad_file_fails_alone_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(BASIC, source / "good.md")
    shutil.copy(FIXTURES / "invalid" / "unterminated.md", source / "bad.md")
    result = run("convert", str(source), "-o", str(tmp_path / "out"), "--to", "json")
    assert result.exit_code == 1
    assert "bad.md:1:1: error: unterminated frontmatter" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.json"]


def test_json_report_lists_every_input(tmp_path: Path) -> None:
    result = run("convert", BASIC, "-o", str(tmp_path / "a.json"), "--report", "json")
    report = json.loads(result.stdout)
    assert report["inputs"][0]["status"] == "written"


def test_schema_is_json_schema() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "tools" in schema["properties"]


def test_formats_lists_every_format() -> None:
    result = run("formats")
    assert result.exit_code == 0
    for name in ("markdown", "json", "toml", "xml"):
        assert name in result.stdout


@pytest.mark.parametrize("command", ["convert", "merge", "diff", "formats", "schema"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    if command in ("convert", "merge", "diff"):
        assert "Examples" in result.stdout


def test_version() -> None:
    assert run("--version").stdout.startswith("agentmorph ")


@pytest.mark.parametrize("target", ["json", "toml", "xml", "markdown"])
def test_every_neutral_format_converts_from_the_command_line(tmp_path: Path, target: str) -> None:
    out = tmp_path / f"agent.{target}"
    assert run("convert", BASIC, "-o", str(out), "--to", target).exit_code == 0
    back = run("convert", str(out), "--to", "json")
    assert back.exit_code == 0, back.stderr
    assert json.loads(back.stdout)["tools"] == ["Read", "Grep", "Glob", "Bash(git log:*)"]


FAMILY = FIXTURES / "family"


def test_merge_writes_one_canonical_agent(tmp_path: Path) -> None:
    out = tmp_path / "test-writer.md"
    report = tmp_path / "report.json"
    result = run("merge", str(FAMILY), "-o", str(out), "--report", str(report))
    assert result.exit_code == 0, result.stderr
    assert "merged 3 variants of test-writer" in result.stderr
    text = out.read_text()
    assert text.startswith("---\nname: test-writer\n")
    assert text.count("Keep each test independent") + text.count("Keep tests independent") == 1
    data = json.loads(report.read_text())
    assert data["variants"] and data["sections"][0]["items"][0]["sources"]


def test_merge_to_another_format_on_stdout() -> None:
    result = run("merge", str(FAMILY), "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "test-writer"
