"""A variant's prompt as the merge reads it: a tree of sections (Node), each with its own
text, its title as written where a merge writes it so, and examples grouped under the
heading that introduces them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from converter.prompt import items as itemlib
from converter.prompt import sections
from converter.prompt.restyle import title_from_tag


@dataclass(slots=True, repr=False)
class Node:
    """One section of one variant (the root is the text before the first section)."""

    variant: int
    title: str | None
    text: str
    children: list[Node] = field(default_factory=list)
    written: str = ""  # a bold line or opening tag as written (`<ROLE lang="en">`)
    level: int = 0  # a heading's level as written (`##`: 2)

    def __repr__(self) -> str:
        return f"Node({self.variant}, {self.title!r}, {len(self.children)} children)"

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def words(self) -> tuple[str, ...]:
        """The normalised words of the text, then of the title: what `normalise` gives for
        both joined by a space (a space parts words either way), each text split once."""
        return words(self.text) + words(self.title) if self.title else words(self.text)


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    # variants share most sections word for word: each distinct text is split once
    return tuple(itemlib.normalise(text).split())


def tree(outline: sections.Outline, variant: int) -> Node:
    def node(section: sections.Section) -> Node:
        children = grouped([node(c) for c in section.children])
        if section.kind != "tag":
            bold = section.open.rstrip("\r\n") if section.kind == "bold" else ""
            level = section.level if section.kind == "heading" else 0
            return Node(variant, section.title, section.text, children, bold, level)
        title, opening = title_from_tag(section.title), section.open.strip()
        made = Node(variant, title, section.text, children, opening)
        # the text after a closing tag, up to the next tag (`You are ...` between two
        # blocks), is said after all the block says: at the end of its last section
        *_, last = made.walk()
        last.text += section.after
        return made

    return Node(variant, None, outline.preamble, grouped([node(s) for s in outline.sections]))


def grouped(nodes: list[Node]) -> list[Node]:
    """Examples written as siblings of the heading that introduces them ("**Common
    Patterns:**" with nothing under it, then "**Express**", "**FastAPI**", each mostly code)
    become that heading's subsections: they move and merge as one group."""
    out: list[Node] = []
    for current in nodes:
        if out and _introduces(out[-1]) and _mostly_code(current):
            out[-1].children.append(current)
            continue
        out.append(current)
    return out


def _introduces(node: Node) -> bool:
    own = [line for line in node.text.splitlines() if line.strip()]
    heading_only = not own or (len(own) == 1 and own[0].rstrip().endswith(":"))
    return heading_only and all(_mostly_code(child) for child in node.children)


def _mostly_code(node: Node) -> bool:
    lines = [line for line in node.text.splitlines() if line.strip()]
    if not lines or node.children:
        return False
    fenced = sections.fence_mask(lines)
    return sum(fenced) * 2 >= len(lines)
