"""What `sync` does to one output file (write, leave, remove, refuse), and what is at an
output path now."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from converter.errors import OutputError, SourceSpan
from converter.io import textio


class Action(StrEnum):
    WRITE = "written"
    UNCHANGED = "unchanged"
    REMOVE = "removed"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Change:
    """What `sync` does (or would do) to one output file."""

    action: Action
    #: the output's path relative to the project root, POSIX form
    path: str
    target: str
    sources: tuple[str, ...]
    #: the content to write (WRITE), None otherwise
    new: bytes | None = None
    #: the content on disk now (None: no file)
    old: bytes | None = None
    #: why a file is refused, or what kind of write it is ("new", "changed")
    reason: str = ""
    #: a file many agents share: the parts sync wrote there (manifest.Entry.names)
    names: tuple[tuple[str, str], ...] = ()


def read_output(path: str | Path) -> bytes | None:
    """What is at an output path now: None when nothing is (a FIFO or a folder there is an
    error, never opened: opening a FIFO would wait for a writer)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror}", span=SourceSpan(str(path))) from None
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(
            f"{path} is not a regular file; agentmorph never replaces it",
            span=SourceSpan(str(path)),
        )
    return textio.read_bytes(path)
