"""Bytes ⇄ text for agent files: UTF-8, BOM, newline style, size limits, atomic writes.

With the rest of the io room, the only code besides the CLI that touches the file system;
codecs see `str` only.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from converter.errors import InputError, LimitError, OutputError, SourceSpan
from converter.io.folders import make_folders
from converter.io.temporaries import create_temporary, remove_stale_temporaries
from converter.options import MAX_BYTES

_BOM = "\ufeff"
#: bytes read at a time from a pipe or a file without a size: small enough that Ctrl-C is
#: seen between reads, large enough that a big input costs few calls
_CHUNK = 1 << 16


class Decoded(NamedTuple):
    """Text with "\\n" line ends, and what it takes to give the original bytes back."""

    text: str
    newline: str = "\n"
    bom: bool = False
    #: the text may hold what a model reads and a person cannot see (converter/io/hidden.py)
    hidden: bool = False


def normalize_text(text: str) -> Decoded:
    """Strip a BOM, and turn CRLF into LF when every line ends in CRLF (else keep as is)."""
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    crlf = text.count("\r\n") if "\r" in text else 0  # most files have no CR at all
    if crlf and crlf == text.count("\n"):
        return Decoded(text.replace("\r\n", "\n"), "\r\n", bom)
    return Decoded(text, "\n", bom)


def decode_text(text: str) -> Decoded:
    """`normalize_text` for text a caller gives (not read from a file), told whether it may
    hold hidden text, as `decode` tells it of a file's."""
    decoded = normalize_text(text)
    if text.isascii():
        return decoded
    return decoded._replace(hidden=_may_hide(text.encode("utf-8", "surrogatepass")))


def restore_text(text: str, newline: str = "\n", bom: bool = False) -> str:
    """The inverse of `normalize_text`."""
    if newline != "\n":
        text = text.replace("\n", newline)
    return _BOM + text if bom else text


def blank(data: bytes) -> bool:
    """Whether a file holds nothing but blanks (`not data.strip()`, without copying it)."""
    return not data or data.isspace()


def decode(data: bytes, path: str) -> Decoded:
    """UTF-8 bytes to text; binary data and other encodings are clear errors.

    Raises:
        InputError: NUL bytes (a binary file) or bytes that are not UTF-8, with their line.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "UTF-16 is not supported; save the file as UTF-8",
            span=SourceSpan(path, 1, 1),
            hint="e.g. iconv -f utf-16 -t utf-8",
        )
    if blank(data):
        raise InputError("empty agent file", span=SourceSpan(path, 1, 1))
    nul = data.find(b"\0")
    if nul != -1:
        raise InputError(
            "binary file: it contains NUL bytes, so it is not an agent definition",
            span=SourceSpan(path, data.count(b"\n", 0, nul) + 1),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        # bytes 0x80-0x9F are Windows-1252's curly quotes and dashes (latin-1's controls)
        windows = any(0x80 <= byte <= 0x9F for byte in data[error.start : error.start + 4096])
        raise InputError(
            f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded",
            span=SourceSpan(path, line, column),
            hint="save the file as UTF-8 (e.g. iconv -f "
            + ("cp1252" if windows else "latin1")
            + " -t utf-8)",
        ) from None
    decoded = normalize_text(text)
    if text.isascii():  # O(1): Python knows it of every string; most agents are ASCII
        return decoded
    return decoded._replace(hidden=True) if _may_hide(data) else decoded


_hidden_check: Callable[[bytes], bool] | None = None


def _may_hide(data: bytes) -> bool:
    """converter/io/hidden.py's byte check, imported on the first input that is not ASCII
    (a function-level import would run the import machinery again for each one)."""
    global _hidden_check
    if _hidden_check is None:
        from converter.io.hidden import may_hide

        _hidden_check = may_hide
    return _hidden_check(data)


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than `max_bytes` before reading it.

    A pipe or device given by name (`<(cat a.md)`) is read in chunks up to the limit, so it
    can neither fill the memory nor ignore Ctrl-C.

    Raises:
        LimitError: the file is too large.
        InputError: the OS refused (missing, a folder, no permission, a link loop).
    """
    shown = str(path)
    try:
        # os.open and os.read, not a file object: half the cost of reading a small file
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(descriptor).st_size
            if size > max_bytes:
                raise LimitError(
                    f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                    span=SourceSpan(shown),
                    hint="raise the limit with --max-size if the file is really an agent",
                )
            if size == 0:  # a pipe, a device, /proc: no size known in advance
                with open(descriptor, "rb", closefd=False) as handle:
                    return read_stream(handle, max_bytes, shown)
            # Ask for what the file holds (plus one byte, to notice growth): asking for the
            # limit would make Python allocate 16 MB for every small file.
            data = os.read(descriptor, size + 1)
            while len(data) <= size:  # a short read (the OS may return less): read on
                more = os.read(descriptor, size + 1 - len(data))
                if not more:
                    break
                data += more
            if len(data) > size:  # it grew since fstat
                with open(descriptor, "rb", closefd=False) as handle:
                    data += read_stream(handle, max_bytes - len(data), shown)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise InputError(_os_reason(error, "cannot read"), span=SourceSpan(shown)) from None
    if len(data) > max_bytes:
        raise LimitError(f"file is over the {max_bytes:,}-byte limit", span=SourceSpan(shown))
    return data


