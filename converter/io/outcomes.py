"""What a batch makes of each input: a prepared output (converted, not yet written) or a
result (written, printed, checked, refused or failed). Plain data, and the compact form in
which a worker process sends a prepared output back."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from converter.diagnostics import Diagnostic
from converter.errors import ConverterError
from converter.io.inputs import Job


class Status(StrEnum):
    WRITTEN = "written"
    PRINTED = "printed"
    UNCHANGED = "unchanged"
    WOULD_CHANGE = "would-change"
    REFUSED = "refused"  # warnings under --strict: nothing written
    FAILED = "failed"
    SKIPPED = "skipped"  # found by walking a folder, and no agent (converter/io/not_agents.py)


class Result(NamedTuple):
    """What became of one agent: written, printed, checked, refused, failed or skipped."""

    job: Job
    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()
    error: ConverterError | None = None
    #: where the output went (a path), or None
    destination: str | None = None
    #: the converted text when it goes to stdout
    text: str | None = None
    #: a traceback for --debug when the error is a bug
    trace: str | None = None
    #: the change as a unified diff (--diff)
    diff: str | None = None


class Prepared(NamedTuple):
    """One agent converted in memory: what `commit` needs to write it (a NamedTuple, as
    `Result`: a dataclass costs about a millisecond to make at every start)."""

    job: Job
    #: the output text; None when it was dropped to bound memory (made again at commit)
    output: str | None
    destination: Path | None
    diagnostics: tuple[Diagnostic, ...]
    #: the input's bytes, for --check without an output (compared with the input itself)
    data: bytes | None = None
    #: which agent of the input (a `.roomodes` file holds several)
    position: int = 0
    #: the agent's name; for a collected file, the key the target files it under (Roo's
    #: slug), where two of one name collide
    name: str = ""
    #: a collected file (converter/io/collect.py): the outputs it holds, and the agents
    #: that follow this one into it
    parts: tuple[str, ...] = ()
    followers: tuple[Prepared, ...] = ()


Outcome = Prepared | Result


#: a prepared output as a worker sends it back: no job and no path objects, which would be
#: pickled and parsed again for every input (output, destination, diagnostics, index, name)
Packed = tuple[str | None, str | None, tuple[Diagnostic, ...], int, str]


def pack(outcome: Outcome) -> Outcome | Packed:
    """What a worker sends back for an outcome: a prepared output as a tuple (results, and
    outputs that carry their input's bytes or parts, as they are)."""
    if isinstance(outcome, Result) or outcome.data is not None or outcome.parts:
        return outcome
    destination = None if outcome.destination is None else str(outcome.destination)
    return (outcome.output, destination, outcome.diagnostics, outcome.position, outcome.name)


def unpack(job: Job, found: Outcome | Packed) -> Outcome:
    """The outcome `pack` made `found` from, for `job`."""
    if isinstance(found, Result | Prepared):  # a Result is a tuple too: not a packed one
        return found
    output, destination, diagnostics, index, name = found
    place = None if destination is None else Path(destination)
    return Prepared(job, output, place, diagnostics, None, index, name)
