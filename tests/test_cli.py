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


def test_a_new_folder_is_never_named_like_an_output_file(tmp_path: Path) -> None:
    """`-o team.agents.json` for a folder of agents would make a folder of that name."""
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a.md", "b.md"):
        shutil.copy(BASIC, source / name)
    named = tmp_path / "team.agents.json"
    result = run("convert", str(source), "-o", str(named), "--to", "claude-json")
    assert result.exit_code == 2
    assert "several inputs need a folder, and this names a .agents.json file" in result.stderr
    assert f"-o {tmp_path / 'team'}/" in result.stderr  # the hint says what to write
    assert not named.exists()
    # said with a slash, it is a folder of that name
    result = run("convert", str(source), "-o", f"{named}/", "--to", "claude-json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in named.iterdir()) == ["a.agents.json", "b.agents.json"]


@pytest.mark.parametrize("to", ["codex", "roo", "kiro", "gemini", "opencode", "claude-json"])
def test_a_merge_written_to_a_tool_says_what_the_tool_cannot_hold(to: str) -> None:
    """As convert says it: the merged agent's tool list, which Codex cannot express, is a
    warning, never a failed self-check; repaired input headers are told once."""
    family = sorted(str(p) for p in (FIXTURES / "family").glob("*.md"))
    result = run("merge", *family, "--to", to)
    assert result.exit_code == 0, result.stderr
    assert "please report this" not in result.stderr
    if to == "codex":
        assert "<stdout>: warning[tools-not-restricted]: Codex has no tool list" in result.stderr


def test_quiet_shows_errors_only(tmp_path: Path) -> None:
    """-q: no warning, not even the one told once by code for repaired headers."""
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a.md", "b.md"):
        (source / name).write_text(f"---\nname: {name[0]}\ndescription: Use when: x\n---\nDo.\n")
    loud = run("convert", str(source), "-o", str(tmp_path / "loud"), "--to", "json")
    assert "warning[frontmatter-repaired]: 2 places" in loud.stderr
    quiet = run("convert", str(source), "-o", str(tmp_path / "quiet"), "--to", "json", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""


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


@pytest.mark.parametrize(
    ("extra", "written"),
    [
        ((), "test-writer.md"),
        (("--to", "json"), "test-writer.json"),
        (("--to", "codex"), ".codex/agents/test-writer.toml"),
        (("--to", "opencode"), ".opencode/agents/test-writer.md"),
    ],
)
def test_merge_into_a_folder_names_the_file_after_the_agent(
    tmp_path: Path, extra: tuple[str, ...], written: str
) -> None:
    """`-o DIR` said "output exists; use --force", and with --force failed on the folder:
    the merged agent goes into it as convert would write it there."""
    out = tmp_path / "out"
    out.mkdir()
    result = run("merge", str(FAMILY), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out / written}" in result.stderr
    assert "test-writer" in (out / written).read_text()
    again = run("merge", str(FAMILY), "-o", f"{tmp_path / 'new'}/", *extra)  # made, as said
    assert again.exit_code == 0 and (tmp_path / "new" / written).is_file()
    refused = run("merge", str(FAMILY), "-o", str(out), *extra)  # there now: --force needed
    assert refused.exit_code != 0 and "not overwritten" in refused.stderr
    assert run("merge", str(FAMILY), "-o", str(out), "--force", *extra).exit_code == 0


@pytest.mark.parametrize("output", [".roomodes", "./"])
def test_merge_into_a_roomodes_keeps_its_other_modes(tmp_path: Path, output: str) -> None:
    """A merged mode written to Roo's one file of modes asked for --force and then replaced
    the whole file, every other mode of the project lost; it now goes in as convert writes
    (a mode of the same name replaced only with --force)."""
    other = tmp_path / "other.md"
    other.write_text("---\nname: planner\ndescription: Plans\n---\nPlan.\n")
    modes = tmp_path / ".roomodes"
    assert run("convert", str(other), "--to", "roo", "-o", str(modes)).exit_code == 0
    out = str(tmp_path / output)
    result = run("merge", str(FAMILY), "--to", "roo", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = modes.read_text()
    assert "slug: planner" in text and "slug: test-writer" in text
    again = run("merge", str(FAMILY), "--to", "roo", "-o", out)
    assert again.exit_code == 1 and "already has a mode 'test-writer'" in again.stderr
    forced = run("merge", str(FAMILY), "--to", "roo", "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert modes.read_text().count("slug: ") == 2 and "slug: planner" in modes.read_text()


@pytest.mark.parametrize(
    ("command", "name"),
    [("convert", "opencode.json"), ("convert", "config.toml"), ("merge", "settings.json")],
)
def test_an_agent_is_never_written_over_a_tools_configuration(
    tmp_path: Path, command: str, name: str
) -> None:
    """`-o opencode.json --to opencode --force` replaced the project's OpenCode settings
    with a Markdown agent."""
    config = tmp_path / name
    config.write_text('{"model": "x"}\n')
    source = BASIC if command == "convert" else str(FAMILY)
    result = run(command, source, "-o", str(config), "--to", "opencode", "--force")
    assert result.exit_code == 2
    assert "not an agent; an agent written there would replace it" in result.stderr
    assert config.read_text() == '{"model": "x"}\n'


def test_merge_says_a_section_limit_with_the_variant_and_how_to_raise_it() -> None:
    result = run("merge", str(FAMILY), "--to", "json", "--max-sections", "2")
    assert result.exit_code == 1
    assert "sections together" in result.stderr and "--max-sections N" in result.stderr
    assert "Traceback" not in result.stderr
    assert run("merge", str(FAMILY), "--to", "json", "--max-sections", "500").exit_code == 0


def test_merge_to_another_format_on_stdout() -> None:
    result = run("merge", str(FAMILY), "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "test-writer"


def _tree(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    (source / "team").mkdir(parents=True)
    text = Path(BASIC).read_text()
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    for relative in ("team/a.md", "b.md", "draft-c.md"):
        stem = Path(relative).stem
        (source / relative).write_text(text.replace(name, f"name: {stem}", 1))
    return source


def test_include_and_exclude_choose_a_folders_files(tmp_path: Path) -> None:
    source, out = _tree(tmp_path), tmp_path / "out"
    result = run("convert", str(source), "-o", str(out), "--to", "json", "--include", "**/*.md",
                 "--exclude", "draft-*")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "b.json",
        "team/a.json",
    ]
    only = run("convert", str(source), "-o", str(tmp_path / "o2"), "--to", "json",
               "--include", "team/*")  # fmt: skip
    assert only.exit_code == 0
    assert [p.name for p in (tmp_path / "o2").rglob("*.json")] == ["a.json"]
    none = run("convert", str(source), "-o", str(tmp_path / "o3"), "--to", "json",
               "--include", "*.toml")  # fmt: skip
    assert none.exit_code == 1
    assert "no input file matches" in none.stderr


def test_check_with_diff_prints_what_would_change(tmp_path: Path) -> None:
    source, out = _tree(tmp_path), tmp_path / "out"
    assert run("convert", str(source), "-o", str(out), "--to", "gemini").exit_code == 0
    changed = source / "b.md"
    changed.write_text(changed.read_text() + "One more line.\n")
    result = run("convert", str(source), "-o", str(out), "--to", "gemini", "--check", "--diff")
    assert result.exit_code == 1
    assert "+One more line." in result.stdout
    assert result.stdout.count("+++ ") == 1  # only the file that changes


def test_ignore_hides_a_code_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    source = _tree(tmp_path)
    shown = run("convert", str(source), "-o", str(tmp_path / "o"), "--to", "gemini")
    assert "model-unmapped" in shown.stderr or "tools-" in shown.stderr
    codes = {line.split("[", 1)[1].split("]", 1)[0] for line in shown.stderr.splitlines()
             if "warning[" in line and not line.startswith("warnings by code")}  # fmt: skip
    arguments = [x for code in codes for x in ("--ignore", code)]
    quiet = run("convert", str(source), "-o", str(tmp_path / "o2"), "--to", "gemini", *arguments)
    assert quiet.exit_code == 0
    assert "warning[" not in quiet.stderr
    assert "0 warnings" in quiet.stderr
    wrong = run("convert", BASIC, "--to", "json", "--ignore", "model-unmaped")
    assert wrong.exit_code == 2
    assert "did you mean 'model-unmapped'" in wrong.stderr


def test_warnings_are_counted_by_code_at_the_end(tmp_path: Path) -> None:
    result = run("convert", str(_tree(tmp_path)), "-o", str(tmp_path / "o"), "--to", "gemini")
    last = result.stderr.splitlines()[-2]
    assert last.startswith("warnings by code: ")


@pytest.mark.parametrize(
    ("flag", "env", "coloured"),
    [
        ("always", {}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {}, False),  # not a terminal
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_color_follows_the_flag_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: str, env: dict[str, str], coloured: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run("convert", str(_tree(tmp_path)), "-o", str(tmp_path / "o"), "--to", "gemini",
                 "--color", flag)  # fmt: skip
    assert result.exit_code == 0
    assert ("\033[33mwarning\033[0m[" in result.stderr) is coloured
    assert "warning[" in result.stderr.replace("\033[33m", "").replace("\033[0m", "")
    from converter.cli.report import set_color

    set_color("never")


def test_formats_as_json_lists_every_format() -> None:
    result = run("formats", "--json")
    assert result.exit_code == 0
    listed = {f["name"]: f for f in json.loads(result.stdout)}
    assert {"markdown", "json", "codex", "roo"} <= set(listed)
    assert listed["codex"]["layout"] == ".codex/agents/{name}.toml"
    assert listed["json"]["lossless"] is True


def test_diff_quiet_says_only_by_its_exit_code(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(Path(BASIC).read_text().replace("name:", "name: x", 1))
    same = run("diff", "-q", BASIC, BASIC)
    differs = run("diff", "--quiet", BASIC, str(other))
    assert (same.exit_code, same.stdout) == (0, "")
    assert (differs.exit_code, differs.stdout) == (1, "")


@pytest.mark.parametrize(
    ("target", "output", "written"),
    [
        ("codex", ".codex/agents", ".codex/agents/rev.toml"),
        ("codex", ".codex/agents/", ".codex/agents/rev.toml"),
        ("opencode", ".opencode", ".opencode/agents/rev.md"),
        ("gemini", "out", "out/.gemini/agents/rev.md"),
        ("claude", "proj/.claude", "proj/.claude/agents/rev.md"),
    ],
)
def test_an_output_folder_that_is_the_tools_own_is_not_nested_in_it(
    tmp_path: Path, target: str, output: str, written: str
) -> None:
    # `-o .codex/agents` wrote .codex/agents/.codex/agents/rev.toml, where Codex never looks
    source = tmp_path / "src" / "rev.md"
    source.parent.mkdir()
    source.write_text("---\nname: rev\ndescription: Reviews.\n---\nReview.\n")
    (tmp_path / "src" / "other.md").write_text("---\nname: other\ndescription: O.\n---\nO.\n")
    result = run("convert", str(source.parent), "--to", target, "-o", str(tmp_path / output))
    assert result.exit_code == 0, result.output
    assert (tmp_path / written).is_file()


def test_dash_output_is_stdout_as_dash_input_is_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `-o -` wrote a file named `-` in the working folder
    monkeypatch.chdir(tmp_path)
    result = run("convert", BASIC, "--to", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["tools"] == ["Read", "Grep", "Glob", "Bash(git log:*)"]
    merged = run("merge", str(FAMILY), "--to", "json", "-o", "-")
    assert merged.exit_code == 0, merged.stderr
    assert json.loads(merged.stdout)["name"] == "test-writer"
    assert "wrote" not in merged.stderr
    assert list(tmp_path.iterdir()) == []


def test_control_characters_of_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    # a repository can hold a file named so; printed as it was, the message cleared the
    # terminal and turned it red (git quotes such paths too)
    source = tmp_path / "in"
    source.mkdir()
    (source / "evil\x1b[2J\x1b[31m\u202ered.md").write_text(
        "---\nname: x\ndescription: d\ntools: Nope\n---\nb\n"
    )
    result = run("convert", str(source), "--to", "gemini", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "evil\\x1b[2J\\x1b[31m\\u202ered.md" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def _diff(tmp_path: Path, old: str, new: str):  # type: ignore[no-untyped-def]
    """`agentmorph diff` of two agents written from these texts."""
    (tmp_path / "a.md").write_text(old)
    (tmp_path / "b.md").write_text(new)
    return run("diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"))


def test_diff_shows_where_two_long_values_differ_and_line_ends_apart(tmp_path: Path) -> None:
    """Two descriptions alike in their first 80 characters were shown as the same `...`
    twice; a `\\n` written out in a plain value and a line end looked alike."""
    start = "Reviews pull requests for naming, structure, tests and error handling. Examples:"
    result = _diff(
        tmp_path,
        f"---\nname: x\ndescription: {start}\\n<example>one</example>\n---\nb\n",
        f'---\nname: x\ndescription: "{start}\\n<example>one</example>"\n---\nb\n',
    )
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("description:")]
    before, after = line.removeprefix("description: ").split(" → ")
    assert before != after
    assert before.startswith("...") and before.endswith("Examples:\\n<example>one</example>")
    assert after.endswith("Examples:↵<example>one</example>")


def test_diff_shows_a_changed_item_where_it_changes(tmp_path: Path) -> None:
    head = "---\nname: x\ndescription: d\n---\nYou review code carefully and thoroughly, looking "
    head += "at tests, naming, structure and the"
    result = _diff(
        tmp_path, f"{head} error handling of each path.\n", f"{head} logging of each path.\n"
    )
    assert "the error handling of each path. → ..." in result.stdout
    assert result.stdout.rstrip().endswith("the logging of each path.")


def test_diff_shows_an_agents_control_characters_escaped(tmp_path: Path) -> None:
    old = tmp_path / "a.md"
    old.write_text('---\nname: x\ndescription: "a \\e[31mred"\n---\nb\n')
    new = tmp_path / "b.md"
    new.write_text("---\nname: x\ndescription: other\n---\nb\n")
    result = run("diff", str(old), str(new))
    assert "a \\x1b[31mred" in result.stdout and "\x1b" not in result.stdout


def test_the_top_level_help_shows_examples() -> None:
    # the app's one-line help hid the examples written for it
    result = run("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "agentmorph init && agentmorph sync" in result.stdout


def test_verbose_names_each_file_written_which_a_tool_layout_hides(tmp_path: Path) -> None:
    source = tmp_path / "scout.md"
    source.write_text("---\nname: scout\ndescription: Scouts.\n---\nLook.\n", encoding="utf-8")
    out = tmp_path / "out"
    quiet = RUNNER.invoke(APP, ["convert", str(source), "--to", "codex", "-o", f"{out}/"])
    assert quiet.exit_code == 0 and quiet.output == ""  # silent, as before
    written = out / ".codex" / "agents" / "scout.toml"
    assert written.is_file()
    told = RUNNER.invoke(APP, ["convert", str(source), "--to", "codex", "-o", f"{out}/", "-v",
                               "--force"])  # fmt: skip
    assert told.exit_code == 0
    assert f"wrote: {written} (from {source})" in told.stderr
