"""Command-line transcripts: files of commands with their exact stdout, stderr and exit code.

A transcript is a series of steps, run in one scratch folder written `$TMP`:

    # what this transcript shows (comment lines before the first step)
    $ agentmorph convert fixtures/markdown/basic.md --to json
    >>> stdout
    {...}
    >>> stderr
    >>> exit 0

`<<< stdin` gives a step its standard input. Two built-in steps set up and inspect files:
`$ write $TMP/a.md` (its stdin becomes the file) and `$ show $TMP/a.md` (the file is its
stdout). `pytest --update-goldens` rewrites the expected blocks from what the commands do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_STEP = "$ "
_MARKER = re.compile(r"(<<< stdin|>>> stdout|>>> stderr|>>> exit (-?\d+))\n")


@dataclass
class Step:
    command: str
    stdin: str | None = None
    stdout: str = ""
    stderr: str = ""
    exit: int = 0
    #: which blocks the file gave (a step may leave stdout out when it prints nothing)
    given: set[str] = field(default_factory=set)


@dataclass
class Transcript:
    preamble: str
    steps: list[Step]


def parse(text: str) -> Transcript:
    lines = text.splitlines(keepends=True)
    preamble: list[str] = []
    steps: list[Step] = []
    block: str | None = None
    buffer: list[str] = []

    def flush() -> None:
        if block is None or not steps:
            return
        content = "".join(buffer)
        step = steps[-1]
        if block == "stdin":
            step.stdin = content
        elif block == "stdout":
            step.stdout = content
        elif block == "stderr":
            step.stderr = content
        step.given.add(block)

    for line in lines:
        marker = _MARKER.fullmatch(line)
        if line.startswith(_STEP):
            flush()
            block, buffer = None, []
            steps.append(Step(line[len(_STEP) :].rstrip("\n")))
        elif marker and steps:
            flush()
            buffer = []
            if marker.group(2) is not None:
                steps[-1].exit = int(marker.group(2))
                steps[-1].given.add("exit")
                block = None
            else:
                block = marker.group(1).split()[1]
        elif block is not None:
            buffer.append(line)
        elif not steps:
            preamble.append(line)
    flush()
    return Transcript("".join(preamble), steps)


def render(transcript: Transcript) -> str:
    out = [transcript.preamble]
    for step in transcript.steps:
        out.append(f"{_STEP}{step.command}\n")
        if step.stdin is not None:
            out.append("<<< stdin\n" + step.stdin)
        if step.stdout or step.command.startswith("show "):
            out.append(">>> stdout\n" + step.stdout)
        if step.stderr:
            out.append(">>> stderr\n" + step.stderr)
        out.append(f">>> exit {step.exit}\n")
    return "".join(out)


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))
