"""Run a batch's conversions in worker processes; outputs are claimed and written in order.

Workers read and convert (`batch.prepare`: no output is touched); the parent claims each
output (two inputs never write one file), writes it atomically and yields the results in
input order, while the workers go on with the next inputs. Results are the same as a run
in one process, byte for byte and in the same order (tests/test_parallel.py).

Workers are forked, so they start with the parent's registry and settings and cost a few
milliseconds each; where fork is not the safe way to start a process (Windows, macOS),
batches run in one process.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from converter import batch
from converter.registry import Registry
from converter.textio import signals_held

#: inputs per task sent to a worker: large enough that passing results costs little, small
#: enough that results (and the progress bar) flow steadily and the workers stay even
CHUNK = 16

#: tasks per worker submitted ahead of the one being written
WINDOW = 4

#: below this many inputs a batch runs in one process: starting workers costs more than it
#: saves (measured here on corpus files to JSON, 2 CPUs: 64 inputs 0.24 s in one process,
#: 0.28 s with workers; 128 the same; 256 0.57 s against 0.48 s)
MIN_INPUTS = 200


def available() -> bool:
    """True where workers can be forked safely (Linux and other non-macOS POSIX systems)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


#: most workers `--jobs auto` starts: the parent writes every output, so on big machines
#: more workers would only wait for it (and each holds its own memory)
MAX_AUTO_WORKERS = 8


def default_workers() -> int:
    """Workers for `--jobs auto`: one per CPU this process may use, at most 8."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity outside Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_WORKERS))


# What the forked workers convert: set in the parent just before the pool starts, so each
# worker has it from the fork and a task is just a range of job numbers.
_WORK: tuple[batch.Plan, batch.Settings, Registry] | None = None


def run(
    the_plan: batch.Plan, settings: batch.Settings, registry: Registry, workers: int
) -> Iterator[batch.Result]:
    """The results of `batch.run` for a folder output, converted by `workers` processes.

    A worker that dies (killed, out of memory) never hangs the batch: what it had not
    finished is converted here, in this process.
    """
    global _WORK
    total = len(the_plan.jobs)
    if total < MIN_INPUTS:
        yield from batch.run(the_plan, settings, registry)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _WORK = (the_plan, settings, registry)
    # Objects that exist now are left out of the workers' garbage collections: a collection
    # touches every object it scans, which would copy the parent's pages into each worker.
    gc.freeze()
    claimed: set[Path] = set()
    tasks = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    done = 0
    pool = ProcessPoolExecutor(
        min(workers, len(tasks)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started,
    )
    try:
        # Results are taken in input order while the workers convert ahead, at most WINDOW
        # tasks per worker ahead: a slow disk must not pile up converted files in memory.
        # The first tasks start the workers. Interrupts are held meanwhile: a worker forked
        # before it ignores them would die of a Ctrl-C with a traceback of its own.
        with signals_held():
            ahead = deque(pool.submit(_prepare_range, t) for t in tasks[: workers * WINDOW])
        submitted = len(ahead)
        while ahead:
            outcomes = ahead.popleft().result()
            if submitted < len(tasks):
                ahead.append(pool.submit(_prepare_range, tasks[submitted]))
                submitted += 1
            for outcome in outcomes:
                yield batch.commit(outcome, settings, claimed)
            done += 1
    except BrokenProcessPool:
        for task in tasks[done:]:
            for outcome in _prepare_range(task):
                yield batch.commit(outcome, settings, claimed)
    finally:
        # On an interrupt: no new task starts; a worker finishes its few inputs and exits
        # (it writes nothing, so nothing is left half done).
        pool.shutdown(wait=False, cancel_futures=True)
        _WORK = None
        gc.unfreeze()


def _worker_started() -> None:
    """A worker leaves interrupts to the parent: Ctrl-C and SIGTERM stop the parent, which
    stops the pool; a worker never writes, so stopping it anywhere leaves nothing behind."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked with them held (see run): release them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _prepare_range(task: tuple[int, int]) -> list[batch.Prepared | batch.Result]:
    assert _WORK is not None, "workers are forked after the work is set"
    the_plan, settings, registry = _WORK
    outcomes: list[batch.Prepared | batch.Result] = []
    for job in the_plan.jobs[task[0] : task[1]]:
        outcomes.extend(batch.prepare(job, the_plan, settings, registry, None))
    return outcomes
