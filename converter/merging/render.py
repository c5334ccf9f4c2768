"""The merged prompt as text: sections in the majority's style, items rendered as lists
and paragraphs, and provenance comments for --annotate."""

from __future__ import annotations

import re
from dataclasses import replace

from converter.merging.types import MergedItem, MergedSection
from converter.prompt import items as itemlib
from converter.prompt.restyle import slug

#: a tag's name in its opening line as written
_TAG = re.compile(r"<([A-Za-z_][\w.\-]*)")


def render(
    merged: tuple[MergedSection, ...],
    style: str,
    annotate_of: int = 0,
    lists: tuple[set[int], set[int]] | None = None,
) -> str:
    """The merged prompt; with `annotate_of` (the variant count), provenance as comments;
    `lists`: the numbered items that begin a list as written, and those that are one alone
    (by id)."""
    starts, lone = lists or (set(), set())
    parts: list[str] = []
    #: tags still open (level, name): a section deeper than the one before is inside it, so
    #: its tag closes after its own subsections (`<a><b>x</b></a>`, not `<a></a><b>x</b>`)
    open_tags: list[tuple[int, str, str]] = []
    for section in merged:
        found = _one_kind_per_list([m.item for m in section.items], starts, lone)
        if annotate_of:
            marked = [replace(m, item=i) for m, i in zip(section.items, found, strict=True)]
            found = [_annotated(m, annotate_of) for m in marked]
        body = itemlib.render(found)
        note = f"<!-- {_provenance(section.sources, annotate_of)} -->\n" if annotate_of else ""
        if style == "tags" and section.title is not None:
            _close(parts, open_tags, section.level)
            written = _TAG.match(section.written)
            name = written.group(1) if written else slug(section.title)
            opening = section.written if written else f"<{name}>"
            opened = f"{opening}\n{note}{body}"
            if open_tags and parts[-1].endswith(f"{open_tags[-1][2]}\n"):
                parts[-1] += opened  # the first thing inside a tag: no blank line before it
            else:
                parts.append(opened)
            open_tags.append((section.level, name, opening))
        elif section.title is None:
            parts.append(note + body)
        elif section.written.startswith("**"):  # a bold line (`**Check the soil.**`): kept
            line = section.written
            parts.append(f"{line}\n{note}\n{body}" if body else f"{line}\n{note}")
        elif body:
            parts.append(f"{'#' * min(6, section.level)} {section.title}\n{note}\n{body}")
        else:  # a section that only holds subsections
            parts.append(f"{'#' * min(6, section.level)} {section.title}\n{note}")
    _close(parts, open_tags, 0)
    return "\n" + "\n".join(parts) if parts else ""


def _close(parts: list[str], open_tags: list[tuple[int, str, str]], level: int) -> None:
    """Close the open tags at `level` or deeper, right after the text before them."""
    while open_tags and open_tags[-1][0] >= level:
        parts[-1] += f"</{open_tags.pop()[1]}>\n"


def _provenance(sources: tuple[str, ...], total: int) -> str:
    from pathlib import PurePath

    return f"support {len(sources)}/{total}: " + ", ".join(PurePath(s).name for s in sources)


def _annotated(merged: MergedItem, total: int) -> itemlib.Item:
    """The item with its provenance at the end of its first line (or above a block)."""
    comment = f"<!-- {_provenance(merged.sources, total)} -->"
    item = merged.item
    if item.kind in ("code", "block"):
        return replace(item, text=f"{comment}\n{item.text}")
    first, _, rest = item.text.partition("\n")
    return replace(item, text=f"{first} {comment}\n{rest}")


def _one_kind_per_list(
    found: list[itemlib.Item], starts: set[int], lone: set[int]
) -> list[itemlib.Item]:
    """A run of list items from several variants becomes one list of the first item's kind:
    a numbered list is numbered through, never restarted by a bullet between its items,
    from the number its first item begins a list with as written (`3.` after a code block),
    else from 1. A numbered "list" of one item is a bullet (a step whose neighbours went
    elsewhere, or fell below --min-support), unless it was written alone (`1. Search Engine
    Optimization` then `1.1. ...`: an outline's number, which a bullet would lose)."""
    out: list[itemlib.Item] = []
    run: list[itemlib.Item] = []
    for item in [*found, None]:
        if item is not None and item.kind in ("bullet", "ordered"):
            run.append(item)
            continue
        if run:
            first = run[0]
            kind = "bullet" if len(run) == 1 and id(first) not in lone else first.kind
            listed = [_as_kind(i, kind) for i in run]
            if kind == "ordered" and id(first) not in starts:
                listed[0] = _as_kind(_as_kind(first, "bullet"), "ordered")  # from 1
            out.extend(listed)
            run = []
        if item is not None:
            out.append(item)
    return out


def _as_kind(item: itemlib.Item, kind: str) -> itemlib.Item:
    if item.kind == kind:
        return item
    marker = "1. " if kind == "ordered" else "- "
    indent = item.text[: len(item.text) - len(item.text.lstrip())]
    return itemlib.Item(kind, f"{indent}{marker}{item.body}")  # type: ignore[arg-type]
