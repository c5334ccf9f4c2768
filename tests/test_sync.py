"""`init`, `sync` and `import` on a project of our own (fixtures/project), through typer's
runner: what is written, kept, removed and refused, and the configuration's errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from converter.cli import build_app
from converter.diagnostics import Diagnostics
from converter.project.config import ConfigError, load_config
from converter.project.manifest import Entry, Manifest
from converter.registry import default_registry
from tests.conftest import FIXTURES

RUNNER = CliRunner()
APP = build_app()
PROJECT = FIXTURES / "project"
TARGETS = ("codex", "copilot", "cursor", "gemini", "kiro", "opencode", "roo")


def run(*arguments: str):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(APP, list(arguments))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    monkeypatch.chdir(root)
    result = run("init")
    assert result.exit_code == 0, result.stderr
    return root


def _outputs(root: Path) -> dict[str, float]:
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        skipped = (".claude/", "agentmorph.toml", ".agentmorph/cache.json")
        if path.is_file() and not relative.startswith(skipped):
            found[relative] = path.stat().st_mtime_ns
    return found


def test_init_finds_the_layout_and_every_other_tool_becomes_a_target(project: Path) -> None:
    text = (project / "agentmorph.toml").read_text()
    assert 'source = ".claude/agents"' in text
    for target in TARGETS:
        assert f'"{target}"' in text
    assert '"claude"' not in text  # the source's own tool


def test_sync_writes_every_layout_and_each_output_validates(project: Path) -> None:
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    written = _outputs(project)
    assert ".roomodes" in written  # one file for every Roo mode
    for folder, count in [(".codex/agents", 5), (".github/agents", 5), (".kiro/agents", 5)]:
        assert len(list((project / folder).iterdir())) == count
    registry = default_registry()
    for relative in written:
        if relative.startswith(".agentmorph/"):
            continue
        path = project / relative
        fmt = registry.detect(relative, path.read_text())
        assert fmt.name in TARGETS, relative
        for agent in fmt.read_many(path.read_text(), _context(relative)):
            diags = Diagnostics(relative)
            fmt.validate(agent, diags)
            assert not diags.warnings, (relative, [d.render() for d in diags])
    assert "5 source agents → 7 targets: 31 written" in result.stderr


def _context(relative: str):  # type: ignore[no-untyped-def]
    from converter.registry import ReadContext

    return ReadContext(stem=Path(relative).name.split(".")[0])


def test_a_second_sync_writes_nothing(project: Path) -> None:
    assert run("sync").exit_code == 0
    before = _outputs(project)
    again = run("sync")
    assert again.exit_code == 0
    assert _outputs(project) == before  # mtimes unchanged, manifest included
    assert "0 written, 31 unchanged" in again.stderr
    assert run("sync", "--check").exit_code == 0


def test_an_edited_source_makes_check_fail_naming_its_outputs(project: Path) -> None:
    assert run("sync").exit_code == 0
    source = project / ".claude/agents/test-writer.md"
    source.write_text(source.read_text() + "- Keep each test under twenty lines.\n")
    before = _outputs(project)
    check = run("sync", "--check")
    assert check.exit_code == 1
    assert "would write: .codex/agents/test-writer.toml" in check.stderr
    assert "would write: .roomodes" in check.stderr
    assert _outputs(project) == before  # --check writes nothing
    diff = run("sync", "--check", "--diff", "--target", "codex")
    assert "+- Keep each test under twenty lines." in diff.stdout
    assert run("sync").exit_code == 0
    assert run("sync", "--check").exit_code == 0


def test_a_deleted_source_removes_its_outputs(project: Path) -> None:
    assert run("sync").exit_code == 0
    (project / ".claude/agents/docs-editor.md").unlink()
    dry = run("sync", "--dry-run")
    assert "would remove: .codex/agents/docs-editor.toml" in dry.stderr
    assert (project / ".codex/agents/docs-editor.toml").exists()
    assert run("sync").exit_code == 0
    assert not list(project.glob(".*/agents/docs-editor*"))
    assert "docs-editor" not in (project / ".roomodes").read_text()
    manifest = json.loads((project / ".agentmorph/manifest.json").read_text())
    assert not [p for p in manifest["files"] if "docs-editor" in p]


def test_a_run_limited_to_one_target_leaves_the_others_alone(project: Path) -> None:
    assert run("sync").exit_code == 0
    manifest = (project / ".agentmorph/manifest.json").read_bytes()
    source = project / ".claude/agents/code-reviewer.md"
    source.write_text(source.read_text() + "\nAlso check the tests.\n")
    dry = run("sync", "--target", "roo", "--dry-run")
    assert "would remove" not in dry.stderr and "0 to remove" in dry.stderr
    assert run("sync", "--target", "roo").exit_code == 0
    assert "Also check the tests." in (project / ".roomodes").read_text()
    assert (project / ".codex/agents/code-reviewer.toml").exists()
    # the other targets are still recorded as ours: a full run brings them up to date
    after = json.loads((project / ".agentmorph/manifest.json").read_text())["files"]
    assert set(after) == set(json.loads(manifest)["files"])
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    assert "Also check the tests." in (project / ".codex/agents/code-reviewer.toml").read_text()


def test_a_source_that_fails_keeps_what_it_made(project: Path) -> None:
    """A source still there but unreadable this time (a bad edit, a merge conflict) is an
    error; what it made before stays, in every target, until it reads again."""
    assert run("sync").exit_code == 0
    made = sorted(p for p in project.glob(".*/agents/docs-editor*") if ".claude" not in p.parts)
    modes = (project / ".roomodes").read_text()
    assert len(made) == 6 and "docs-editor" in modes
    source = project / ".claude/agents/docs-editor.md"
    text = source.read_bytes()
    source.write_bytes(b"x\x00binary")
    result = run("sync")
    assert result.exit_code == 1
    assert "docs-editor.md" in result.stderr and "NUL" in result.stderr
    assert "removed: " not in result.stderr
    assert all(p.exists() for p in made)
    assert (project / ".roomodes").read_text() == modes
    source.write_bytes(text)
    again = run("sync", "--check")
    assert again.exit_code == 0, again.stderr  # nothing was lost on the way


def test_a_second_source_of_one_name_keeps_the_first_ones_outputs(project: Path) -> None:
    assert run("sync").exit_code == 0
    before = (project / ".codex/agents/test-writer.toml").read_bytes()
    twin = project / ".claude/agents/team/test-writer.md"
    twin.parent.mkdir()
    shutil.copy(project / ".claude/agents/test-writer.md", twin)
    result = run("sync", "--target", "codex")
    assert result.exit_code == 1 and "are both named 'test-writer'" in result.stderr
    assert (project / ".codex/agents/test-writer.toml").read_bytes() == before


def test_a_hand_edited_output_is_reported_and_kept(project: Path) -> None:
    assert run("sync").exit_code == 0
    edited = project / ".gemini/agents/code-reviewer.md"
    edited.write_text(edited.read_text() + "\nMy own note.\n")
    source = project / ".claude/agents/code-reviewer.md"
    source.write_text(source.read_text() + "\nAlso check the tests.\n")
    result = run("sync")
    assert result.exit_code == 1
    assert "refused: .gemini/agents/code-reviewer.md" in result.stderr
    assert "edited by hand" in result.stderr
    assert edited.read_text().endswith("My own note.\n")
    assert "Also check the tests." in (project / ".codex/agents/code-reviewer.toml").read_text()
    # removing its source does not remove it either
    source.unlink()
    assert run("sync").exit_code == 1
    assert edited.exists()
    assert run("sync", "--force").exit_code == 0
    assert not edited.exists()


def test_a_file_agentmorph_did_not_write_is_never_replaced(project: Path) -> None:
    mine = project / ".codex/agents/test-writer.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text('name = "test-writer"\ndescription = "mine"\ndeveloper_instructions = "x"\n')
    result = run("sync")
    assert result.exit_code == 1
    assert "not generated by agentmorph" in result.stderr
    assert "mine" in mine.read_text()
    assert (project / ".codex/agents/code-reviewer.toml").exists()  # the rest is written


def test_two_sources_of_one_name_are_an_error_naming_both(project: Path) -> None:
    twin = project / ".claude/agents/team/test-writer.md"
    twin.parent.mkdir()
    shutil.copy(project / ".claude/agents/test-writer.md", twin)
    result = run("sync", "--target", "codex")
    assert result.exit_code == 1
    assert ".claude/agents/team/test-writer.md" in result.stderr
    assert "and .claude/agents/test-writer.md are both named 'test-writer'" in result.stderr
    assert not (project / ".codex/agents/test-writer.toml").exists()


def test_an_output_folder_linked_out_of_the_project_is_refused(
    project: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".codex").symlink_to(elsewhere)
    result = run("sync", "--target", "codex")
    assert result.exit_code == 1
    assert "would leave" in result.stderr
    assert not list(elsewhere.rglob("*"))


def test_a_fifo_where_an_output_goes_is_an_error_not_a_hang(project: Path) -> None:
    folder = project / ".codex/agents"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "test-writer.toml")
    result = run("sync", "--target", "codex")
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr


def test_include_and_exclude_choose_the_sources(project: Path) -> None:
    config = project / "agentmorph.toml"
    config.write_text(config.read_text() + 'exclude = ["release-*"]\n')
    assert run("sync", "--target", "codex").exit_code == 0
    assert not (project / ".codex/agents/release-manager.toml").exists()
    assert (project / ".codex/agents/code-reviewer.toml").exists()


def test_a_model_override_and_ignored_codes(project: Path) -> None:
    config = project / "agentmorph.toml"
    config.write_text(
        config.read_text()
        + 'ignore = ["model-unmapped"]\n\n[target.codex]\nmodels = { sonnet = "gpt-5.5" }\n'
    )
    result = run("sync", "--target", "codex,gemini")
    assert result.exit_code == 0, result.stderr
    assert 'model = "gpt-5.5"' in (project / ".codex/agents/code-reviewer.toml").read_text()
    assert "model-unmapped" not in result.stderr


def test_strict_writes_nothing_on_a_warning(project: Path) -> None:
    result = run("sync", "--strict")
    assert result.exit_code == 3
    assert not (project / ".codex").exists()


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('source = ".claude/agents"\ntargets = ["codex"]\ncolour = 1\n', ":3:1", "unknown key"),
        ('targets = ["codex", "vscode"]\n', ":1:1", "'vscode' is not a tool target"),
        ('targets = ["codex"]\n\n[target.codex]\nsection = "xml"\n', ":4:1", "unknown key"),
        ('targets = ["codex"]\nignore = ["no-such-code"]\n', ":2:1", "unknown diagnostic code"),
        ('targets = ["codex"\n', ":1:19", "not valid TOML"),
        ('targets = "codex"\n', ":1:1", "must be a list"),
        # tomllib recurses per level: this ended in a traceback
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "", "nested deeper than the TOML"),
    ],
)
def test_configuration_errors_carry_path_line_and_column(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = tmp_path / "agentmorph.toml"
    path.write_text(text)
    names = {"codex": "codex", "gemini": "gemini"}
    with pytest.raises(ConfigError) as caught:
        load_config(path, tool_targets=names, codes=frozenset({"model-unmapped"}))
    assert f"{path}{where}" in caught.value.render()
    assert message in caught.value.render()


@pytest.mark.parametrize("source", ["/etc", "../elsewhere", "agents/../../elsewhere", "out"])
def test_a_source_outside_the_project_is_refused(tmp_path: Path, source: str) -> None:
    # a configuration that came with a repository made sync read the user's files from
    # elsewhere into the project (an absolute path also ended in a traceback)
    root = tmp_path / "project"
    (root / "agents").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "out").symlink_to(tmp_path / "elsewhere")  # a link that leads out
    path = root / "agentmorph.toml"
    path.write_text(f'source = "{source}"\ntargets = ["codex"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, tool_targets={"codex": "codex"}, codes=frozenset())
    assert f"{path}:1:1" in caught.value.render() and "outside the project" in caught.value.render()


def test_the_configuration_may_live_in_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    shutil.copytree(PROJECT, root)
    (root / "pyproject.toml").write_text('[project]\nname = "p"\n')
    monkeypatch.chdir(root)
    assert run("init", "--pyproject", "--targets", "codex").exit_code == 0
    assert "[tool.agentmorph]" in (root / "pyproject.toml").read_text()
    assert run("sync").exit_code == 0
    assert (root / ".codex/agents/code-reviewer.toml").exists()
    assert not (root / ".gemini").exists()


def test_sync_without_configuration_says_how_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("sync")
    assert result.exit_code == 2
    assert "agentmorph init" in result.stderr


def test_import_merges_one_agent_found_in_three_tools(project: Path) -> None:
    assert run("sync", "--target", "codex,gemini,copilot").exit_code == 0
    shutil.rmtree(project / ".claude")
    (project / "agentmorph.toml").unlink()
    (project / ".agentmorph/manifest.json").unlink()
    assert run("init").exit_code == 0
    result = run("import")
    assert result.exit_code == 0, result.stderr
    imported = sorted(p.name for p in (project / ".agents").iterdir())
    assert imported == sorted(p.name for p in PROJECT.joinpath(".claude/agents").iterdir())
    assert "merged from .codex/agents/code-reviewer.toml" in result.stderr
    from converter import load

    original = load(PROJECT / ".claude/agents/release-manager.md")
    again = load(project / ".agents/release-manager.md")
    assert again.instructions == original.instructions
    # what the three tools read, united: a restricted list, never widened to every tool
    # (Codex has no tool list; its variant adds none)
    assert again.tools is not None and {"Read", "Edit"} <= set(again.tools)
    # the model Copilot runs, read back as the alias: Copilot CLI 1.0.102 offers the very
    # model Claude Code's `opus` runs (Claude Opus 5.5), as OpenCode's catalog does
    assert original.model == "opus" and again.model == "opus"
    # the tools' files now match what .agents makes: sync adopts them and writes the rest
    # the tool files it read are kept: where the merged agent writes them differently,
    # sync refuses until --force says so
    result = run("sync")
    assert result.exit_code == 1
    assert "not generated by agentmorph" in result.stderr
    assert (project / ".claude/agents/release-manager.md").exists()  # the new layouts are written
    assert run("sync", "--force").exit_code == 0
    assert run("sync", "--check").exit_code == 0
    assert run("import").exit_code == 0  # again: nothing changes


def test_sync_writes_what_convert_writes(project: Path, tmp_path: Path) -> None:
    """So what `make conformance` judges (convert's output, in each tool's loader) is what
    sync writes."""
    assert run("sync").exit_code == 0
    for target in TARGETS:
        out = tmp_path / f"convert-{target}"
        result = run("convert", ".claude/agents", "-o", str(out), "--to", target)
        assert result.exit_code == 0, result.stderr
        for made in out.rglob("*"):
            if made.is_file():
                relative = made.relative_to(out).as_posix()
                assert made.read_bytes() == (project / relative).read_bytes(), relative


def test_two_modes_of_one_name_are_named_and_the_others_written(project: Path) -> None:
    twin = project / ".claude/agents/team/test-writer.md"
    twin.parent.mkdir()
    shutil.copy(project / ".claude/agents/test-writer.md", twin)
    result = run("sync", "--target", "roo")
    assert result.exit_code == 1
    assert "are both named 'test-writer'" in result.stderr
    modes = (project / ".roomodes").read_text()
    assert "slug: code-reviewer" in modes and "slug: test-writer" not in modes


def test_two_names_of_one_roo_slug_are_named_and_the_others_written(project: Path) -> None:
    """Roo files a mode under its slug: "Q&A Bot" and "Q/A Bot" are both 'q-a-bot'."""
    for file, name in [("amp.md", "Q&A Bot"), ("slash.md", "Q/A Bot")]:
        (project / ".claude/agents" / file).write_text(
            f"---\nname: {name}\ndescription: d\n---\nHelp.\n"
        )
    result = run("sync", "--target", "roo")
    assert result.exit_code == 1
    assert "are both named 'q-a-bot'" in result.stderr
    assert "already has a mode" not in result.stderr
    modes = (project / ".roomodes").read_text()
    assert "slug: code-reviewer" in modes and "q-a-bot" not in modes


def test_a_file_of_many_agents_names_a_few_sources_unless_verbose(project: Path) -> None:
    for number in range(6):
        (project / ".claude/agents" / f"extra-{number}.md").write_text(
            f"---\nname: extra-{number}\ndescription: d\n---\nHelp.\n"
        )
    result = run("sync", "--target", "roo", "--dry-run")
    line = next(x for x in result.stderr.splitlines() if x.startswith("would write: .roomodes"))
    assert line.count(".claude/agents/") == 3
    assert " more (--verbose lists them))" in line
    verbose = run("sync", "--target", "roo", "--dry-run", "--verbose")
    line = next(x for x in verbose.stderr.splitlines() if x.startswith("would write: .roomodes"))
    assert line.count(".claude/agents/") >= 8 and "more" not in line


def test_a_run_where_nothing_changed_converts_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("sync").exit_code == 0
    from converter.project import outputs

    def refuse(*arguments: object) -> None:
        raise AssertionError("converted again")

    monkeypatch.setattr(outputs, "convert_one", refuse)
    again = run("sync")
    assert again.exit_code == 0, again.stderr
    assert "0 written, 31 unchanged" in again.stderr
    assert "warning[model-unmapped]" in again.stderr  # the diagnostics are remembered too


def test_the_cache_never_vouches_for_an_edited_output(project: Path) -> None:
    assert run("sync").exit_code == 0
    edited = project / ".kiro/agents/test-writer.json"
    edited.write_text(edited.read_text().replace("unit tests", "tests"))
    result = run("sync")
    assert result.exit_code == 1
    assert "refused: .kiro/agents/test-writer.json" in result.stderr
    (project / ".agentmorph/cache.json").write_text("{not json")
    damaged = run("sync", "--force")
    assert damaged.exit_code == 0, damaged.stderr
    assert "unit tests" in edited.read_text()


def test_outputs_keep_the_source_file_name_where_the_tool_reads_the_name_inside(
    project: Path,
) -> None:
    source = project / ".claude/agents/test-writer.md"
    source.rename(project / ".claude/agents/unit-tests.md")
    text = (project / ".claude/agents/unit-tests.md").read_text()
    (project / ".claude/agents/unit-tests.md").write_text(
        text.replace("name: test-writer", "name: Test Writer")
    )
    assert run("sync", "--target", "copilot,codex,opencode").exit_code == 0
    assert (project / ".github/agents/unit-tests.agent.md").exists()  # Copilot: name inside
    assert (project / ".codex/agents/unit-tests.toml").exists()
    assert (project / ".opencode/agents/Test Writer.md").exists()  # OpenCode: name = file


def test_two_files_of_one_agent_name_are_refused_for_every_tool(project: Path) -> None:
    other = project / ".claude/agents/other.md"
    other.write_text((project / ".claude/agents/test-writer.md").read_text())
    result = run("sync", "--target", "copilot")
    assert result.exit_code == 1
    assert (
        ".claude/agents/other.md and .claude/agents/test-writer.md are both named" in result.stderr
    )
    assert not (project / ".github/agents/other.agent.md").exists()
    assert not (project / ".github/agents/test-writer.agent.md").exists()


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)


@given(
    st.dictionaries(
        _TEXT, st.tuples(_TEXT, _TEXT, st.lists(_TEXT, max_size=3).map(tuple)), max_size=4
    )
)
def test_manifest_bytes_are_what_json_writes(
    files: dict[str, tuple[str, str, tuple[str, ...]]],
) -> None:
    """The manifest is written by hand for speed: byte for byte what json.dumps writes."""
    manifest = Manifest({path: Entry(*entry) for path, entry in files.items()})
    document = {
        "version": 1,
        "generator": "agentmorph",
        "files": {
            path: {"sha256": e.sha256, "target": e.target, "sources": list(e.sources)}
            for path, e in sorted(manifest.files.items())
        },
    }
    expected = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert manifest.to_bytes() == expected.encode("utf-8")


def _age_checks(project: Path, seconds: int) -> None:
    """Make every recorded check look `seconds` later than it was (instead of waiting)."""
    path = project / ".agentmorph/cache.json"
    document = json.loads(path.read_text())
    for row in document["checked"].values():
        row[5] += seconds * 1_000_000_000
    path.write_text(json.dumps(document))


def test_outputs_whose_status_is_unchanged_are_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from converter.project import outputs

    assert run("sync").exit_code == 0
    assert run("sync").exit_code == 0  # reads and hashes each output, records its status
    checked = json.loads((project / ".agentmorph/cache.json").read_text())["checked"]
    assert len(checked) == 30  # every output but .roomodes (made again from its parts)
    _age_checks(project, 10)
    read: list[str] = []
    real = outputs.textio.read_bytes
    monkeypatch.setattr(
        outputs.textio, "read_bytes", lambda path, *rest: read.append(str(path)) or real(path)
    )
    again = run("sync")
    assert again.exit_code == 0, again.stderr
    assert "0 written, 31 unchanged" in again.stderr
    others = {Path(p).name for p in read if ".claude/agents/" not in p}
    assert others == {"cache.json", "manifest.json", ".roomodes"}  # no output file is read


def test_a_status_that_changed_never_vouches(project: Path) -> None:
    assert run("sync").exit_code == 0
    assert run("sync").exit_code == 0
    _age_checks(project, 10)
    # An edit that keeps the size and the modification time: its change time still moves.
    edited = project / ".kiro/agents/test-writer.json"
    before = edited.stat()
    edited.write_text(edited.read_text().replace("unit tests", "unit-tests"))
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert edited.stat().st_size == before.st_size
    result = run("sync")
    assert result.exit_code == 1
    assert "refused: .kiro/agents/test-writer.json" in result.stderr


def test_a_status_taken_just_after_a_change_never_vouches(tmp_path: Path) -> None:
    """A change within the file system's time granularity after a check could leave every
    time as it was: only a file last changed well before its check is trusted (git's
    racy-clean rule)."""
    from converter.project.cache import RACY_NS, Cache

    path = tmp_path / "out.md"
    path.write_text("text")
    status = os.stat(path)
    changed = max(status.st_mtime_ns, status.st_ctime_ns)
    for since, trusted in ((changed + 1, False), (changed + RACY_NS + 1, True)):
        cache = Cache(tmp_path, "stamp")
        cache.checked_now("out.md", status, since)
        cache.checked = cache.fresh_checked
        assert cache.unchanged("out.md", os.stat(path)) is trusted


_LIGHT = """
import sys
from converter.cli import main
sys.argv = ["agentmorph", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
print("typer" in sys.modules, "yaml" in sys.modules, code)
"""


def _light(project: Path, *arguments: str) -> tuple[list[str], str]:
    """(what _LIGHT printed, stderr) of `agentmorph ARGUMENTS` through the real entry point."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _LIGHT, *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.split(), done.stderr


def test_a_sync_with_nothing_changed_loads_neither_typer_nor_yaml(project: Path) -> None:
    """pre-commit runs `sync --check` on every commit: it is parsed without typer, and the
    cache spares every conversion, so no YAML is read or written; it says what typer says."""
    assert run("sync").exit_code == 0
    typer_said = run("sync", "--check")
    printed, stderr = _light(project, "sync", "--check")
    assert printed == ["False", "False", "0"], stderr
    assert stderr == typer_said.stderr
    printed, _ = _light(project, "sync", "--no-such-option")
    assert printed[-1] == "2"  # typer's usage error, as before


def test_init_and_import_find_every_folder_a_tool_reads_agents_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Amazon Q CLI's `.amazonq/cli-agents` (the kiro target reads it) and VS Code's
    # `.github/chatmodes` (copilot) were passed over: import left their agents behind
    (tmp_path / ".amazonq/cli-agents").mkdir(parents=True)
    (tmp_path / ".amazonq/cli-agents/q-helper.json").write_text(
        '{"name": "q-helper", "description": "Helps.", "prompt": "Help.", "tools": ["fs_read"]}'
    )
    (tmp_path / ".github/chatmodes").mkdir(parents=True)
    (tmp_path / ".github/chatmodes/planner.chatmode.md").write_text(
        "---\ndescription: Plans.\ntools: ['search']\n---\nPlan.\n"
    )
    # OpenCode's older folder, agents in folders inside it too
    (tmp_path / ".opencode/agent/team").mkdir(parents=True)
    (tmp_path / ".opencode/agent/team/tester.md").write_text(
        "---\ndescription: Tests.\nmode: subagent\n---\nTest.\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert ".amazonq/cli-agents (kiro, 1 file)" in result.stderr
    assert ".github/chatmodes (copilot, 1 file)" in result.stderr
    assert ".opencode/agent (opencode, 1 file)" in result.stderr
    result = run("import")
    assert result.exit_code == 0, result.stderr
    imported = sorted(
        str(p.relative_to(tmp_path / ".agents")) for p in (tmp_path / ".agents").rglob("*.md")
    )
    assert imported == ["planner.md", "q-helper.md", "tester.md"]


def test_a_manifest_cannot_make_sync_remove_a_file_outside_its_targets_layouts(
    project: Path, tmp_path: Path
) -> None:
    # the manifest is a file of the repository: one naming main.py or .git/config with
    # their hashes (or a file behind a link out of the project) made sync delete them
    import hashlib
    import json

    assert run("sync", "--target", "codex").exit_code == 0
    (project / "main.py").write_text("code\n")
    (project / ".git").mkdir(exist_ok=True)
    (project / ".git" / "config").write_text("[core]\n")
    (project / ".codex" / "agents" / "notes.txt").write_text("mine\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "kept.toml").write_text("x\n")
    (project / ".codex" / "agents" / "out").symlink_to(outside)
    manifest = json.loads((project / ".agentmorph/manifest.json").read_text())
    for name in (
        "main.py",
        ".git/config",
        ".codex/agents/notes.txt",
        ".codex/agents/out/kept.toml",
    ):
        data = (project / name).read_bytes()
        manifest["files"][name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "target": "codex",
            "sources": [".agents/gone.md"],
        }
    (project / ".agentmorph/manifest.json").write_text(json.dumps(manifest))
    result = run("sync", "--target", "codex")
    assert result.exit_code == 0, result.stderr
    assert "removed" not in result.stderr.replace("0 removed", "")
    for name in ("main.py", ".git/config", ".codex/agents/notes.txt"):
        assert (project / name).exists(), name
    assert (outside / "kept.toml").exists()


def test_a_manifest_nested_past_pythons_limit_is_refused_not_a_traceback(project: Path) -> None:
    assert run("sync").exit_code == 0
    deep = "[" * 100_000 + "]" * 100_000
    (project / ".agentmorph/manifest.json").write_text(deep)
    result = run("sync")
    assert result.exit_code == 1 and "not an agentmorph manifest" in result.stderr
    assert not isinstance(result.exception, RecursionError)
