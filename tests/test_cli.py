"""The command line through typer's runner: outputs, exit codes, and messages on stderr."""

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


def test_one_input_goes_to_stdout() -> None:
    result = run("convert", BASIC, "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "changelog-writer"
    assert result.stderr == ""


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


def test_check_reports_changes_with_exit_1() -> None:
    assert run("convert", BASIC, "--to", "markdown", "--check").exit_code == 0
    colon = str(FIXTURES / "markdown" / "unquoted-colon.md")
    result = run("convert", colon, "--to", "markdown", "--normalize", "--check")
    assert result.exit_code == 1
    assert "would change" in result.stderr
    assert result.stdout == ""


def test_strict_turns_warnings_into_exit_3_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    result = run(
        "convert", str(FIXTURES / "markdown" / "unquoted-colon.md"), "-o", str(out), "--strict"
    )
    assert result.exit_code == 3
    assert "warning[frontmatter-repaired]" in result.stderr
    assert not out.exists()


def test_stdin_with_a_name() -> None:
    result = run(
        "convert",
        "-",
        "--from",
        "markdown",
        "--to",
        "json",
        "--name",
        "piped",
        stdin="Just a prompt.\n",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "piped"


def test_stdin_without_frontmatter_or_name_is_an_error() -> None:
    result = run("convert", "-", "--from", "markdown", "--to", "json", stdin="Just a prompt.\n")
    assert result.exit_code == 1
    assert "<stdin>:1:1: error: no frontmatter" in result.stderr


def test_unknown_format_is_a_usage_error_with_a_suggestion() -> None:
    result = run("convert", BASIC, "--to", "jsn")
    assert result.exit_code == 2
    assert "did you mean 'json'" in result.stderr


def test_several_inputs_need_an_output_folder() -> None:
    result = run("convert", BASIC, BASIC, "--to", "json")
    assert result.exit_code == 2
    assert "-o DIR" in result.stderr


def test_missing_input_is_a_clear_error() -> None:
    result = run("convert", "no/such/file.md", "--to", "json")
    assert result.exit_code == 1
    assert "no/such/file.md: error: cannot read" in result.stderr


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


def test_sections_option_converts_headings_to_tags() -> None:
    result = run(
        "convert",
        str(FIXTURES / "family" / "test-writer.md"),
        "--to",
        "markdown",
        "--sections",
        "xml",
    )
    assert result.exit_code == 0, result.stderr
    assert "<core_responsibilities>\n- Write one test" in result.stdout


def test_sections_option_rejects_unknown_styles() -> None:
    result = run("convert", BASIC, "--to", "json", "--sections", "html")
    assert result.exit_code == 2
    assert "--sections takes" in result.stderr


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


def test_merge_conflict_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nname: x\nmodel: opus\n---\nBody.\n")
    (tmp_path / "b.md").write_text("---\nname: x\nmodel: sonnet\n---\nBody.\n")
    out = tmp_path / "out.md"
    result = run("merge", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(out))
    assert result.exit_code == 1
    assert "CONFLICT (model)" in result.stderr
    assert not out.exists()
    settled = run(
        "merge", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(out), "--prefer", "b.md"
    )
    assert settled.exit_code == 0, settled.stderr
    assert "model: sonnet" in out.read_text()


def test_merge_rejects_bad_min_support() -> None:
    result = run("merge", str(FAMILY), "--min-support", "zero")
    assert result.exit_code == 2
    assert "--min-support" in result.stderr


def test_merge_of_an_unreadable_variant_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = run("merge", BASIC, str(FIXTURES / "invalid" / "unterminated.md"), "-o", str(out))
    assert result.exit_code == 1
    assert "unterminated frontmatter" in result.stderr
    assert not out.exists()


def test_diff_of_the_same_agent_in_two_formats_is_empty(tmp_path: Path) -> None:
    out = tmp_path / "a.toml"
    run("convert", BASIC, "-o", str(out))
    result = run("diff", BASIC, str(out))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "no difference\n"


def test_diff_shows_fields_tools_and_sections(tmp_path: Path) -> None:
    changed = tmp_path / "b.md"
    changed.write_text(
        Path(BASIC)
        .read_text()
        .replace("model: haiku", "model: opus")
        .replace("Read, Grep", "Read, Write")
        .replace("## Steps", "## Procedure")
    )
    result = run("diff", BASIC, str(changed))
    assert result.exit_code == 1
    assert "model: haiku → opus" in result.stdout
    assert "tools: +Write -Grep" in result.stdout
    assert "section added: Procedure" in result.stdout
    data = json.loads(run("diff", BASIC, str(changed), "--json").stdout)
    assert data["tools"] == {"added": ["Write"], "removed": ["Grep"]}
