"""Outputs written as they come: a batch that replaces no file writes each output as soon
as it is converted (the writes overlap the workers' conversions), not after the last one.

Two inputs that claim one output path are found only when the second is converted; the
first one's file is then removed again (an early write never replaces a file, so removing
it restores what was there: nothing) and both are refused, as when nothing is written early.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from converter.io.collect import collects, file_key, refuse_collisions
from converter.io.outcomes import Outcome, Prepared, Result, Status

if TYPE_CHECKING:
    from converter.diagnostics import Diagnostic
    from converter.io.batch import Settings
    from converter.io.inputs import Job
    from converter.io.plan import Plan


def writes_early(the_plan: Plan, settings: Settings) -> bool:
    """Whether outputs are written as they come: into a folder, replacing nothing (a
    collision found later could not give back a replaced file), each output a file of its
    own (not collected into one), not --check."""
    return the_plan.mode == "folder" and not (
        settings.check or settings.force or settings.in_place or collects(settings.target)
    )


class EarlyWrites:
    """Which outputs were written early, by path, and how to take one back."""

    def __init__(self) -> None:
        #: each path written early, and the number of the outcome written there
        self._first: dict[str, int] = {}
        #: that outcome as prepared, without its text (a collision's message needs it); the
        #: fields as a tuple: a dataclass `replace` per output cost more than the writing
        self._taken: dict[int, tuple[Job, Path, tuple[Diagnostic, ...], int, str]] = {}
        #: the output folders seen, and those of them (with their parents) that were not
        #: there before the batch wrote: a file taken back leaves none of them behind empty
        self._folders: set[str] = set()
        self._made: set[str] = set()
        #: the last outcome taken, and its number: being written when an interrupt lands
        self._current: tuple[int, Prepared] | None = None

    def take(self, outcome: Prepared, number: int) -> bool:
        """Whether to write `outcome` (the batch's outcome `number`) now: no earlier outcome
        claimed its path. One that did is left for `undo`."""
        destination = outcome.destination
        if destination is None or outcome.output is None:
            return False
        key = file_key(destination)  # `QA.md` and `qa.md` are one file on macOS
        if key in self._first:
            return False
        self._first[key] = number
        self._current = (number, outcome)
        folder = os.path.dirname(destination)  # text: a Path per output costs more
        if folder not in self._folders:  # once per folder: a stat or two
            self._folders.add(folder)
            while folder not in self._made and not os.path.isdir(folder or "."):
                self._made.add(folder)
                folder = os.path.dirname(folder)
        self._taken[number] = (
            outcome.job, destination, outcome.diagnostics, outcome.position, outcome.name
        )  # fmt: skip
        return True

    def undo(self, outcomes: list[Outcome]) -> list[Outcome]:
        """`outcomes` with every collision refused: a file written early for a path that a
        later outcome also claims is removed, and all of them fail, each naming the others."""
        for outcome in outcomes:
            if not isinstance(outcome, Prepared) or outcome.destination is None:
                continue
            number = self._first.pop(file_key(outcome.destination), None)
            if number is None:
                continue
            job, destination, diagnostics, position, name = self._taken[number]
            done = outcomes[number]
            if isinstance(done, Result) and done.status is Status.WRITTEN:
                with contextlib.suppress(OSError):
                    os.unlink(destination)  # the file written early, by its own name
                self._remove_made(os.path.dirname(destination))
            outcomes[number] = Prepared(job, None, destination, diagnostics, None, position, name)
        return refuse_collisions(outcomes)

    def written(self, outcomes: list[Outcome]) -> Iterator[Result]:
        """The results so far, after an interrupt: an interrupt that lands between a file's
        write and its result (signals are not held per file: a few microseconds each) has
        that file there, as the output it is, and counted."""
        yield from (outcome for outcome in outcomes if isinstance(outcome, Result))
        if self._current is None or self._current[0] != len(outcomes):
            return
        prepared = self._current[1]
        assert prepared.destination is not None and prepared.output is not None
        try:
            there = prepared.destination.read_bytes()
        except OSError:
            return
        if there == prepared.output.encode("utf-8"):
            destination = str(prepared.destination)
            yield Result(prepared.job, Status.WRITTEN, prepared.diagnostics, None, destination)

    def _remove_made(self, folder: str) -> None:
        """Remove `folder` and its parents while the batch made them and they are empty."""
        while folder in self._made:
            try:
                os.rmdir(folder)  # refused unless empty: another output may be in it
            except OSError:
                return
            folder = os.path.dirname(folder)
