"""Inputs that clash (one output path, one Roo mode, one agent name for a tool) each fail
with a message that names a bounded few of the others (converter.errors.several): the
errors of n clashing inputs grow with n, not with n squared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from converter.cli import build_app
from converter.errors import NAMED_IN_A_MESSAGE, both_or_all, none_written, several
from tests.conftest import FIXTURES

RUNNER = CliRunner()
APP = build_app()


def test_several_names_a_few_and_counts_the_rest() -> None:
    assert several(["a"]) == "a"
    assert several(["a", "b"]) == "a and b"
    assert several(["a", "b", "c", "d"]) == "a, b, c and d"
    assert several(["a", "b", "c", "d", "e"]) == "a, b, c and 2 other inputs"
    assert several([f"p{n}" for n in range(2001)], "agents") == "p0, p1, p2 and 1,998 other agents"
    assert several(["a", "b", "c"], first="c") == "c, a and b"
    assert several(["a", "a"], first="a") == "a and a"  # one file named twice
    assert none_written(2) == "neither is written"
    assert none_written(3) == "none of them is written"
    assert (both_or_all(2), both_or_all(3)) == ("both", "all")


@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), min_size=1, unique=True))
def test_several_names_the_first_and_at_most_a_few(shown: list[str]) -> None:
    for first in (None, shown[-1]):
        text = several(shown, first=first)
        assert text.startswith(first if first is not None else shown[0])
        named = [s for s in shown if s in text.replace(",", " ").split()]
        assert len(named) == min(len(shown), NAMED_IN_A_MESSAGE - (len(shown) > 4))
        if len(shown) <= NAMED_IN_A_MESSAGE:
            assert sorted(named) == sorted(shown)  # every one, when they are few
        else:
            assert text.endswith(f" and {len(shown) - NAMED_IN_A_MESSAGE + 1:,} other inputs")


def _agents(folder: Path, count: int, name: str) -> None:
    folder.mkdir()
    for number in range(count):
        text = f"---\nname: {name}\ndescription: Reviews code.\n---\n\nVariant {number}.\n"
        (folder / f"v{number:03}.md").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_many_agents_of_one_name_fail_each_naming_a_few(tmp_path: Path, jobs: str) -> None:
    """300 agents of one name: 300 errors of a bounded length (each was 300 paths long)."""
    _agents(tmp_path / "in", 300, "reviewer")
    out = tmp_path / "out"
    arguments = ["convert", str(tmp_path / "in"), "-o", str(out), "--to", "codex", "--jobs", jobs]
    result = RUNNER.invoke(APP, arguments)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 300
    first = str(tmp_path / "in" / "v000.md")
    assert errors[0].startswith(f"{first}: error: {first}, ")
    assert "and 297 other inputs map to the same output" in errors[0]
    assert errors[0].endswith("none of them is written")
    assert max(len(line) for line in errors) < 600
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint: ")]
    assert len(hints) == 300
    assert hints[0] == (
        "hint: they are 300 variants of one agent: 'agentmorph merge' of those files makes "
        "one agent of them; or rename all but one"
    )
    assert not (out / ".codex").exists() or not any((out / ".codex").rglob("*.toml"))


def test_three_agents_of_one_roo_slug_all_fail_in_plain_english(tmp_path: Path) -> None:
    _agents(tmp_path / "in", 3, "Q&A Bot")
    out = tmp_path / "out"
    result = RUNNER.invoke(APP, ["convert", str(tmp_path / "in"), "-o", f"{out}/", "--to", "roo"])
    assert result.exit_code == 1
    assert result.stderr.count("all write the mode 'q-a-bot'; none of them is written") == 3
    assert " and " in result.stderr and "both write" not in result.stderr


def test_sync_names_a_few_of_many_sources_of_one_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root)
    monkeypatch.chdir(root)
    assert RUNNER.invoke(APP, ["init"]).exit_code == 0
    source = root / ".claude/agents/test-writer.md"
    for number in range(6):
        twin = root / f".claude/agents/team{number}/test-writer.md"
        twin.parent.mkdir()
        shutil.copy(source, twin)
    result = RUNNER.invoke(APP, ["sync", "--target", "codex"])
    assert result.exit_code == 1
    said = [line for line in result.stderr.splitlines() if "are all named 'test-writer'" in line]
    assert len(said) == 1 and "and 4 other inputs are all named" in said[0]
    assert said[0].split(": error: ")[1].count("test-writer.md") == 3
    assert "codex would see 7 agents of one name" in said[0]
    assert "hint: rename all but one of the agents" in result.stderr


def test_three_names_of_one_file_name_are_told_to_rename_all_but_one(tmp_path: Path) -> None:
    """'Q&A Bot', 'Q/A Bot' and 'q-a-bot': three names, one Codex file name."""
    source = tmp_path / "in"
    source.mkdir()
    for file, name in [("a.md", "Q&A Bot"), ("b.md", "Q/A Bot"), ("c.md", "q-a-bot")]:
        (source / file).write_text(f"---\nname: {name}\ndescription: d\n---\nHelp.\n")
    result = RUNNER.invoke(
        APP, ["convert", str(source), "-o", str(tmp_path / "out"), "--to", "codex"]
    )
    hints = {line for line in result.stderr.splitlines() if line.startswith("hint: ")}
    assert result.exit_code == 1
    assert hints == {"hint: rename all but one of the agents, or convert them to separate folders"}
