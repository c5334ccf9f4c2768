"""Run tasks in several processes (this one and forked workers), results in order: a
batch's conversions (`map_in_order`), a merge's sections (`map_lazily`).

Workers only compute (a task must touch no output); the caller computes its share and
writes. Workers are forked, so they start with the parent's registry and settings and cost
a millisecond or two each; where fork is not the safe way to start a process (Windows,
macOS), every task runs in this process.

The pool is pipes and nothing else (no `multiprocessing`, no thread): their imports and
manager thread cost more than the conversions they would spread, at the sizes where
spreading starts to pay (docs/benchmarks.md). One pipe holds every task's number, written
before the fork; every process, this one included, takes the next number from it (a read
of four bytes from a pipe is atomic), so a faster process simply takes more tasks. Each
worker sends its results back through a pipe of its own. A worker that dies (killed, out
of memory) loses only what it had not sent: those tasks are run here. A worker whose
parent died fails on its next send and exits.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, TypeVar

from converter.io.textio import signals_held

T = TypeVar("T")

#: inputs per task: large enough that passing results costs little, small enough that the
#: processes stay even and results (and the progress bar) flow steadily
CHUNK = 16

#: most tasks in a batch (a bigger batch gets bigger tasks): their numbers (4 bytes each)
#: must fit in the task pipe before any process reads it, and every system's pipe holds at
#: least one page
MAX_TASKS = 1024

#: below this many inputs a batch runs in one process: starting workers costs more than it
#: saves (2 CPUs, corpus agents to Codex, 15 interleaved rounds, medians in one process and
#: with a worker: 150 inputs 0.122 s against 0.133 s; 300: 0.177 s against 0.165 s, and
#: 0.173 s against 0.174 s in a second series; 450: 0.224 s against 0.210 s)
MIN_INPUTS = 400

#: most processes `--jobs auto` uses (the parent and its workers): the parent writes every
#: output, so on big machines more workers would only wait for it (and each holds memory)
MAX_AUTO_WORKERS = 8

#: the result pipes are enlarged to this (Linux, F_SETPIPE_SZ; 1 MiB is the default most an
#: unprivileged process may ask, /proc/sys/fs/pipe-max-size): a worker then runs ahead while
#: the parent converts its own task, instead of waiting for the parent to read
PIPE_BYTES = 1 << 20

#: bytes asked of a result pipe per read: below malloc's threshold for mapping fresh pages
#: (128 KiB), which a bigger read would pay for each call, the last (empty) one included
READ_BYTES = 64 * 1024

_TASK = 4  # bytes of one task number in the task pipe
_HEADER = 8  # a result: task number and payload length, then the pickled results


def available() -> bool:
    """True where workers can be forked safely: Linux and other non-macOS POSIX systems, from
    a process that runs no other thread (a fork copies the calling thread only: a lock that
    another thread held, in logging or a C library, would stay locked in the worker; Python
    3.12 warns of it). A library caller with threads gets its work done in its own process."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def default_workers() -> int:
    """Workers for `--jobs auto`: one per CPU this process may use, at most 8."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity outside Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_WORKERS))


def map_in_order(
    count: int,
    work: Callable[[int], list[T]],
    workers: int,
    before_fork: Callable[[], None] | None = None,
) -> Iterator[list[T]]:
    """`work(0)`, `work(1)`, ... computed by `workers` processes, yielded in order.

    This process is one of them, so N processes use N CPUs, one fewer process holds memory,
    and its results cross no pipe. `before_fork` loads what only some inputs need, so that
    each worker inherits it instead of loading it again.
    """
    if count < MIN_INPUTS or workers < 2 or not available():
        yield from map(work, range(count))
        return
    # The first input is converted here, before the fork: what a conversion loads on first
    # use (format modules, the tool vocabulary, compiled patterns) is then loaded once and
    # inherited, not loaded again by every worker (about 0.1 s each, measured on 2 CPUs).
    yield work(0)
    if before_fork is not None:
        before_fork()
    size = max(CHUNK, -(-(count - 1) // MAX_TASKS))
    tasks = [(start, min(start + size, count)) for start in range(1, count, size)]

    def run(number: int) -> list[list[T]]:
        start, stop = tasks[number]
        return [work(n) for n in range(start, stop)]

    for found in _spread(len(tasks), run, workers, range(len(tasks))):
        yield from found


def map_lazily(count: int, work: Callable[[int], T], workers: int) -> Generator[T, None, None]:
    """`work(0)`, ..., `work(count - 1)`, computed by up to `workers` processes (this one
    among them) that take the tasks in order of number, for a few big tasks whose results
    are small (a worker's results are pickled). Each is yielded as soon as it and every
    earlier one are done: the caller works on it between this process's own tasks while
    the workers go on (a merge chooses what each section keeps while the workers cluster
    the sections after it). A caller that stops early closes it (`contextlib.closing`):
    that stops the workers. With one worker, or where forking is not safe, each task runs
    here when its result is asked for."""
    if workers < 2 or count < 2 or count > MAX_TASKS or not available():
        yield from map(work, range(count))
        return
    yield from _spread(count, work, workers, range(count))


def _spread(count: int, run: Callable[[int], T], workers: int, order: Sequence[int]) -> Iterator[T]:
    """`run(0)`, ..., `run(count - 1)` in that order, by this process and forked workers
    that take the task numbers in `order`."""
    pool = _Pool(order, run, min(workers - 1, count - 1))
    finished = False
    try:
        yield from pool.results(count)
        finished = True
    finally:
        pool.close(finished)


class _Pool:
    """Forked workers that take task numbers from one pipe and send each result back
    through a pipe of their own."""

    def __init__(self, order: Sequence[int], run: Callable[[int], Any], workers: int) -> None:
        self.run = run
        self.done: dict[int, Any] = {}
        self.pending: dict[int, bytearray] = {}  # a worker's result pipe: what came so far
        self.children: list[int] = []
        self.queue, queue_in = os.pipe()
        numbers = b"".join(n.to_bytes(_TASK, "little") for n in order)
        write_all(queue_in, numbers)  # fits: at most MAX_TASKS numbers, written before a read
        os.close(queue_in)  # an empty queue then reads as its end
        # Objects that exist now are left out of the workers' garbage collections: a
        # collection touches every object it scans, which would copy the parent's pages into
        # each worker. Interrupts are held while forking: a worker forked before it ignores
        # them would die of a Ctrl-C with a traceback of its own.
        gc.freeze()
        # what both sides use is imported once, here, and inherited (not once per process)
        import pickle  # noqa: F401
        import select  # noqa: F401
        import signal  # noqa: F401

        with signals_held():
            for _ in range(workers):
                if not self._fork():
                    break  # no more processes now (a limit): fewer workers, or this one alone

    def _fork(self) -> bool:
        try:
            results_out, results_in = os.pipe()
        except OSError:
            return False
        enlarge(results_in)
        try:
            pid = os.fork()
        except OSError:
            os.close(results_out)
            os.close(results_in)
            return False
        if pid == 0:  # the worker: never returns
            os.close(results_out)
            for fd in self.pending:  # the read ends of earlier workers
                os.close(fd)
            _worker(self, results_in)
        os.close(results_in)
        os.set_blocking(results_out, False)
        self.pending[results_out] = bytearray()
        self.children.append(pid)
        return True

    def take(self) -> int | None:
        """The next task's number, or None when every task is taken."""
        got = os.read(self.queue, _TASK)
        return int.from_bytes(got, "little") if got else None

    def results(self, count: int) -> Iterator[Any]:
        """Every task's result in order of number: this process's own, the workers', and
        those a dead worker took and never sent (run here)."""
        following = 0
        while (number := self.take()) is not None:
            self.done[number] = self.run(number)
            self.receive(wait=False)
            while following in self.done:
                yield self.done.pop(following)
                following += 1
                if following not in self.done:  # what came while the caller used them:
                    # used before this process takes a task (a merge's chooser keeps up)
                    self.receive(wait=False)
        while self.pending:
            self.receive(wait=True)
            while following in self.done:
                yield self.done.pop(following)
                following += 1
        for number in range(following, count):
            yield self.done.pop(number) if number in self.done else self.run(number)

    def receive(self, *, wait: bool) -> None:
        """Read what the workers have sent; with `wait`, block until one sends or ends."""
        if wait:
            import select

            select.select(list(self.pending), [], [])
        import pickle

        for fd in list(self.pending):
            buffer = self.pending[fd]
            while True:
                try:
                    got = os.read(fd, READ_BYTES)
                except BlockingIOError:
                    break
                if not got:  # the worker ended (a part of a result it did not finish is lost)
                    os.close(fd)
                    del self.pending[fd]
                    break
                buffer += got
            start = 0
            with memoryview(buffer) as view:  # results are read in place, not copied out
                while len(buffer) - start >= _HEADER:
                    number = int.from_bytes(view[start : start + 4], "little")
                    length = int.from_bytes(view[start + 4 : start + _HEADER], "little")
                    end = start + _HEADER + length
                    if len(buffer) < end:
                        break
                    self.done[number] = pickle.loads(view[start + _HEADER : end])
                    start = end
            del buffer[:start]  # once: what is left is the start of a result still coming

    def close(self, finished: bool) -> None:
        """Reap the workers; after an interrupt or an error, stop them first (they write no
        output, so nothing is left half done)."""
        import contextlib
        import signal

        for pid in self.children:
            if not finished:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        for fd in [self.queue, *self.pending]:
            os.close(fd)
        self.pending.clear()
        gc.unfreeze()


def _worker(pool: _Pool, results: int) -> None:
    """A worker's whole life: take tasks until none is left, send each one's results."""
    code = 1
    try:
        import pickle

        as_worker()
        while (number := pool.take()) is not None:
            payload = pickle.dumps(pool.run(number), protocol=pickle.HIGHEST_PROTOCOL)
            header = number.to_bytes(4, "little") + len(payload).to_bytes(4, "little")
            write_all(results, header + payload)
        code = 0
    except BaseException:  # a dead parent (a broken pipe), or a bug: the parent redoes it
        code = 1
    finally:
        os._exit(code)  # never the parent's cleanup, exit handlers or buffered output


def as_worker() -> None:
    """Interrupts are the parent's to handle; SIGTERM kills (it was held at the fork)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` to the pipe `fd` (one write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def enlarge(fd: int) -> None:
    """Ask for a bigger pipe buffer where the system allows it (Linux)."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # the default buffer works; the worker just waits more
