"""What `sync` converted last time, so that a run where nothing changed converts nothing.

Kept in `.agentmorph/cache.json` (ignored by git: `.agentmorph/.gitignore`): per target and
source file, the source's SHA-256, the outputs it made (path, SHA-256, agent name, and the
text of a part of a shared file such as Roo's `.roomodes`) and the diagnostics it had. An
entry counts only for the same source bytes, the same agentmorph version and the same
target settings; a damaged or foreign cache is ignored, never trusted.

It also keeps, as git's index does, the size, times and inode of each output when its
content was last checked: a file whose status is unchanged need not be read and hashed
again. A file changed less than `RACY_NS` before that check is always read again (a change
within the file system's time granularity could leave its times as they were).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.diagnostics import Code, Diagnostic, Severity
from converter.errors import SourceSpan
from converter.io import textio

CACHE = Path(".agentmorph") / "cache.json"

#: what the entries hold, beside the agentmorph version: a cache of another layout is
#: started again. 2: an agent in a shared file (Roo's `.roomodes`) is named by the key the
#: target files it under (its slug), not by its name. 3: a source that is no agent (a
#: `README.md` without a header) makes no output.
LAYOUT = 3
_IGNORE = Path(".agentmorph") / ".gitignore"

#: how long before a check a file must have last changed for its status to vouch for it:
#: more than any file system's time granularity (FAT: 2 s; Linux's coarse clock: ms)
RACY_NS = 3_000_000_000


@dataclass(frozen=True, slots=True)
class Output:
    """One output a cached conversion made: where, its hash, its agent."""

    path: str
    sha256: str
    name: str
    #: the text, kept only for a part of a file shared by many agents
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Converted:
    """One source file converted to one target."""

    source_sha256: str
    outputs: tuple[Output, ...]
    diagnostics: tuple[Diagnostic, ...]


class Cache:
    def __init__(self, root: Path, stamp: str) -> None:
        self.root = root
        #: the agentmorph version and settings the entries were made with
        self.stamp = stamp
        self.entries: dict[str, dict[str, Any]] = {}
        self.fresh: dict[str, dict[str, Any]] = {}
        #: output path → [size, mtime_ns, ctime_ns, inode, device, when checked (ns)]
        self.checked: dict[str, list[int]] = {}
        self.fresh_checked: dict[str, list[int]] = {}

    @classmethod
    def load(cls, root: Path, stamp: str) -> Cache:
        cache = cls(root, stamp)
        try:
            document = json.loads(textio.read_bytes(root / CACHE))
            if document.get("stamp") == stamp and isinstance(document.get("entries"), dict):
                cache.entries = document["entries"]
                checked = document.get("checked", {})
                cache.checked = {
                    str(path): row
                    for path, row in checked.items()
                    if isinstance(row, list) and len(row) == 6 and all(type(n) is int for n in row)
                }
        except Exception:  # absent, damaged, another version's: start empty
            pass
        return cache

    def unchanged(self, path: str, status: os.stat_result) -> bool:
        """Whether the file at `path` is as it was when its content was last checked."""
        row = self.checked.get(path)
        if row is None or row[:5] != _signature(status):
            return False
        if max(status.st_mtime_ns, status.st_ctime_ns) >= row[5] - RACY_NS:
            return False  # changed just before that check: its times cannot vouch for it
        self.fresh_checked[path] = row
        return True

    def checked_now(self, path: str, status: os.stat_result, since: int) -> None:
        """The file's content was checked; `status` was taken at `since` (time.time_ns()),
        before the file was read."""
        self.fresh_checked[path] = [*_signature(status), since]

    def get(self, target: str, source: str, sha256: str, settings: str) -> Converted | None:
        entry = self.entries.get(f"{target}\0{source}")
        if not entry or entry.get("sha256") != sha256 or entry.get("settings") != settings:
            return None
        try:
            outputs = tuple(Output(*row) for row in entry["outputs"])
            notes = tuple(_diagnostic(d) for d in entry["diagnostics"])
        except (TypeError, ValueError, KeyError):
            return None
        return Converted(sha256, outputs, notes)

    def put(self, target: str, source: str, settings: str, found: Converted) -> None:
        self.fresh[f"{target}\0{source}"] = {
            "sha256": found.source_sha256,
            "settings": settings,
            "outputs": [[o.path, o.sha256, o.name, o.part] for o in found.outputs],
            "diagnostics": [d.to_json() for d in found.diagnostics],
        }

    def keep(self, target: str, source: str) -> None:
        """An entry still valid this run (kept when the cache is saved)."""
        key = f"{target}\0{source}"
        if key in self.entries:
            self.fresh[key] = self.entries[key]

    def save(self) -> None:
        """Write the entries of this run (only those: sources gone are forgotten)."""
        if self.fresh == self.entries and self.fresh_checked == self.checked:
            return
        document = {"stamp": self.stamp, "entries": self.fresh, "checked": self.fresh_checked}
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            (self.root / CACHE).parent.mkdir(parents=True, exist_ok=True)
            if not (self.root / _IGNORE).exists():
                textio.atomic_write(self.root / _IGNORE, b"cache.json\n", overwrite=False)
            textio.atomic_write(self.root / CACHE, data, overwrite=True)
        except Exception:  # a cache that cannot be written only costs time next run
            pass


def _signature(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def _diagnostic(found: dict[str, Any]) -> Diagnostic:
    span = SourceSpan(found["path"], found["line"], found["column"]) if found["path"] else None
    return Diagnostic(
        Code(found["code"]), found["message"], Severity(found["severity"]), span, found["field"]
    )
