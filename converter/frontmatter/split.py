"""Split a `---` fenced YAML header from its body.

Pure text functions: no YAML parsing here (see `yaml12`), no repair (see `repair`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.errors import ParseError, SourceSpan

_FENCE = re.compile(r"---[ \t]*\r?(?:\n|$)")
# Claude Code's lazy regex also closes on a longer run of dashes (formats.md §1.1); we accept
# a line of dashes only as a fallback, and say so.
_LONG_FENCE = re.compile(r"-{4,}[ \t]*\r?(?:\n|$)")


@dataclass(frozen=True, slots=True)
class Split:
    """A file cut at its fences: `header` holds both fence lines and the YAML between."""

    header: str
    yaml_text: str
    body: str
    #: 1-based file line of the first YAML line (the line after the opening fence)
    yaml_first_line: int = 2
    #: 1-based line of a closing fence longer than `---`, when that is what closed it
    long_fence_line: int | None = None


def split(text: str, *, path: str) -> Split | None:
    """Cut `text` at its frontmatter fences; `None` when it has no frontmatter.

    Claude Code matches `^---\\s*\\n([\\s\\S]*?)---\\s*\\n?` (formats.md §1.1), which also
    closes on a `---` inside a value; we close only on a line that is `---` alone.

    Raises:
        ParseError: an opening fence with no closing `---` line.
    """
    opening = _FENCE.match(text)
    if opening is None:
        return None
    start = opening.end()
    position = start
    long_fence: tuple[int, int] | None = None
    while position < len(text):
        end = text.find("\n", position)
        line_end = len(text) if end == -1 else end + 1
        if _FENCE.fullmatch(text, position, line_end):
            return Split(text[:line_end], text[start:position], text[line_end:])
        if long_fence is None and _LONG_FENCE.fullmatch(text, position, line_end):
            long_fence = (position, line_end)
        position = line_end
    if long_fence is not None:
        fence_start, fence_end = long_fence
        line = text.count("\n", 0, fence_start) + 1
        return Split(text[:fence_end], text[start:fence_start], text[fence_end:], 2, line)
    raise ParseError(
        "unterminated frontmatter: the opening '---' has no closing '---' line",
        span=SourceSpan(path, 1, 1),
        source_line=text[: opening.end()],
        hint="end the header with a line holding only '---'",
    )
