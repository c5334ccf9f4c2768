"""Unified diffs of a file's old and new bytes, as `git diff` shows them (for --diff)."""

from __future__ import annotations

import difflib


def unified(old: bytes | None, new: bytes | None, shown: str) -> str:
    """The change from `old` to `new` (None: no file) as a unified diff; "" when equal.

    A last line without a newline is marked as `diff` marks it, so the patch applies."""
    before = _lines((old or b"").decode("utf-8", "replace"))
    after = _lines((new or b"").decode("utf-8", "replace"))
    absolute = shown.startswith("/")
    old_name = "/dev/null" if old is None else (shown if absolute else f"a/{shown}")
    new_name = "/dev/null" if new is None else (shown if absolute else f"b/{shown}")
    lines = difflib.unified_diff(before, after, old_name, new_name)
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _lines(text: str) -> list[str]:
    """Lines as git has them: ended by LF alone (`str.splitlines` also ends one at CR alone,
    form feed, NEL, U+2028...: a line holding one would show as two)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])
