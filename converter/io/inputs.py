"""Find the inputs of a command: files, folders walked for agent files, standard input.

A folder is walked in sorted order. Hidden folders are skipped, except the folders where a
tool keeps its agents (`.claude/agents`, `.github/agents`, ...; taken from the formats'
file patterns), so a project root can be given as it is; so are folders of installed packages
(`node_modules`, a virtual environment). What is skipped is said: special
files (FIFOs, sockets, devices), unreadable folders, links that leave the folder, links to
folders; a link loop is an error of that one file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import ConverterError, InputError, SourceSpan, UsageError
from converter.io import beside
from converter.io.globs import where
from converter.registry import Registry

STDIN = "-"
#: agentmorph's own source folder (`sync`): walked like a tool's agent folder
SOURCE_FOLDER = ".agents"
#: folders of installed packages, passed over by a walk (as a virtual environment is, found
#: by its `pyvenv.cfg`): a project root's `node_modules` holds thousands of read-mes
_DEPENDENCY_FOLDERS = frozenset({"node_modules", "site-packages", "__pypackages__", "__pycache__"})


class Job(NamedTuple):
    """One input: where it is read from, how it is shown, and where its output goes."""

    source: Path | None  #: None for standard input
    shown: str
    #: the output's path relative to the output folder (folder mode), or None
    relative: PurePath | None = None
    #: an error found while walking (a link loop): the input fails with it
    error: ConverterError | None = None
    #: found by walking a folder (not named on the command line): --include/--exclude apply
    walked: bool = False


class Found(NamedTuple):
    """The inputs found, as jobs, with what was skipped on the way."""

    jobs: list[Job]
    notes: Diagnostics
    #: True when a folder was among the sources
    folder_input: bool


def expand(
    sources: list[str],
    registry: Registry,
    *,
    allow_empty: bool = False,
    output: Path | None = None,
) -> Found:
    """Inputs as jobs: folders walked (recursively), `-` as stdin. A walk passes over the
    `output` folder (`convert . -o out`, run again, would read its own outputs back).

    Raises:
        UsageError: stdin given twice.
        InputError: a folder holds no agent file (unless `allow_empty`).
    """
    notes = Diagnostics("<inputs>")
    jobs: list[Job] = []
    folder_input = False
    if sources.count(STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    for source in sources:
        if source == STDIN:
            jobs.append(Job(None, "<stdin>", PurePath("stdin")))
            continue
        path = Path(source)
        if path.is_dir():
            folder_input = True
            walker = _Walker(path, registry, notes, _identity(output))
            found = list(walker.walk())
            if not found and not allow_empty:
                hint = None
                if walker.passed_over:
                    shown = ", ".join(walker.passed_over[:3])
                    hint = (
                        f"passed over, as no agent: {shown}; name a file or its folder to read it"
                    )
                elif walker.hidden_skipped:
                    shown = ", ".join(sorted(walker.hidden_skipped)[:5])
                    hint = f"hidden folders were skipped ({shown}); name one to read it"
                raise InputError(
                    f"no agent files found under {source}", span=SourceSpan(source), hint=hint
                )
            jobs.extend(found)
        else:
            jobs.append(Job(path, source, PurePath(path.name)))
    return Found(jobs, notes, folder_input)


class _Walker:
    """One folder's agent files, with what was skipped noted."""

    def __init__(
        self,
        root: Path,
        registry: Registry,
        notes: Diagnostics,
        output: tuple[int, int] | None = None,
    ) -> None:
        self.root = root
        #: the output folder's identity (device, inode): a subfolder that is it is not walked
        self.output = output
        self.registry = registry
        self.notes = notes
        self.real_root = root.resolve()
        #: the root as the tools see it (globs.where), for a file no ending claims alone
        self.where = where(str(root)).rstrip("/\\") + "/"
        self.hidden_skipped: set[str] = set()
        self.layouts = _layout_folders(registry)
        #: a tool's commands or skills named on the command line are read as asked
        self.as_named = beside.named(self.real_root)
        #: files passed over as a tool's commands, skills, rules (converter/io/beside.py)
        self.passed_over: list[str] = []

    def walk(self) -> Iterator[Job]:
        """Every job under the root, depth first in name order: a folder's files and
        subfolders as they sort. An explicit stack, not recursion: a tree a thousand folders
        deep (a hostile checkout) is walked, not a RecursionError."""
        stack = [self._entries(self.root, PurePath(), None, None, self.real_root.name)]
        while stack:
            found = next(stack[-1], None)
            if found is None:
                stack.pop()
            elif isinstance(found, Job):
                yield found
            else:
                stack.append(found)

    def _entries(
        self,
        folder: Path,
        relative: PurePath,
        only: frozenset[str] | None,
        holds: str | None,
        folder_name: str,
    ) -> Iterator[Job | Iterator[Any]]:
        """A folder's jobs, and for each subfolder to walk, the iterator of its own entries
        (`only`: inside a tool's hidden folder, the subfolders that hold its agents; no file
        of the folder itself is an agent; `holds`: what the folder holds when that is no
        agent, a tool's commands or skills, whose files are passed over)."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            self.notes.add(
                Code.INPUT_SKIPPED,
                f"{folder}: cannot read this folder ({error.strerror}); skipped",
            )
            return
        # the folder's relative path as text, once: a file's paths are made only for the
        # files some format claims (pathlib's parsing costs microseconds per path)
        below = relative.as_posix() + "/" if relative.parts else ""
        for entry in entries:
            name = entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                path, child = folder / name, relative / name
                if self.output is not None and self._is_output(entry):
                    self.notes.add(
                        Code.INPUT_SKIPPED,
                        f"{path}: the output folder (-o); skipped",
                        severity=Severity.INFO,
                    )
                    continue
                inside = self._subfolder(path, child, name, only, folder_name)
                if inside is not None:
                    yield self._entries(path, child, inside[0], holds or inside[1], name)
            elif only is not None:
                continue  # beside a tool's agent folder (.github/workflows...): not an agent
            elif is_link:
                job = self._link(folder / name, relative / name)
                if job is not None and not self._passes_over(job.shown, name, holds, folder_name):
                    yield job
            elif self.registry.claims(below + name) or self._claims_where(below + name):
                path = folder / name
                if self._passes_over(str(path), name, holds, folder_name):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    self.notes.add(
                        Code.INPUT_SKIPPED,
                        f"{path}: not a regular file (a FIFO, socket or device); skipped",
                    )
                    continue
                yield Job(path, str(path), relative / name, walked=True)

    def _claims_where(self, relative: str) -> bool:
        """Whether a format claims the file by where it is: walked from inside a tool's
        folder (`.cursor/agents`), `team/lead.mdc` is Cursor's, as it is named from above."""
        return self.registry.claims(self.where + relative)

    def _is_output(self, entry: os.DirEntry[str]) -> bool:
        assert self.output is not None
        if entry.inode() != self.output[1]:  # from the listing itself: no system call
            return False
        try:
            return entry.stat(follow_symlinks=False).st_dev == self.output[0]
        except OSError:
            return False

    def _subfolder(
        self, path: Path, child: PurePath, name: str, only: frozenset[str] | None, parent: str
    ) -> tuple[frozenset[str] | None, str | None] | None:
        """Whether to walk a subfolder, with which `only` and what it holds when that is no
        agent (converter/io/beside.py); None skips it."""
        if only is not None:
            if name in only:
                return (None, None)
            # a tool's commands or skills beside its agents (`.claude/commands`): not walked,
            # but said once for the folder, as a walk says each such file elsewhere; a
            # folder of no known kind (`.github/workflows`) is nothing a user would convert
            what = None if self.as_named else beside.folder(parent, name, str(path))
            if what is not None:
                self.passed_over.append(str(path))
                self.notes.items.append(
                    Diagnostic(
                        Code.INPUT_SKIPPED,
                        beside.folder_note(what),
                        Severity.INFO,
                        SourceSpan(str(path)),
                    )
                )
            return None
        if name in _DEPENDENCY_FOLDERS or os.path.isfile(os.path.join(path, "pyvenv.cfg")):
            # other people's packages (and their read-mes): never a project's agents
            self.notes.add(
                Code.INPUT_SKIPPED,
                f"{path}: a folder of installed packages; skipped (name it to read it)",
                severity=Severity.INFO,
            )
            return None
        if name.startswith("."):
            if name not in self.layouts:
                if name != ".git":
                    self.hidden_skipped.add(name)
                return None
            return (self.layouts[name], None)
        return (None, None if self.as_named else beside.folder(parent, name, str(path)))

    def _passes_over(self, shown: str, name: str, holds: str | None, parent: str) -> bool:
        """Whether a file found is a tool's command, skill or rule (said), not an agent."""
        what = holds or (None if self.as_named else beside.file(name, parent))
        if what is None:
            return False
        self.passed_over.append(shown)
        self.notes.items.append(
            Diagnostic(
                Code.INPUT_SKIPPED,
                f"{beside.reason(what)}; skipped (name the file itself to read it)",
                Severity.INFO,
                SourceSpan(shown),
            )
        )
        return True

    def _link(self, path: Path, child: PurePath) -> Job | None:
        try:
            target = path.resolve(strict=True)
        except (RuntimeError, OSError) as error:
            if isinstance(error, FileNotFoundError):
                self.notes.add(Code.SYMLINK_SKIPPED, f"{path}: a broken link; skipped")
                return None
            return Job(
                path,
                str(path),
                child,
                InputError("a symbolic link loop; not read", span=SourceSpan(str(path))),
                walked=True,
            )
        if target.is_dir():
            self.notes.add(Code.SYMLINK_SKIPPED, f"{path}: a link to a folder is not followed")
            return None
        if not target.is_relative_to(self.real_root):
            self.notes.add(Code.SYMLINK_SKIPPED, f"{path}: a link out of {self.root}; skipped")
            return None
        if not (self.registry.claims(child.as_posix()) or self._claims_where(child.as_posix())):
            return None
        if not target.is_file():
            self.notes.add(
                Code.INPUT_SKIPPED,
                f"{path}: not a regular file (a FIFO, socket or device); skipped",
            )
            return None
        return Job(path, str(path), child, walked=True)


