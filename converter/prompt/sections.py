"""A parsed, optional view of an agent's prompt as sections; the prompt itself stays verbatim.

Three section styles are recognised outside code fences: Markdown `#` headings, `**Bold:**`
heading lines, and balanced XML-tagged blocks whose tags stand on their own lines. Every
section keeps the exact text of its markers, so `render(parse(text)) == text` always holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "bold", "tag"]
#: bold heading lines sit below every `#` level when headings nest
BOLD_LEVEL = 7
#: tags nested deeper than this are kept as text inside their section
MAX_DEPTH = 32

_HEADING = re.compile(r"(#{1,6})[ \t]+(\S[^\n]*?)[ \t]*\r?\n?")
_BOLD = re.compile(r"\*\*([^*\n]*[^*\s:][^*\n]*?):?\*\*:?[ \t]*\r?\n?")
_OPEN_TAG = re.compile(r"<([A-Za-z_][\w.\-]*)((?:[ \t][^<>\n]*)?)>[ \t]*\r?\n?")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})([^\n]*)")


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its markers exactly as written, its own text, and nested sections."""

    kind: Kind
    #: the heading or bold text, or the tag name
    title: str
    #: heading level (1-6), BOLD_LEVEL for bold lines, nesting depth (1 = top) for tags
    level: int
    #: the opening line with its newline: "## Core Responsibilities\n", "<role>\n"
    open: str
    #: the section's own text, up to its first nested section
    text: str
    children: tuple[Section, ...] = ()
    #: tags only: the closing line as written, e.g. "  </role>\n"
    close: str = ""
    #: tags only: what follows the closing line, up to the next section
    after: str = ""
    #: tags only: attribute text inside the opening tag, e.g. ' index="1"'
    attributes: str = ""

    def render(self) -> str:
        inner = "".join(child.render() for child in self.children)
        return self.open + self.text + inner + self.close + self.after

    def walk(self) -> Iterator[Section]:
        """This section, then its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Outline:
    """A prompt as text before the first section, then sections."""

    style: Literal["markdown", "tags", "none"]
    preamble: str
    sections: tuple[Section, ...] = field(default=())

    def render(self) -> str:
        return self.preamble + "".join(s.render() for s in self.sections)

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()


def parse(text: str) -> Outline:
    """The outline of a prompt: tagged blocks if it has any at the top level, else headings.
    A prompt with `#` headings outside its tags is an outline of headings, the tagged
    blocks inside its sections (`## When to Delegate`, then `<example>` blocks, then `##
    Process`): read as tags, its sections would run from one tag to the next."""
    lines = text.splitlines(keepends=True)
    fenced = fence_mask(lines)
    tagged = _parse_tags(lines, fenced, 0, len(lines), 1)
    if tagged is not None and tagged[1]:
        outside = [tagged[0], *(section.after for section in tagged[1])]
        if not any(_has_heading(part) for part in outside):
            return Outline("tags", tagged[0], tagged[1])
    markdown = _parse_markdown(lines, fenced)
    if markdown.sections:
        return markdown
    return Outline("none", text)


def _has_heading(text: str) -> bool:
    """Whether `text` holds a `#` heading line outside its code fences."""
    if "#" not in text:
        return False
    lines = text.splitlines(keepends=True)
    fenced = fence_mask(lines)
    return any(
        line[:1] == "#" and not fenced[n] and _HEADING.fullmatch(line)
        for n, line in enumerate(lines)
    )


def parse_markdown(text: str) -> Outline:
    """The heading outline only (tags are left inside section text)."""
    lines = text.splitlines(keepends=True)
    return _parse_markdown(lines, fence_mask(lines))


def fence_mask(lines: list[str]) -> list[bool]:
    """True for each line inside (or opening or closing) a code fence.

    Real prompts nest fences of the same length (a ```markdown block showing ```python
    blocks); an info string inside an open fence opens a nested one. If that reading leaves
    a fence open at the end, the CommonMark reading (no nesting) is used instead.
    """
    nested = _fence_mask(lines, nesting=True)
    return nested if nested is not None else _fence_mask(lines, nesting=False) or []


def _fence_mask(lines: list[str], *, nesting: bool) -> list[bool] | None:
    # Only a line holding ``` or ~~~ can be a fence: the regex is asked of those alone, and
    # the lines between two fences take the state the first one left (a prompt of a few
    # hundred lines has a handful of fences).
    fences = [
        (index, match)
        for index, line in enumerate(lines)
        if ("```" in line or "~~~" in line) and (match := _FENCE.match(line)) is not None
    ]
    mask = [False] * len(lines)
    stack: list[tuple[str, int]] = []
    after = 0  # the line after the last fence seen
    for index, match in fences:
        if stack:
            mask[after:index] = [True] * (index - after)
        mask[index] = True
        after = index + 1
        marker, info = match.group(1), match.group(2).strip()
        if not stack:
            stack.append((marker[0], len(marker)))
        elif marker[0] == stack[-1][0] and len(marker) >= stack[-1][1]:
            if not info:
                stack.pop()
            elif nesting:
                stack.append((marker[0], len(marker)))
    if stack and nesting:
        return None
    if stack:
        mask[after:] = [True] * (len(lines) - after)
    return mask


def _parse_markdown(lines: list[str], fenced: list[bool]) -> Outline:
    markers: list[tuple[int, Kind, int, str]] = []
    for index, line in enumerate(lines):
        # a heading starts with '#', a bold title with '**' (both patterns say so): most
        # lines are neither, and are not matched at all
        first = line[:1]
        if fenced[index] or (first != "#" and first != "*"):
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            markers.append((index, "heading", len(heading.group(1)), heading.group(2)))
            continue
        bold = _BOLD.fullmatch(line)
        if bold:
            markers.append((index, "bold", BOLD_LEVEL, bold.group(1).strip()))
    if not markers:
        return Outline("none", "".join(lines))
    preamble = "".join(lines[: markers[0][0]])
    flat: list[tuple[int, Kind, str, str, str]] = []
    for number, (index, kind, level, title) in enumerate(markers):
        end = markers[number + 1][0] if number + 1 < len(markers) else len(lines)
        flat.append((level, kind, title, lines[index], "".join(lines[index + 1 : end])))
    return Outline("markdown", preamble, _nest(flat))


def _nest(flat: list[tuple[int, Kind, str, str, str]]) -> tuple[Section, ...]:
    """Attach each section under the nearest earlier section of a smaller level."""
    result: list[Section] = []
    position = 0
    while position < len(flat):
        level, kind, title, opening, text = flat[position]
        end = position + 1
        while end < len(flat) and flat[end][0] > level:
            end += 1
        children = _nest(flat[position + 1 : end])
        result.append(Section(kind, title, level, opening, text, children))
        position = end
    return tuple(result)


def _parse_tags(
    lines: list[str],
    fenced: list[bool],
    start: int,
    stop: int,
    depth: int,
    pairs: dict[int, int] | None = None,
) -> tuple[str, tuple[Section, ...]] | None:
    """Top-level balanced block tags in lines[start:stop]: (text before them, sections)."""
    if pairs is None:
        pairs = _pair_tags(lines, fenced)
    sections: list[Section] = []
    preamble_end = stop
    index = _next_open(pairs, start, stop)
    while index < stop:
        closing = pairs[index]
        if not sections:
            preamble_end = index
        match = _OPEN_TAG.fullmatch(lines[index])
        assert match is not None  # paired lines are open tags
        # Deeper than MAX_DEPTH, nested tags stay text: hostile nesting cannot exhaust the stack.
        inner = (
            _parse_tags(lines, fenced, index + 1, closing, depth + 1, pairs)
            if depth < MAX_DEPTH
            else None
        )
        own_end = closing
        children: tuple[Section, ...] = ()
        if inner is not None and inner[1]:
            children = inner[1]
            own_end = index + 1 + len(inner[0].splitlines(keepends=True))
        after_end = _next_open(pairs, closing + 1, stop)
        sections.append(
            Section(
                "tag",
                match.group(1),
                depth,
                lines[index],
                "".join(lines[index + 1 : own_end]),
                children,
                lines[closing],
                "".join(lines[closing + 1 : after_end]),
                match.group(2),
            )
        )
        index = after_end
    if not sections:
        return "".join(lines[start:stop]), ()
    return "".join(lines[start:preamble_end]), tuple(sections)


def _pair_tags(lines: list[str], fenced: list[bool]) -> dict[int, int]:
    """Opening-tag line → its closing-tag line, for balanced tags outside code fences.

    One pass with a stack per tag name: a tag nested in one of the same name closes first.
    """
    open_lines: dict[str, list[int]] = {}
    pairs = _Pairs()
    for index, line in enumerate(lines):
        if fenced[index] or "<" not in line:
            continue
        stripped = line.strip()
        if stripped.startswith("</") and stripped.endswith(">"):
            waiting = open_lines.get(stripped[2:-1])
            if waiting:
                pairs[waiting.pop()] = index
            continue
        match = _OPEN_TAG.fullmatch(line)
        if match:
            open_lines.setdefault(match.group(1), []).append(index)
    pairs.opens = sorted(pairs)
    return pairs


class _Pairs(dict[int, int]):
    """Opening-tag line → closing-tag line, with the opening lines sorted for bisection."""

    opens: list[int]


def _next_open(pairs: dict[int, int], start: int, stop: int) -> int:
    """The first line in [start, stop) that opens a tag closed before `stop`, or `stop`.

    A bisection, then a walk past tags that close beyond `stop` (crossing tags): each line is
    walked past at most once per nesting level, so parsing stays O(n log n), not O(n²).
    """
    opens = pairs.opens if isinstance(pairs, _Pairs) else sorted(pairs)
    position = bisect_left(opens, start)
    while position < len(opens) and opens[position] < stop:
        if pairs[opens[position]] < stop:
            return opens[position]
        position += 1
    return stop
