"""Files an agent names for its prompt (Kiro's `file://`, OpenCode's `{file:}`), read only
inside the project the agent belongs to.

A tool reads such a file wherever it is; we do not. An agent taken from a collection could
name `~/.ssh/id_rsa` or the project's `.env`, whose text would then land in a written agent
(and in a commit). Whether a file may be read is decided from its path alone, before it is
looked at, so an agent cannot even learn which files exist outside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

Status = Literal["no-path", "outside", "missing", "not-a-file", "too-big", "unreadable", "read"]


@dataclass(frozen=True, slots=True)
class Referenced:
    """What came of one reference: its status, the path shown to the user, the text read."""

    status: Status
    #: the file relative to the project (empty when it was not looked at)
    shown: str = ""
    text: str = ""
    size: int = 0
    #: why it could not be read (an OSError's text, or an encoding error)
    reason: str = ""


def project_root(agent_path: str, tool_folders: tuple[str, ...], *, step_out: bool) -> str:
    """The folder whose files an agent at `agent_path` may name: the tool's folder holding
    it (`.kiro` for `.kiro/agents/x.json`; its parent, the project, with `step_out`), else
    the agent's own folder. Only the agent's folder and the one above are looked at."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(agent_path)))
    for probe in (folder, os.path.dirname(folder)):
        if os.path.basename(probe) in tool_folders:
            return os.path.dirname(probe) if step_out else probe
    return folder


def read_referenced(
    wanted: str,
    agent_path: str | None,
    root: str | None,
    *,
    max_bytes: int,
    strict: bool,
    shown_from: str | None = None,
) -> Referenced:
    """The file `wanted` names (relative to the agent's folder, `~/` the home folder), read
    when it is inside `root`; `max_bytes` is how much may still be read. `strict`: text that
    is not UTF-8 is refused (as Rust's read_to_string does), else decoded with U+FFFD.
    `shown_from`: the folder the file is named from in messages (default: `root`)."""
    if agent_path is None or root is None or not os.path.isfile(agent_path):
        return Referenced("no-path")  # standard input, or text given without its file
    folder = os.path.dirname(os.path.abspath(agent_path))
    if wanted.startswith("~/"):
        wanted = os.path.join(os.path.expanduser("~"), wanted[2:])
    try:
        target = os.path.realpath(os.path.join(folder, wanted))
        inside = os.path.commonpath([root, target]) == root
    except ValueError:  # a NUL in the path, another drive: nothing we would read
        inside = False
    if not inside:  # decided before looking at the file: nothing outside is even stat'ed
        return Referenced("outside")
    shown = os.path.relpath(target, shown_from or root)
    if not os.path.isfile(target):
        return Referenced("missing" if not os.path.exists(target) else "not-a-file", shown)
    size = os.path.getsize(target)
    if size > max_bytes:
        return Referenced("too-big", shown, size=size)
    try:
        with open(target, "rb") as file:
            content = file.read(max_bytes + 1).decode("utf-8", "strict" if strict else "replace")
    except OSError as error:
        return Referenced("unreadable", shown, reason=error.strerror or str(error))
    except UnicodeDecodeError:
        return Referenced("unreadable", shown, reason="it is not UTF-8 text")
    return Referenced("read", shown, content, size)