def _layout_folders(registry: Registry) -> dict[str, frozenset[str] | None]:
    """Hidden folder → the subfolders of it that hold a tool's agents, from the formats'
    file patterns (`.claude/agents/*.md` → `.claude`: {`agents`}); None walks all of it.
    A tool's commands (`.gemini/commands`) are not its agents: read when named, not walked."""
    found: dict[str, frozenset[str] | None] = {SOURCE_FOLDER: None}
    for pattern in registry.patterns(kind="agent"):
        parts = pattern.split("/")
        if len(parts) > 2 and parts[0].startswith(".") and not any(c in parts[0] for c in "*?["):
            known = found.get(parts[0]) or frozenset()
            found[parts[0]] = known | {parts[1]}
    return found


def selected(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a path (POSIX, relative to the folder given) passes --include/--exclude: it
    must match an include glob (when any is given) and no exclude glob. A glob without a
    slash also matches the file's name alone, as in .gitignore."""
    name = relative.rpartition("/")[2]

    def matches(pattern: str) -> bool:
        return bool(_glob(pattern).fullmatch(relative if "/" in pattern else name))

    if include and not any(matches(p) for p in include):
        return False
    return not any(matches(p) for p in exclude)


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over POSIX paths: `*` and `?` stay in one folder,
    `**/` spans any number of folders."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _identity(folder: Path | None) -> tuple[int, int] | None:
    """A folder's (device, inode), or None when it is none (not there yet: nothing to skip)."""
    if folder is None:
        return None
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None
