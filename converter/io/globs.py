"""File-name patterns (fnmatch, as the formats declare them) matched against paths."""

from __future__ import annotations

import fnmatch
import os
import re
from functools import cache


def glob_specificity(pattern: str, path: str) -> int:
    """How specifically `pattern` matches `path` (0: not at all); literal characters count."""
    depth, weight, _, _ = pattern_shape(pattern)
    posix = path.replace("\\", "/") if "\\" in path else path
    tail = posix.rsplit("/", depth)[-depth:] if depth > 1 else [posix.rsplit("/", 1)[-1]]
    return weight if matches_glob(pattern, "/".join(tail).lower()) else 0


@cache
def pattern_shape(pattern: str) -> tuple[int, int, str, str]:
    """A file-name pattern's depth in path parts, its literal weight, and the literal text
    it starts and ends with (lowercased): most names fail those, and skip the regex."""
    lower = pattern.lower()
    wild = [i for i, char in enumerate(lower) if char in "*?[]"] or [len(lower)]
    weight = sum(1 for char in pattern if char not in "*?[]")
    return pattern.count("/") + 1, weight, lower[: wild[0]], lower[wild[-1] + 1 :]


def matches_glob(pattern: str, text: str) -> bool:
    """Whether lowercased `text` matches `pattern`; the regex is compiled only for names
    with its literal ends (a run used to compile all 36 .md patterns: ~2 ms)."""
    _, _, head, tail = pattern_shape(pattern)
    if not (text.startswith(head) and text.endswith(tail)):
        return False
    return _regex(pattern).fullmatch(text) is not None


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern.lower()))


def where(path: str) -> str:
    """`path` as the tools see it: absolute, lexically. A tool knows its agents by the folder
    they are in, so `t.md` typed inside `.claude/agents` is a Claude Code agent, as is
    `agents/t.md` typed inside `.claude` (links are not followed: their names are the user's)."""
    if os.path.isabs(path):
        return path
    try:
        return os.path.abspath(path)
    except OSError:  # the working folder was deleted: the path as given is all there is
        return path
