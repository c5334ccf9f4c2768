"""The comments in a header's block, found as YAML scans it, for `fix` to keep them.

`fix` writes a block again when it does not say what its author meant (`max_turns: 1_0`,
which Claude Code reads as text): the value is dumped anew, and a comment on its lines
(`max_turns: 1_0  # ten`) would go with the old text. A `#` is a comment only outside every
token and after white space or at a line's start (YAML 1.2, 6.6): inside a quoted or block
text it is text, so the block is scanned, not searched.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from converter.frontmatter.pyyaml import yaml

#: the scanner alone, libyaml's where PyYAML has it (its marks count characters too)
_SCANNER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: its 0-based line in the block, the white space before it on that line
    (None for a line of its own) and its text from the `#` on."""

    line: int
    space: str | None
    text: str


def found(block: list[str]) -> list[Comment]:
    """The block's comments in order; none where it does not scan as YAML (then what
    follows a `#` may be text to the tool that reads it, and is the value's to keep)."""
    text = "\n".join(block)
    if "#" not in text:
        return []
    try:
        spans = [
            (_text_start(token, text), token.end_mark.index)
            for token in yaml.scan(text, Loader=_SCANNER)
            if token.end_mark.index > token.start_mark.index
        ]
    except yaml.YAMLError:
        return []
    starts = [start for start, _ in spans]
    comments: list[Comment] = []
    offset = 0
    for number, line in enumerate(block):
        at = _first_comment(line, offset, spans, starts)
        if at is not None:
            before = line[:at]
            space = None if not before.strip() else before[len(before.rstrip()) :]
            comments.append(Comment(number, space, line[at:]))
        offset += len(line) + 1
    return comments


def _text_start(token: Any, text: str) -> int:
    """Where a token's text starts: a block text's on the line after its indicator, where a
    comment may follow (`description: | # why`)."""
    start: int = token.start_mark.index
    if getattr(token, "style", None) in ("|", ">"):
        return text.find("\n", start) + 1 or token.end_mark.index
    return start


def _first_comment(
    line: str, offset: int, spans: list[tuple[int, int]], starts: list[int]
) -> int | None:
    """Where a comment starts in the line: a `#` at its start or after white space that no
    token holds."""
    at = line.find("#")
    while at != -1:
        if at == 0 or line[at - 1] in " \t":
            index = offset + at
            holder = bisect.bisect_right(starts, index) - 1
            if holder < 0 or spans[holder][1] <= index:
                return at
        at = line.find("#", at + 1)
    return None
