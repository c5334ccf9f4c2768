"""Folders made one level at a time, never by recursion."""

from __future__ import annotations

from pathlib import Path


def make_folders(folder: Path) -> None:
    """`folder` and its missing parents, one level at a time: `Path.mkdir(parents=True)`
    calls itself once per level on Python 3.11, and an output a thousand folders deep (a
    folder walked from a hostile checkout) raised RecursionError."""
    missing = []
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir()
        except FileExistsError:
            if not each.is_dir():
                raise
