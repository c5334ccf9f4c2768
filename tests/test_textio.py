"""Bytes and files: BOM, newlines, encodings, size limits and atomic, non-clobbering writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import InputError, LimitError, OutputError
from converter.textio import atomic_write, decode, normalize_text, read_bytes, restore_text


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


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01", "f.md")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(LimitError, match="--max-size"):
        read_bytes(big, max_bytes=1024)
    assert read_bytes(big, max_bytes=4096) == b"x" * 2048


def test_atomic_write_never_overwrites_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    atomic_write(target, b"one", overwrite=False)
    with pytest.raises(OutputError, match="not overwritten"):
        atomic_write(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    atomic_write(target, b"three", overwrite=True)
    assert target.read_bytes() == b"three"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.json"]  # no temporary files


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(blocker / "child.json", b"x", overwrite=False)


def test_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    import os

    target = tmp_path / "a.json"
    atomic_write(target, b"x", overwrite=False)
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
