"""--jobs: a batch converted by worker processes gives the same files, results and order as
one process, including failures, collisions, --strict and --check, even when a worker dies
(interrupts: tests/test_safety.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from converter import dumps, load, loads
from converter.cli import build_app
from converter.io import background, batch, parallel
from converter.io.background import in_background
from converter.merging import MergeOptions, Variant, body, merge, spread
from converter.registry import default_registry
from tests.conftest import FIXTURES, SHARED

pytestmark = pytest.mark.skipif(not parallel.available(), reason="no safe fork on this system")

#: the real threshold, for the test that runs the command itself
THRESHOLD = parallel.MIN_INPUTS


@pytest.fixture(autouse=True)
def _small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process batches use workers from 40 inputs, so the trees stay small and fast."""
    monkeypatch.setattr(parallel, "MIN_INPUTS", 40)


def _wait_for_a_worker(marker: Path, parent: int) -> None:
    """In a worker: say it works. In this process: wait a little while no worker has yet,
    so that a worker takes tasks even on a loaded machine (the tests need one to)."""
    if os.getpid() != parent:
        marker.touch()
    elif not marker.exists():
        time.sleep(0.005)


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers forked while the test runs (os.fork watched; this process sees them)."""
    found: list[int] = []
    real = os.fork

    def spy() -> int:
        pid = real()
        found.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", spy)
    return found


RUNNER = CliRunner()
APP = build_app()
AGENTMORPH = [sys.executable, "-m", "converter"]
#: inputs of every kind: clean, repaired, warnings, bare prompts, unreadable, several agents
KINDS = [
    FIXTURES / "markdown" / "basic.md",
    FIXTURES / "markdown" / "color-comment.md",
    FIXTURES / "markdown" / "no-frontmatter.md",
    FIXTURES / "markdown" / "no-name.md",  # named by its file: a unique name in every copy
    FIXTURES / "markdown" / "duplicate-keys.md",
    FIXTURES / "invalid" / "binary.md",
    FIXTURES / "invalid" / "alias-bomb.md",
    FIXTURES / "roo" / "team.roomodes",
]


def _tree(root: Path, count: int) -> Path:
    """`count` inputs cycling through KINDS, in nested folders."""
    source = root / "in"
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        folder = source / f"group-{number % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        name = kind.name if kind.suffix == ".roomodes" else f"{number:03}-{kind.name}"
        shutil.copyfile(
            kind, folder / (f"{number:03}{name}" if kind.suffix == ".roomodes" else name)
        )
    return source


def _run(
    source: Path, out: Path, to: str, workers: int, **options: bool
) -> tuple[list[tuple[object, ...]], dict[str, bytes]]:
    registry = default_registry()
    the_plan = batch.plan([str(source)], str(out), registry, check=options.get("check", False))
    settings = batch.Settings(target=registry.get(to), **options)
    results = [
        (
            r.job.shown,
            r.status,
            r.destination and str(Path(r.destination).relative_to(out)),
            tuple(d.render() for d in r.diagnostics),
            r.error.render().replace(str(out), "<out>") if r.error else None,
        )
        for r in batch.run(the_plan, settings, registry, workers=workers)
    ]
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return results, files


@pytest.mark.parametrize(
    ("to", "options"),
    [
        ("json", {}),
        ("claude", {}),  # a tool layout: agents sharing a name claim one output
        ("toml", {"strict": True}),
        ("markdown", {"normalize": True}),
    ],
)
def test_workers_give_what_one_process_gives(
    tmp_path: Path, to: str, options: dict[str, bool], forked: list[int]
) -> None:
    source = _tree(tmp_path, parallel.MIN_INPUTS + 30)
    alone = _run(source, tmp_path / "one", to, 1, **options)
    assert not forked  # one process
    shared = _run(source, tmp_path / "many", to, 3, **options)
    assert len(forked) == 2  # two workers beside this process
    assert shared == alone
    statuses = {result[1] for result in alone[0]}
    assert batch.Status.FAILED in statuses  # the batch really holds failures
    assert batch.Status.WRITTEN in statuses or batch.Status.REFUSED in statuses


def test_collisions_are_refused_for_the_whole_plan_before_writing(tmp_path: Path) -> None:
    source = _tree(tmp_path, parallel.MIN_INPUTS + 10)
    results, files = _run(source, tmp_path / "out", "claude", 2)
    collided = [r for r in results if r[4] and "map to the same output" in r[4]]
    assert collided
    # every input of a collision is refused, so none of their outputs exists
    assert not any(r[1] == batch.Status.WRITTEN for r in collided)
    written = [r for r in results if r[1] == batch.Status.WRITTEN]
    assert len({r[2] for r in written}) == len(written)
    assert set(files) == {r[2] for r in written}


def test_check_mode_with_workers_reads_what_is_there(tmp_path: Path) -> None:
    source = _tree(tmp_path, parallel.MIN_INPUTS + 5)
    out = tmp_path / "out"
    _run(source, out, "json", 2)
    first, _ = _run(source, out, "json", 2, check=True)
    again, _ = _run(source, out, "json", 1, check=True)
    assert first == again
    assert {r[1] for r in first} >= {batch.Status.UNCHANGED}


def test_small_batches_start_no_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise AssertionError("workers started for a small batch")

    monkeypatch.setattr(os, "fork", refuse)
    source = _tree(tmp_path, parallel.MIN_INPUTS - 1)
    results, files = _run(source, tmp_path / "out", "json", 4)
    assert files and len(results) >= parallel.MIN_INPUTS - 1


@pytest.mark.parametrize("value", ["0", "-2", "many", "1.5"])
def test_bad_jobs_values_are_usage_errors(value: str) -> None:
    result = RUNNER.invoke(
        APP, ["convert", str(KINDS[0]), "--to", "json", "--jobs", value], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "--jobs takes a number" in result.stderr


def test_jobs_through_the_fast_path(tmp_path: Path) -> None:
    source = _tree(tmp_path, THRESHOLD + 1)  # a separate process: the real threshold
    done = subprocess.run(
        [
            *AGENTMORPH,
            "convert",
            str(source),
            "-o",
            str(tmp_path / "out"),
            "--to",
            "json",
            "-j",
            "2",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1  # the unreadable inputs
    assert "Traceback" not in done.stderr
    written = list((tmp_path / "out").rglob("*.json"))
    assert len(written) > THRESHOLD // 2


def test_every_error_survives_the_trip_from_a_worker() -> None:
    import inspect
    import pickle

    from converter import errors

    classes = [
        c
        for c in vars(errors).values()
        if inspect.isclass(c) and issubclass(c, errors.ConverterError)
    ]
    assert len(classes) >= 8
    for cls in classes:
        if cls is errors.UnknownFormatError:
            error: errors.ConverterError = cls("jsn", ["json", "toml"])
        else:
            error = cls("message", span=errors.SourceSpan("a.md", 3, 4), hint="a hint")
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is cls
        assert again.render() == error.render()


def test_a_worker_that_dies_does_not_hang_or_lose_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = batch.prepare

    def dies(job: batch.Job, *args: object) -> object:
        _wait_for_a_worker(tmp_path / "died", parent)
        if os.getpid() != parent:
            os._exit(9)  # as if killed: no exception, no result
        return real(job, *args)  # type: ignore[arg-type]

    source = _tree(tmp_path, parallel.MIN_INPUTS * 3)
    alone = _run(source, tmp_path / "one", "json", 1)
    monkeypatch.setattr(batch, "prepare", dies)
    shared = _run(source, tmp_path / "many", "json", 3)
    assert shared == alone  # what the workers took, this process converted
    assert (tmp_path / "died").exists()  # a worker (not this process) really took inputs


def test_a_result_cut_short_is_converted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed while it sends: the part that came is dropped, not misread."""
    monkeypatch.setattr(parallel, "CHUNK", 4)
    parent = os.getpid()
    real_write = parallel.write_all

    def cut(fd: int, data: bytes) -> None:
        if os.getpid() != parent and len(data) > 20:
            real_write(fd, data[: len(data) // 2])
            (tmp_path / "cut").touch()
            os._exit(9)
        real_write(fd, data)

    def work(number: int) -> list[int]:
        _wait_for_a_worker(tmp_path / "worked", parent)
        return [number * number]

    monkeypatch.setattr(parallel, "write_all", cut)
    found = [n for part in parallel.map_in_order(200, work, 2) for n in part]
    assert found == [n * n for n in range(200)]
    assert (tmp_path / "cut").exists()


def test_results_come_in_order_from_every_process(tmp_path: Path) -> None:
    parent = os.getpid()

    def work(number: int) -> list[tuple[int, int]]:
        _wait_for_a_worker(tmp_path / "worked", parent)
        return [(number, os.getpid())]

    found = [item for part in parallel.map_in_order(600, work, 3) for item in part]
    assert [number for number, _ in found] == list(range(600))
    pids = {pid for _, pid in found}
    assert os.getpid() in pids and len(pids) >= 2  # this process and at least one worker
    assert len(pids) <= 3


def test_auto_uses_the_cpus_up_to_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert parallel.default_workers() == parallel.MAX_AUTO_WORKERS
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert parallel.default_workers() == 2


def test_no_process_to_fork_converts_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # EAGAIN: a limit

    monkeypatch.setattr(os, "fork", refuse)
    found = [n for part in parallel.map_in_order(300, lambda n: [n + 1], 4) for n in part]
    assert found == [n + 1 for n in range(300)]


def _variants_of(text: str, count: int, seed: int) -> list[Variant]:
    """`count` copies of an agent, each lacking some lines and with some words swapped."""
    import random

    lines = text.splitlines(keepends=True)
    fence = lines.index("---\n", 1) + 1 if lines and lines[0] == "---\n" else 0
    words = sorted({w for line in lines[fence:] for w in line.split() if w.isalpha()})
    chance = random.Random(seed)
    found = []
    for number in range(count):
        body = []
        for line in lines[fence:]:
            roll = chance.random()
            if line.lstrip().startswith(("-", "*")) and roll < 0.2:
                continue
            if line.strip() and roll < 0.5 and words:
                parts = line.split(" ")
                parts[chance.randrange(len(parts))] = chance.choice(words)
                line = " ".join(parts).rstrip("\n") + "\n"
            body.append(line)
        agent = loads("".join(lines[:fence] + body), format="markdown")
        found.append(Variant(f"v{number}.md", agent))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_merge_spread_over_processes_is_the_merge_of_one(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in [FIXTURES / "family" / "qa-tests.md"])
    extra = "\n".join(
        f"## Part {n}\n\n" + "".join(f"- Check rule {n}.{k} of the suite\n" for k in range(9))
        for n in range(12)
    )
    variants = _variants_of(text + "\n" + extra, 12, seed)
    alone = merge(variants, MergeOptions(jobs=1))
    assert not forked  # one process
    monkeypatch.setattr(spread, "PARALLEL_ITEMS", 0)
    real_cluster, real_unpack = body._cluster, spread._unpack
    sent: list[object] = []

    parent = os.getpid()

    def slow(*args: Any) -> Any:
        _wait_for_a_worker(tmp_path / "worked", parent)
        return real_cluster(*args)

    def unpack(per: Any, found: Any) -> Any:
        sent.extend(n for n in found if isinstance(n, tuple))  # came from a worker
        return real_unpack(per, found)

    monkeypatch.setattr(body, "_cluster", slow)
    monkeypatch.setattr(spread, "_unpack", unpack)
    spread_out = merge(variants, MergeOptions(jobs=3))
    assert len(forked) == 2 and sent  # workers really clustered sections
    assert spread_out == alone
    assert dumps(spread_out.agent, "markdown") == dumps(alone.agent, "markdown")


@pytest.mark.corpus
def test_the_seeds_merge_the_same_in_several_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    variants = [Variant(p.name, load(p, format="markdown")) for p in seeds]
    alone = merge(variants, MergeOptions(jobs=1))
    monkeypatch.setattr(spread, "PARALLEL_ITEMS", 0)
    assert merge(variants, MergeOptions(jobs=2)) == alone


def test_a_process_with_another_thread_forks_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    def refuse() -> int:
        raise AssertionError("forked beside a running thread")

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        monkeypatch.setattr(os, "fork", refuse)
        found = [n for part in parallel.map_in_order(300, lambda n: [n], 4) for n in part]
        assert found == list(range(300))
        assert list(parallel.map_lazily(5, lambda n: n * 2, 4)) == [0, 2, 4, 6, 8]
    finally:
        stop.set()
        other.join()


def test_lazily_gives_every_result_in_order_while_the_workers_go_on(forked: list[int]) -> None:
    """What a worker sent while the caller used a result is given before this process takes
    another task: a merge's chooser keeps up with the workers that cluster for it."""
    parent = os.getpid()
    events: list[tuple[str, int]] = []

    def work(number: int) -> int:
        time.sleep(0.02)
        if os.getpid() == parent:
            events.append(("ran", number))
        return number * 3

    got = []
    for result in parallel.map_lazily(100, work, 2):
        events.append(("got", result // 3))
        got.append(result)
        if len(got) == 1:
            time.sleep(0.5)  # the worker does several tasks meanwhile, not all
    assert got == [n * 3 for n in range(100)]
    assert len(forked) == 1
    first = events.index(("got", 0))
    assert events[first + 1] == ("got", 1)  # the worker's, not a task run here first


def test_lazily_stopped_early_stops_its_workers(forked: list[int]) -> None:
    def work(number: int) -> int:
        time.sleep(0.01)
        return number

    with closing(parallel.map_lazily(200, work, 3)) as results:
        assert next(results) == 0
    assert len(forked) == 2
    for pid in forked:  # reaped: none is left running or a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_lazily_in_one_process_computes_on_demand() -> None:
    done: list[int] = []
    results = parallel.map_lazily(5, lambda n: done.append(n) or n, 1)
    assert next(results) == 0 and done == [0]
    assert list(results) == [1, 2, 3, 4]


def test_in_background_sends_each_result_as_it_is_done(forked: list[int]) -> None:
    parent = os.getpid()
    with in_background(lambda: os.getpid(), lambda: [n * n for n in range(5)]) as early:
        assert early.result(0) == forked[0] != parent
        assert early.result(1) == [0, 1, 4, 9, 16]
        assert early.result(0) == forked[0]  # asked again: the same
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # reaped


def test_in_background_computes_here_what_a_dead_worker_did_not_send(
    forked: list[int],
) -> None:
    import signal

    parent = os.getpid()

    def second() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    with in_background(lambda: os.getpid(), second) as early:
        assert early.result(0) == forked[0]  # sent before the worker died
        assert early.result(1) == parent  # computed here
    assert len(forked) == 1


def test_in_background_given_up_stops_its_worker(forked: list[int]) -> None:
    with in_background(lambda: time.sleep(30)):
        pass  # never asked: the worker is stopped, not waited for
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)


def test_in_background_without_a_safe_fork_computes_here(
    monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    monkeypatch.setattr(background, "available", lambda: False)
    with in_background(lambda: os.getpid()) as early:
        assert early.result(0) == os.getpid()
    assert not forked


@pytest.mark.parametrize("prefer", [None, "v3.md"])
def test_a_merge_whose_base_and_items_a_worker_found_is_the_merge_of_one(
    prefer: str | None, monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    text = (FIXTURES / "family" / "qa-tests.md").read_text(encoding="utf-8")
    variants = _variants_of(text, 12, 5)
    alone = merge(variants, MergeOptions(jobs=1, prefer=prefer))
    monkeypatch.setattr(spread, "EARLY_CHARS", 0)
    asked: list[int] = []
    real = background.Background.result

    def result(self: background.Background, number: int) -> Any:
        asked.append(number)
        return real(self, number)

    monkeypatch.setattr(background.Background, "result", result)
    early = merge(variants, MergeOptions(jobs=2, prefer=prefer))
    assert len(forked) == 1  # the worker that found the base and split the sections (too
    # few items to cluster in workers)
    assert asked == ([0, 1, 2] if prefer is None else [1, 2])  # a base given is not looked for
    assert early == alone
    assert dumps(early.agent, "markdown") == dumps(alone.agent, "markdown")


def test_a_merge_whose_early_worker_dies_before_the_facts_is_the_merge_of_one(
    monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    import signal

    from converter.merging import meaning

    text = (FIXTURES / "family" / "qa-tests.md").read_text(encoding="utf-8")
    variants = _variants_of(text, 12, 6)
    alone = merge(variants, MergeOptions(jobs=1))
    monkeypatch.setattr(spread, "EARLY_CHARS", 0)
    parent, real = os.getpid(), spread.distinct_items

    def dying(split: Any) -> Any:  # the facts' work: the worker dies before it sends them
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(split)

    monkeypatch.setattr(spread, "distinct_items", dying)
    primed: list[object] = []
    monkeypatch.setattr(body, "prime_facts", primed.append)
    early = merge(variants, MergeOptions(jobs=2))
    assert len(forked) == 1 and not primed  # nothing primed: facts worked out as asked
    assert early == alone
    assert meaning.facts("Uses Redis 7") == frozenset({"redis", "7"})


def test_a_semantic_merge_starts_no_early_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from converter.merging.outline import tree
    from converter.prompt import sections

    monkeypatch.setattr(spread, "EARLY_CHARS", 0)
    text = (FIXTURES / "family" / "qa-tests.md").read_text(encoding="utf-8")
    roots = [tree(sections.parse(text), 0)]
    assert spread.work_early(roots, MergeOptions(jobs=2, semantic=True), True) is None
    early = spread.work_early(roots, MergeOptions(jobs=2), True)
    assert early is not None
    early.close()
