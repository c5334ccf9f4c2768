"""The output policy: one set of rules for every file a command writes (outputs, reports).

Never overwrite without `force`; never write to an input (unless the command works in
place); never write outside the output folder, whatever links lie on the way (paths are
resolved, symlinks included, before anything is written).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from converter.errors import OutputError, SourceSpan


@dataclass(slots=True)
class OutputPolicy:
    """What a command may write. `check` raises before a write that breaks a rule."""

    force: bool = False
    #: the command rewrites its inputs on purpose (`fix`)
    in_place: bool = False
    #: outputs must stay inside this folder (-o DIR)
    root: Path | None = None
    #: the inputs, resolved, and their identities (a hard link is the same file)
    inputs: frozenset[str] = frozenset()
    identities: frozenset[tuple[int, int]] = frozenset()
    _real_root: str | None = None
    _parents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        inputs: Iterable[Path],
        *,
        force: bool = False,
        in_place: bool = False,
        root: Path | None = None,
    ) -> OutputPolicy:
        real: set[str] = set()
        identities: set[tuple[int, int]] = set()
        folders: dict[str, str] = {}
        for path in inputs:
            # one resolve per folder (a file's own link is caught by its identity below)
            folder, name = os.path.split(os.fspath(path))
            if folder not in folders:
                folders[folder] = os.path.realpath(folder or ".")
            real.add(os.path.join(folders[folder], name))
            try:
                status = os.stat(path)
            except OSError:
                continue
            identities.add((status.st_dev, status.st_ino))
        policy = cls(force, in_place, root, frozenset(real), frozenset(identities))
        if root is not None:
            policy._real_root = os.path.realpath(root)
        return policy

    def check(self, destination: str | Path) -> None:
        """Refuse a destination that leaves the output folder or is one of the inputs.

        Raises:
            OutputError: naming the output path.
        """
        folder, name = os.path.split(destination)  # strings: a batch checks every output
        parent = self._resolved(folder)
        if self._real_root is not None and not _within(parent, self._real_root):
            raise OutputError(
                f"output path {destination} would leave {self.root} (through a link)",
                span=SourceSpan(str(destination)),
                hint="remove the link, or write to another folder",
            )
        if self.in_place:
            return
        if self._is_input_at(parent, name):
            raise OutputError(
                f"{destination} is an input; agentmorph never writes over its inputs",
                span=SourceSpan(str(destination)),
                hint="write to another folder with -o; --in-place allows it ('agentmorph fix' "
                "repairs headers in place)",
            )

    def is_input(self, destination: str | Path) -> bool:
        """Whether writing `destination` would replace one of the inputs."""
        folder, name = os.path.split(destination)
        return self._is_input_at(self._resolved(folder), name)

    def _is_input_at(self, real_folder: str, name: str) -> bool:
        real = os.path.join(real_folder, name)
        return real in self.inputs or self._same_file(real)

    def _resolved(self, folder: str) -> str:
        found = self._parents.get(folder)
        if found is None:  # one resolve per folder, not per file
            found = self._parents[folder] = os.path.realpath(folder or ".")
        return found

    def _same_file(self, path: str) -> bool:
        if not self.identities:
            return False
        try:
            status = os.stat(path)
        except OSError:
            return False
        return (status.st_dev, status.st_ino) in self.identities


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
