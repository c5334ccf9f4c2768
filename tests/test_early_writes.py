"""Outputs written as they come (converter/io/early.py): a batch that replaces nothing writes
each output while later inputs are still converted, and a collision found late takes the
early file back; a batch that may replace files writes nothing before every input is read."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converter.io import batch
from converter.registry import default_registry


def _agent(name: str) -> str:
    return f"---\nname: {name}\ndescription: Reviews {name} changes.\n---\n\nYou review.\n"


def _tree(root: Path, names: list[str]) -> Path:
    source = root / "in"
    source.mkdir()
    for number, name in enumerate(names):
        (source / f"{number:03}.md").write_text(_agent(name), encoding="utf-8")
    return source


def _run(source: Path, out: Path, seen: list[int], **options: Any) -> list[batch.Result]:
    """The batch to Claude Code's layout (one file per agent name); `seen` gets, at each
    input converted, how many outputs exist."""
    registry = default_registry()
    the_plan = batch.plan([str(source)], str(out), registry, check=options.get("check", False))
    settings = batch.Settings(target=registry.get("claude"), **options)

    def tick() -> None:
        seen.append(sum(1 for p in out.rglob("*.md")) if out.exists() else 0)

    return list(batch.run(the_plan, settings, registry, progress=tick))


def test_outputs_are_written_while_later_inputs_are_converted(tmp_path: Path) -> None:
    seen: list[int] = []
    results = _run(_tree(tmp_path, [f"agent-{n}" for n in range(6)]), tmp_path / "out", seen)
    assert [r.status for r in results] == [batch.Status.WRITTEN] * 6
    assert seen == [1, 2, 3, 4, 5, 6]  # each written before the next input is read


@pytest.mark.parametrize("options", [{"force": True}, {"check": True}])
def test_a_batch_that_may_replace_files_writes_after_the_last_input(
    tmp_path: Path, options: dict[str, bool]
) -> None:
    seen: list[int] = []
    _run(_tree(tmp_path, [f"agent-{n}" for n in range(4)]), tmp_path / "out", seen, **options)
    assert seen == [0, 0, 0, 0]


def test_a_late_collision_takes_back_the_file_written_early(tmp_path: Path) -> None:
    # the first and the last input share a name: the first's file exists until the last is
    # converted, then both are refused and the file is gone, as if never written
    names = ["shared", "alpha", "beta", "gamma", "shared"]
    seen: list[int] = []
    out = tmp_path / "out"
    results = _run(_tree(tmp_path, names), out, seen)
    assert seen[:4] == [1, 2, 3, 4]
    statuses = [r.status for r in results]
    assert statuses == [batch.Status.FAILED, *[batch.Status.WRITTEN] * 3, batch.Status.FAILED]
    for result in (results[0], results[-1]):
        assert result.error is not None and "map to the same output" in result.error.message
        assert "000.md" in result.error.message and "004.md" in result.error.message
    assert sorted(p.name for p in out.rglob("*.md")) == ["alpha.md", "beta.md", "gamma.md"]


def test_a_file_there_before_is_never_taken_back(tmp_path: Path) -> None:
    # the first output is refused (a file is there), the last collides with it: the file
    # that was there stays as it was
    out = tmp_path / "out"
    there = out / ".claude" / "agents" / "shared.md"
    there.parent.mkdir(parents=True)
    there.write_text("not ours\n", encoding="utf-8")
    results = _run(_tree(tmp_path, ["shared", "alpha", "shared"]), out, [])
    assert [r.status for r in results][::2] == [batch.Status.FAILED, batch.Status.FAILED]
    assert there.read_text(encoding="utf-8") == "not ours\n"


def test_a_collision_of_every_input_leaves_no_folder_behind(tmp_path: Path) -> None:
    # the folders the early write made go with its file; a folder that was there stays
    out = tmp_path / "out"
    results = _run(_tree(tmp_path, ["shared", "shared"]), out, [])
    assert [r.status for r in results] == [batch.Status.FAILED] * 2
    assert not out.exists()
    (out / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / "again").mkdir()
    _run(_tree(tmp_path / "again", ["shared", "shared"]), out, [])
    assert (out / ".claude" / "agents").is_dir()
    assert not any((out / ".claude" / "agents").iterdir())


def test_an_interrupt_after_a_write_counts_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the interrupt lands once the third file is there, before its result is made
    real = batch.commit
    calls: list[int] = []

    def commit(*args: object, **options: object) -> batch.Result:
        found = real(*args, **options)  # type: ignore[arg-type]
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return found

    monkeypatch.setattr(batch, "commit", commit)
    source = _tree(tmp_path, [f"agent-{n}" for n in range(6)])
    out = tmp_path / "out"
    registry = default_registry()
    the_plan = batch.plan([str(source)], str(out), registry, check=False)
    settings = batch.Settings(target=registry.get("claude"))
    told: list[batch.Result] = []
    with pytest.raises(KeyboardInterrupt):
        told.extend(batch.run(the_plan, settings, registry))
    assert [r.status for r in told] == [batch.Status.WRITTEN] * 3
    assert sorted(Path(r.destination or "").name for r in told) == sorted(
        p.name for p in out.rglob("*.md")
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "a b", "A", "b!"]), min_size=1, max_size=9))
def test_writing_early_gives_what_writing_last_gives(names: list[str]) -> None:
    # any mix of names, colliding or not: the files and results written as they come are
    # those of a batch that writes after its last input (--force into an empty folder)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _tree(root, names)
        early = _run(source, root / "early", [])
        last = _run(source, root / "last", [], force=True)
        assert _seen(early, root / "early") == _seen(last, root / "last")


def _seen(results: list[batch.Result], out: Path) -> tuple[object, ...]:
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    folders = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_dir())
    told = [
        (r.status, r.error.message.replace(str(out), "<out>") if r.error else None) for r in results
    ]
    return files, folders, told, out.exists()


def test_a_refused_output_keeps_no_frames_alive(tmp_path: Path) -> None:
    # a result keeps its error to the end of the batch: with its traceback, the frames of
    # the failed write (the input's text, the agent, the output) lived as long (10,000
    # inputs refused as "output exists" peaked at 228 MB)
    source = _tree(tmp_path, [f"agent-{n}" for n in range(3)])
    _run(source, tmp_path / "out", [])
    again = _run(source, tmp_path / "out", [])
    assert [r.status for r in again] == [batch.Status.FAILED] * 3
    for result in again:
        assert result.error is not None and "output exists" in result.error.message
        assert result.error.__traceback__ is None and result.error.__context__ is None


@pytest.mark.parametrize("options", [{}, {"force": True}])
def test_outputs_that_differ_only_in_case_are_one_output(
    tmp_path: Path, options: dict[str, bool]
) -> None:
    # `QA.md` and `qa.md` are one file on macOS and Windows: a folder of both would lose one
    # there (or git would, checking it out), so on every system neither is written
    out = tmp_path / "out"
    registry = default_registry()
    source = _tree(tmp_path, ["QA", "alpha", "qa"])
    the_plan = batch.plan([str(source)], str(out), registry, check=False)
    settings = batch.Settings(target=registry.get("opencode"), **options)  # keeps the case
    results = list(batch.run(the_plan, settings, registry))
    assert [r.status for r in results] == [
        batch.Status.FAILED, batch.Status.WRITTEN, batch.Status.FAILED,
    ]  # fmt: skip
    message = results[0].error.message if results[0].error else ""
    assert "differ only in case" in message and "QA.md" in message and "qa.md" in message
    assert sorted(p.name for p in out.rglob("*.md")) == ["alpha.md"]


def test_a_clash_of_one_path_and_its_other_case_says_both(tmp_path: Path) -> None:
    # `qa`, `qa` and `QA` (two folders): two write the very same file, which the message
    # said only of paths that differ in case
    registry = default_registry()
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = _tree(tmp_path / "a", ["qa"]), _tree(tmp_path / "b", ["qa", "QA"])
    the_plan = batch.plan([str(first), str(second)], str(tmp_path / "out"), registry, check=False)
    settings = batch.Settings(target=registry.get("opencode"))
    results = list(batch.run(the_plan, settings, registry))
    assert all(r.status is batch.Status.FAILED for r in results)
    message = results[0].error.message if results[0].error else ""
    assert "the same output, or outputs that differ only in case" in message