def read_stream(stream: BinaryIO, max_bytes: int, shown: str = "<stdin>") -> bytes:
    """Read a stream to its end in chunks, refusing it past `max_bytes` (standard input, pipes).

    Raises:
        LimitError: more than `max_bytes` arrive; reading stops there.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read1(_CHUNK) if hasattr(stream, "read1") else stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise LimitError(
                f"input is over the {max_bytes:,}-byte limit",
                span=SourceSpan(shown),
                hint="raise the limit with --max-size if the input is really an agent",
            )
        chunks.append(chunk)


def _os_reason(error: OSError, what: str) -> str:
    if error.errno == errno.ELOOP:
        return f"{what}: a symbolic link loop"
    return f"{what}: {error.strerror or error}"


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` atomically: readers never see a half-written file, a failure
    leaves nothing behind, and without `overwrite` an existing file is never replaced.

    A new file is written as an unnamed file in its folder, then given its name in one step
    (Linux's O_TMPFILE): one directory change per file, as a plain write makes, and nothing
    to clean up even after a kill. Elsewhere, and to replace a file, a named temporary file
    is renamed into place (`_atomic_write`).

    Raises:
        OutputError: the file exists (and not `overwrite`), or the OS refused.
    """
    if not overwrite and _UNNAMED and _write_unnamed(path, data):
        return
    # SIGINT and SIGTERM are held back while one file is written (a few microseconds) and
    # delivered right after: an interrupt can land between creating the temporary file and
    # the cleanup that removes it, and must never leave it behind.
    with signals_held():
        _atomic_write(path, data, overwrite=overwrite)


#: O_TMPFILE works here (cleared on the first refusal: old kernels, other file systems)
_UNNAMED: list[bool] = [hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")]


def _write_unnamed(path: Path, data: bytes) -> bool:
    """Write a new file through O_TMPFILE and linkat; False when this system cannot (the
    caller then writes through a named temporary file, which reports any real refusal).

    Raises:
        OutputError: the file exists.
    """
    try:
        folder = _make_folder(path) or "."
    except OSError:
        return False  # the named way makes the same attempt and reports it
    try:
        handle = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError as error:
        if error.errno in _NO_TMPFILE:  # this kernel or file system has none: never again
            _UNNAMED.clear()
        return False
    try:
        _write_all(handle, data)
        # The mode is 0666 less the umask, as for any new file. No fsync (see _atomic_write).
        # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N names the file; it fails if the name
        # exists (os.link uses linkat with that flag once a dir_fd is given; the source path
        # is absolute, so which descriptor is given does not matter).
        os.link(f"/proc/self/fd/{handle}", path, src_dir_fd=handle, follow_symlinks=True)
    except FileExistsError:
        raise OutputError(
            "output exists; not overwritten", span=SourceSpan(str(path)), hint="use --force"
        ) from None
    except OSError as error:
        if error.errno in _NO_LINKAT:  # /proc links refused here (a sandbox): never again
            _UNNAMED.clear()
        return False  # disk full, folder gone...: the named way retries and reports it
    finally:
        os.close(handle)  # an unnamed file that was not linked is gone with its descriptor
    return True


def _write_all(handle: int, data: bytes) -> None:
    """os.write until every byte is written (it may write less): no file object to build."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _errnos(*names: str) -> frozenset[int]:
    return frozenset(getattr(errno, name) for name in names if hasattr(errno, name))


#: open(O_TMPFILE) errors that mean "not on this system": EISDIR from kernels before 3.11,
#: EOPNOTSUPP from file systems without it (open(2))
_NO_TMPFILE = _errnos("EOPNOTSUPP", "ENOTSUP", "EISDIR", "EINVAL")
#: linkat errors that mean "not through /proc here" (linkat(2))
_NO_LINKAT = _errnos("EOPNOTSUPP", "ENOTSUP", "EXDEV", "EPERM", "EINVAL")


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (in the main thread) and deliver them on leaving."""
    import signal
    import threading

    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)  # a held signal is delivered here


def _atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    Readers never see a half-written file, and a failure leaves nothing behind. Without
    `overwrite`, an existing file is never replaced, even one created meanwhile by another
    process (the final step is a hard link, which fails if the name exists).

    Raises:
        OutputError: the file exists (and not `overwrite`), or the OS refused.
    """
    shown = str(path)
    try:
        _make_folder(path)
        try:
            handle, temporary = create_temporary(path)
        except FileNotFoundError:  # the folder went away since: make it again
            make_folders(path.parent)
            handle, temporary = create_temporary(path)
    except OSError as error:
        raise OutputError(_os_reason(error, "cannot write"), span=SourceSpan(shown)) from None
    placed = False
    try:
        # No fsync: the rename makes the write atomic for readers and against interruption;
        # an fsync per file would triple the cost of a batch for a power-loss guarantee.
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if overwrite:
                _keep_mode(stream.fileno(), path)
        if overwrite:
            os.replace(temporary, path)
            placed = True
        else:
            _link_new(temporary, path)
    except FileExistsError:
        raise OutputError(
            "output exists; not overwritten", span=SourceSpan(shown), hint="use --force"
        ) from None
    except OSError as error:
        raise OutputError(
            f"cannot write: {error.strerror or error}", span=SourceSpan(shown)
        ) from None
    finally:
        if not placed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _keep_mode(handle: int, path: Path) -> None:
    """A file written over keeps its permissions (a replaced file is a new inode)."""
    with contextlib.suppress(OSError):
        os.fchmod(handle, os.stat(path).st_mode & 0o7777)


#: folders this process has made sure exist (as strings: a batch asks once per file)
_MADE: set[str] = set()


def _make_folder(path: Path) -> str:
    """Make `path`'s folder, once per folder and process (not once per file), and remove the
    temporary files an earlier run of ours left there when it was killed; the folder ("" for
    the current one)."""
    folder = os.path.dirname(path)
    if folder not in _MADE:
        make_folders(path.parent)
        remove_stale_temporaries(path.parent)
        _MADE.add(folder)
    return folder


def _link_new(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: fall back to a checked rename (small race).
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
