"""Run a batch's conversions in several processes (this one and forked workers), results in
input order.

Workers only compute (`work(number)` must touch no output); the caller computes its share
and writes. Workers are
forked, so they start with the parent's registry and settings and cost a few milliseconds
each; where fork is not the safe way to start a process (Windows, macOS), work runs in this
process. A worker dies with its parent (Linux's parent-death signal), so a killed parent
never leaves workers holding its output pipes open.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from converter.io.textio import signals_held

T = TypeVar("T")

#: inputs per task sent to a worker: large enough that passing results costs little, small
#: enough that results (and the progress bar) flow steadily and the workers stay even
CHUNK = 16

#: tasks per worker submitted ahead of the one being collected
WINDOW = 4

#: below this many inputs a batch runs in one process: starting workers costs more than it
#: saves (measured on 2 CPUs, corpus agents to Codex, 7 interleaved rounds: 300 inputs
#: 0.244 s in one process, 0.288 s with workers; 1,000: 0.522 s against 0.481 s; 4,000:
#: 2.47 s against 2.02 s). Conversions got cheaper, so the break-even point moved up.
MIN_INPUTS = 600

#: most processes `--jobs auto` uses (the parent and its workers): the parent writes every
#: output, so on big machines more workers would only wait for it (and each holds memory)
MAX_AUTO_WORKERS = 8


def available() -> bool:
    """True where workers can be forked safely (Linux and other non-macOS POSIX systems)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def default_workers() -> int:
    """Workers for `--jobs auto`: one per CPU this process may use, at most 8."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity outside Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_WORKERS))


# What the forked workers run: set just before the pool starts, so each worker has it from
# the fork and a task is just a range of numbers.
_WORK: Callable[[int], Any] | None = None


def map_in_order(count: int, work: Callable[[int], list[T]], workers: int) -> Iterator[list[T]]:
    """`work(0)`, `work(1)`, ... computed by `workers` processes, yielded in order.

    This process is one of them: it takes every `workers`-th task itself while the others
    run ahead, so N processes use N CPUs, one fewer process holds memory, and its results
    cross no pipe. A worker that dies (killed, out of memory) never hangs the caller: what
    it had not finished is computed here, in this process.
    """
    global _WORK
    if count < MIN_INPUTS or workers < 2 or not available():
        yield from map(work, range(count))
        return
    # The first input is converted here, before the fork: what a conversion loads on first
    # use (format modules, the tool vocabulary, compiled patterns) is then loaded once and
    # inherited, not loaded again by every worker (about 0.1 s each, measured on 2 CPUs).
    yield work(0)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _WORK = work
    # Objects that exist now are left out of the workers' garbage collections: a collection
    # touches every object it scans, which would copy the parent's pages into each worker.
    gc.freeze()
    tasks = [(start, min(start + CHUNK, count)) for start in range(1, count, CHUNK)]
    # task i is ours when i % workers == workers - 1 (the workers' first tasks start first)
    theirs = [i for i in range(len(tasks)) if i % workers != workers - 1]
    done = 0
    finished = False
    pool = ProcessPoolExecutor(
        min(workers - 1, len(theirs)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started,
        initargs=(os.getpid(),),
    )
    try:
        # The workers' results are taken in order while they run ahead, at most WINDOW tasks
        # per worker: a slow consumer must not pile up results in memory. The first tasks
        # start the workers. Interrupts are held meanwhile: a worker forked before it ignores
        # them would die of a Ctrl-C with a traceback of its own.
        window = (workers - 1) * WINDOW
        with signals_held():
            ahead = {i: pool.submit(_run_range, tasks[i]) for i in theirs[:window]}
        submitted = len(ahead)
        for number, task in enumerate(tasks):
            if number % workers == workers - 1:
                found = [work(n) for n in range(*task)]  # ours
            else:
                found = ahead.pop(number).result()
                if submitted < len(theirs):
                    ahead[theirs[submitted]] = pool.submit(_run_range, tasks[theirs[submitted]])
                    submitted += 1
            yield from found
            done += 1
        finished = True
    except BrokenProcessPool:
        for start, stop in tasks[done:]:
            yield from map(work, range(start, stop))
    finally:
        # Done: wait for the pool's threads, so none is left running when the interpreter
        # exits (it would print "Exception ignored in threading._shutdown"). On an interrupt:
        # no new task starts; a worker finishes its few inputs and exits (it writes nothing,
        # so nothing is left half done).
        pool.shutdown(wait=finished, cancel_futures=True)
        _WORK = None
        gc.unfreeze()


def _worker_started(parent: int) -> None:
    """A worker leaves interrupts to the parent, and dies with it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked with them held (see map_in_order)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); if it died
    already (before the call), exit now. Elsewhere, the pool's own pipe tells workers."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig, sigkill = 1, 9
        libc.prctl(pr_set_pdeathsig, sigkill, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _run_range(task: tuple[int, int]) -> list[Any]:
    assert _WORK is not None, "workers are forked after the work is set"
    found: list[Any] = []
    for number in range(*task):
        found.append(_WORK(number))
    return found
