"""Bytes and files: BOM, newlines, encodings, size limits and atomic, non-clobbering writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from converter import InputError, LimitError, OutputError
from converter.io import textio
from converter.io.textio import atomic_write, decode, normalize_text, read_bytes, restore_text


@pytest.mark.parametrize(
    "text",
    ["a\nb\n", "a\r\nb\r\n", "\ufeffa\r\nb", "mixed\r\nends\n", "lone\rreturn\n", "", "\ufeff"],
)
def test_normalize_then_restore_gives_the_text_back(text: str) -> None:
    decoded = normalize_text(text)
    assert "\ufeff" not in decoded.text[:1]
    assert restore_text(decoded.text, decoded.newline, decoded.bom) == text


def test_crlf_files_are_read_with_lf() -> None:
    decoded = normalize_text("a\r\nb\r\n")
    assert (decoded.text, decoded.newline) == ("a\nb\n", "\r\n")


def test_mixed_newlines_are_kept_verbatim() -> None:
    assert normalize_text("a\r\nb\n").text == "a\r\nb\n"


def test_non_utf8_is_located() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"ok\nbad \xe9 byte", "f.md")
    assert (caught.value.span.line, caught.value.span.column) == (2, 5)  # type: ignore[union-attr]


def test_a_windows_file_gets_the_windows_encoding_in_its_hint() -> None:
    # 0x92 is Windows-1252's right quote (a control character in latin-1)
    with pytest.raises(InputError) as windows:
        textio.decode(b"name: a\ndescription: It\x92s fast\n", "a.md")
    assert windows.value.hint is not None and "iconv -f cp1252" in windows.value.hint
    with pytest.raises(InputError) as latin:
        textio.decode(b"name: caf\xe9\n", "a.md")
    assert latin.value.hint is not None and "iconv -f latin1" in latin.value.hint


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01", "f.md")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(LimitError, match="--max-size"):
        read_bytes(big, max_bytes=1024)
    assert read_bytes(big, max_bytes=4096) == b"x" * 2048


def test_files_without_a_size_are_read_to_the_limit(tmp_path: Path) -> None:
    import os

    if not Path("/dev/fd").is_dir():
        pytest.skip("no /dev/fd on this system")
    for limit, fits in ((4096, True), (1024, False)):
        read_end, write_end = os.pipe()  # a pipe has no size: read until its end
        os.write(write_end, b"y" * 3000)
        os.close(write_end)
        try:
            if fits:
                assert read_bytes(Path(f"/dev/fd/{read_end}"), max_bytes=limit) == b"y" * 3000
            else:
                with pytest.raises(LimitError):
                    read_bytes(Path(f"/dev/fd/{read_end}"), max_bytes=limit)
        finally:
            os.close(read_end)
    (tmp_path / "empty.md").write_bytes(b"")
    assert read_bytes(tmp_path / "empty.md") == b""


#: this system can write through O_TMPFILE (Linux with /proc)
UNNAMED = hasattr(os, "O_TMPFILE") and Path("/proc/self/fd").is_dir()


@pytest.fixture(params=["unnamed", "named"])
def write_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each write test runs twice: through O_TMPFILE (where the system has it) and through
    the named temporary file every system has."""
    if request.param == "named":
        monkeypatch.setattr(textio, "_UNNAMED", [])
    elif not UNNAMED:
        pytest.skip("no O_TMPFILE on this system")
    else:
        monkeypatch.setattr(textio, "_UNNAMED", [True])
    return str(request.param)


def test_a_new_file_is_written_without_a_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not UNNAMED:
        pytest.skip("no O_TMPFILE on this system")
    import tempfile

    monkeypatch.setattr(textio, "_UNNAMED", [True])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a named temporary file was made")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    atomic_write(tmp_path / "a.json", b"one", overwrite=False)
    assert (tmp_path / "a.json").read_bytes() == b"one"


def test_an_unsupported_system_falls_back_to_a_named_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    real_open = os.open

    def no_tmpfile(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textio, "_UNNAMED", [True])
    monkeypatch.setattr(os, "open", no_tmpfile)
    atomic_write(tmp_path / "a.json", b"one", overwrite=False)
    assert (tmp_path / "a.json").read_bytes() == b"one"
    assert textio._UNNAMED == []  # not tried again for the rest of the batch
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


@pytest.mark.usefixtures("write_path")
def test_atomic_write_never_overwrites_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    atomic_write(target, b"one", overwrite=False)
    with pytest.raises(OutputError, match="not overwritten"):
        atomic_write(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    atomic_write(target, b"three", overwrite=True)
    assert target.read_bytes() == b"three"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.json"]  # no temporary files


@pytest.mark.usefixtures("write_path")
@pytest.mark.parametrize("letter", ["b", "é"])
def test_a_file_whose_name_is_near_the_limit_is_written_and_written_over(
    tmp_path: Path, letter: str
) -> None:
    """The temporary file beside it takes a longer name: past 255 bytes that write failed
    with "File name too long", so such a file could be made but never written over."""
    name = letter * (245 // len(letter.encode())) + ".json"
    assert 240 < len(name.encode()) <= 255
    target = tmp_path / name
    atomic_write(target, b"one", overwrite=False)
    atomic_write(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


@pytest.mark.usefixtures("write_path")
def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(blocker / "child.json", b"x", overwrite=False)


@pytest.mark.usefixtures("write_path")
def test_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    import os

    target = tmp_path / "a.json"
    atomic_write(target, b"x", overwrite=False)
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_refused_write_leaves_the_unnamed_way_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not UNNAMED:
        pytest.skip("no O_TMPFILE on this system")
    monkeypatch.setattr(textio, "_UNNAMED", [True])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(blocker / "child.json", b"x", overwrite=False)
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(Path("/proc/agentmorph-test/a.json"), b"x", overwrite=False)
    assert textio._UNNAMED == [True]  # a refusal says nothing about the system


def test_writing_over_a_file_loads_no_tempfile(tmp_path: Path) -> None:
    """A temporary name of our own: tempfile brings shutil, random, bz2 and lzma (about
    3 ms of every start that writes over a file, as `convert --force` does)."""
    import subprocess
    import sys

    target = tmp_path / "a.json"
    target.write_text("old")
    target.chmod(0o640)
    code = (
        "import sys; from pathlib import Path; from converter.io.textio import atomic_write; "
        f"atomic_write(Path({str(target)!r}), b'new', overwrite=True); "
        "print('tempfile' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640  # a file written over keeps its mode
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary file left
