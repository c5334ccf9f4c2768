"""Work one forked worker does while this process goes on (`in_background`): each work's
result sent back in turn as soon as it is done, or computed here where no worker could."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from converter.io.parallel import READ_BYTES, as_worker, available, enlarge, write_all
from converter.io.textio import signals_held


class Background:
    """Work done by one forked worker while this process goes on (`in_background`): each
    work's result in turn, sent as soon as it is done; `result(n)` waits for the n-th, or
    computes it here where no worker could (no safe fork, no process, a worker that died).
    Closed (a `with` block) when done with, or given up: the worker is stopped and reaped."""

    def __init__(self, works: Sequence[Callable[[], Any]]) -> None:
        self.works = works
        self.done: list[Any] = []
        self.pipe: int | None = None
        self.pid = 0
        self.buffer = bytearray()
        if available():
            self._fork()

    def _fork(self) -> None:
        import pickle

        try:
            results, results_in = os.pipe()
        except OSError:
            return
        enlarge(results_in)
        try:
            with signals_held():
                pid = os.fork()
        except OSError:
            os.close(results)
            os.close(results_in)
            return
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                os.close(results)
                as_worker()
                for work in self.works:
                    payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                    write_all(results_in, len(payload).to_bytes(8, "little") + payload)
                code = 0
            finally:
                os._exit(code)
        os.close(results_in)
        self.pipe, self.pid = results, pid

    def result(self, number: int) -> Any:
        """The `number`-th work's result (every earlier one is received first)."""
        import pickle

        while len(self.done) <= number and self.pipe is not None:
            got = os.read(self.pipe, READ_BYTES)
            if not got:  # the worker ended: what it did not send is computed here
                self.close()
                break
            self.buffer += got
            while len(self.buffer) >= 8:
                length = int.from_bytes(self.buffer[:8], "little")
                if len(self.buffer) < 8 + length:
                    break
                self.done.append(pickle.loads(self.buffer[8 : 8 + length]))
                del self.buffer[: 8 + length]
        while len(self.done) <= number:
            self.done.append(self.works[len(self.done)]())
        return self.done[number]

    def close(self) -> None:
        if self.pipe is None:
            return
        import contextlib
        import signal

        os.close(self.pipe)
        self.pipe = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)  # done, or given up: nothing more is read
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def in_background(*works: Callable[[], Any]) -> Background:
    """`works` done in turn by a forked worker while this process goes on with other work,
    for work on what exists before the fork whose result costs less to send than to compute
    (a merge's worker finds the base variant and splits the sections into items while
    this process weighs the sections' words and aligns them)."""
    return Background(works)
