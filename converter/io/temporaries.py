"""The temporary files a write goes through (`.NAME.agentmorph-PID-XXXXXXXX.tmp` beside the
file written), and the removal of those a killed run of ours left behind."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

#: every temporary file we make is named `.NAME.agentmorph-PID-XXXXXXXX.tmp`, so a later run
#: can tell its own leftovers (from a kill -9) from anyone else's files
TEMPORARY_MARK = ".agentmorph-"


def create_temporary(path: Path) -> tuple[int, str]:
    """Create `.NAME.agentmorph-PID-XXXXXXXX.tmp` beside `path`, as tempfile.mkstemp would
    (a random name, never an existing file or a link followed), without importing tempfile,
    which brings shutil, random, bz2 and lzma: about 3 ms of every start that writes over
    a file. The mode is a new file's (0666 less the umask), not mkstemp's 0600."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    mark = f"{TEMPORARY_MARK}{os.getpid()}-"
    # a file system takes names of 255 bytes: the temporary name of a file whose own name
    # is near that keeps only the start of it (it failed with "File name too long", so a
    # file of such a name could be written new but never written over)
    room = _NAME_BYTES - len(f".{mark}01234567.tmp")
    named = path.name
    if len(named.encode("utf-8", "surrogateescape")) > room:
        named = named.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    stem = os.path.join(path.parent, f".{named}{mark}")
    for _ in range(100):  # mkstemp's number of tries
        name = f"{stem}{os.urandom(4).hex()}.tmp"
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


#: the longest file name most file systems take, in bytes (ext4, XFS, Btrfs, APFS; NTFS
#: takes 255 UTF-16 units, which is never fewer)
_NAME_BYTES = 255


_STALE = r"\..+" + re.escape(TEMPORARY_MARK) + r"(\d+)-[^/]*\.tmp"  # compiled when used


def remove_stale_temporaries(folder: Path) -> int:
    """Remove our temporary files in `folder` whose process is gone; how many were removed.

    Only names we make (`.NAME.agentmorph-PID-XXXXXXXX.tmp`) are considered, and only when
    process PID no longer runs: a concurrent run's file in progress is never touched.
    """
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    stale = re.compile(_STALE)
    for name in names:
        match = stale.fullmatch(name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True
