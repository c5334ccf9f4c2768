"""The output policy: one set of rules for every file a command writes (outputs, reports).

Never overwrite without `force`; never write to an input (unless the command works in
place); never write outside the output folder, whatever links lie on the way (paths are
resolved, symlinks included, before anything is written).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from converter.errors import OutputError, SourceSpan
from converter.io import textio


class OutputPolicy:
    """What a command may write. `check` raises before a write that breaks a rule.

    A plain class (not a dataclass, whose making costs about a millisecond at every start).
    """

    __slots__ = (
        "_identities", "_inside", "_parents", "_real_root", "force", "in_place", "inputs", "root"
    )  # fmt: skip

    def __init__(
        self,
        force: bool = False,
        in_place: bool = False,
        root: Path | None = None,
        inputs: frozenset[str] = frozenset(),
    ) -> None:
        self.force = force
        #: the command rewrites its inputs on purpose (`fix`)
        self.in_place = in_place
        #: outputs must stay inside this folder (-o DIR)
        self.root = root
        #: the inputs, resolved
        self.inputs = inputs
        self._real_root: str | None = None
        #: the inputs' identities (a hard link is the same file), taken when first needed: a
        #: batch that replaces nothing needs none (a stat less per input before it starts)
        self._identities: frozenset[tuple[int, int]] | None = None
        self._parents: dict[str, str] = {}
        #: folders (as written) already found inside the root
        self._inside: set[str] = set()

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
        folders: dict[str, str] = {}
        for path in inputs:
            # one resolve per folder (a file's own link is caught by its identity)
            folder, name = os.path.split(os.fspath(path))
            if folder not in folders:
                folders[folder] = os.path.realpath(folder or ".")
            real.add(os.path.join(folders[folder], name))
        policy = cls(force, in_place, root, frozenset(real))
        if root is not None:
            policy._real_root = os.path.realpath(root)
        return policy

    def check(self, destination: str | Path, *, replacing: bool = True) -> None:
        """Refuse a destination that leaves the output folder or is one of the inputs.

        With `replacing` False the write that follows refuses any file that exists, so an
        input under another name (a hard link) is not looked for here: `write` says
        what the existing file is when it refuses it (a stat less per output).

        Raises:
            OutputError: naming the output path.
        """
        folder, name = os.path.split(destination)  # strings: a batch checks every output
        parent = self._resolved(folder)
        if self._real_root is not None and folder not in self._inside:
            if not _within(parent, self._real_root):
                raise OutputError(
                    f"output path {destination} would leave {self.root} (through a link)",
                    span=SourceSpan(str(destination)),
                    hint="remove the link, or write to another folder",
                )
            self._inside.add(folder)
        if self.in_place:
            return
        real = os.path.join(parent, name)
        if real in self.inputs or (replacing and self._same_file(real)):
            raise self._input_error(destination)

    def write(self, destination: Path, data: bytes, *, overwrite: bool) -> None:
        """Write a checked destination atomically (converter/io/textio.py); a refusal of an
        existing file that is an input (a hard link to one) says so, not "use --force".

        Raises:
            OutputError: naming the output path.
        """
        try:
            textio.atomic_write(destination, data, overwrite=overwrite)
        except OutputError:
            if not self.in_place and self.is_input(destination):
                raise self._input_error(destination) from None
            raise

    @staticmethod
    def _input_error(destination: str | Path) -> OutputError:
        return OutputError(
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
        known = self._identities
        if known is None:
            found = (_identity(p) for p in self.inputs)
            known = self._identities = frozenset(i for i in found if i is not None)
        return bool(known) and _identity(path) in known


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
