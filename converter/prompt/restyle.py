"""Turn a prompt's Markdown-headed sections into XML-tagged ones and back, exactly.

`## Core Responsibilities` ⇄ `<core_responsibilities>`. Headings nest into tags by level.
Spellings the canonical rule cannot rebuild (a `**Bold:**` line, `# ` instead of `## `, an
indented closing tag) are recorded as frames in `extensions["agentmorph"]["sections"]`, so
converting back returns the original prompt byte for byte; the record is removed then.
A conversion that would not come back exactly is not made (diagnostic `sections-kept`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import count
from typing import Any, Literal, NamedTuple

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import UsageError
from converter.model import Agent
from converter.options import SECTION_POLICIES
from converter.prompt import sections

Style = Literal["markdown", "tags"]
RECORD_TOOL = "agentmorph"
_NOT_WORD = re.compile(r"[\W_]+")
_LEAD = re.compile(r"(?:[ \t]*+\n)*+")  # possessive: no regex state per blank line
_TAG_START = re.compile(r"[a-z_]")
_TAG_WORD_BREAK = re.compile(r"[_\-.]+")


@functools.lru_cache(maxsize=4096)  # titles repeat across agents: "Core Responsibilities"
def slug(title: str) -> str:
    """A tag name for a title: `Core Responsibilities` → `core_responsibilities`."""
    name = _NOT_WORD.sub("_", title.lower()).strip("_") or "section"
    return name if _TAG_START.match(name) else f"section_{name}"


@functools.lru_cache(maxsize=4096)
def title_from_tag(name: str) -> str:
    """A heading for a tag name: `role_definition` → `Role Definition`."""
    words = [w for w in _TAG_WORD_BREAK.split(name) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or name


@dataclass(frozen=True, slots=True)
class Restyled:
    """A prompt after the --sections policy, or why it was kept as written."""

    agent: Agent
    #: None when converted; else why the prompt was kept as it was
    kept_because: str | None = None


def restyle(agent: Agent, to: Style) -> Restyled:
    """The agent with its prompt's sections in style `to` (or unchanged, with a reason)."""
    outline = (
        sections.parse(agent.instructions)
        if to == "markdown"
        else sections.parse_markdown(agent.instructions)
    )
    source: Style = "tags" if to == "markdown" else "markdown"
    if outline.style != source:
        return Restyled(agent)
    record = _record(agent)
    restoring = record is not None and record.get("from") == to
    frames_in = {f["at"]: f for f in record.get("frames", [])} if record and restoring else {}
    converter = _to_markdown if to == "markdown" else _to_tags
    text, frames_out = converter(outline, frames_in)
    extensions = {k: dict(v) for k, v in agent.extensions.items()}
    tool = extensions.setdefault(RECORD_TOOL, {})
    if restoring:
        tool.pop("sections", None)
    else:
        tool["sections"] = {"from": source, "frames": list(frames_out)}
    converted = replace(agent, instructions=text, extensions=extensions)
    if restoring:
        return Restyled(converted)
    back = _restyle_once(converted, source)
    if back != agent:
        return Restyled(agent, "the prompt's layout would not convert back exactly")
    return Restyled(converted)


def _restyle_once(agent: Agent, to: Style) -> Agent:
    """Convert back using the record, without the verification step."""
    outline = (
        sections.parse(agent.instructions)
        if to == "markdown"
        else sections.parse_markdown(agent.instructions)
    )
    record = _record(agent) or {}
    frames_in = {f["at"]: f for f in record.get("frames", [])}
    converter = _to_markdown if to == "markdown" else _to_tags
    text, _ = converter(outline, frames_in)
    extensions = {k: dict(v) for k, v in agent.extensions.items()}
    extensions.get(RECORD_TOOL, {}).pop("sections", None)
    return replace(agent, instructions=text, extensions=extensions)


def original_style(agent: Agent) -> Style | None:
    """The style a restyled prompt came from, if it carries a record."""
    record = _record(agent)
    style = record.get("from") if record else None
    return style if style in ("markdown", "tags") else None


def _record(agent: Agent) -> dict[str, Any] | None:
    record = agent.extensions.get(RECORD_TOOL, {}).get("sections")
    return record if isinstance(record, dict) else None


def _split_lead(text: str) -> tuple[str, str]:
    lead = _LEAD.match(text)
    end = lead.end() if lead else 0
    return text[:end], text[end:]


def _split_gap(text: str) -> tuple[str, str]:
    """(core, gap): the gap is the blank lines after the last line that has text."""
    stripped = text.rstrip(" \t\n")
    if not stripped:
        return "", text
    cut = text.find("\n", len(stripped))  # the newline that ends the last line of text
    if cut == -1:
        return text, ""
    return text[: cut + 1], text[cut + 1 :]


class _Walk(NamedTuple):
    """What a walk over the sections shares: the notes of the previous form by section
    number, the count of sections, and the notes this form makes."""

    frames: dict[int, dict[str, Any]]
    counter: Iterator[int]
    out: list[dict[str, Any]]


def _to_tags(
    outline: sections.Outline, frames: dict[int, dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    out: list[dict[str, Any]] = []
    walk = _Walk(frames, count(), out)
    pieces = [outline.preamble]
    for section in outline.sections:
        pieces.extend(_tag_section(section, 1, walk))
    return "".join(pieces), _merge_notes(out)


def _tag_section(section: sections.Section, depth: int, walk: _Walk) -> tuple[str, str]:
    # a function of the module, not a closure: a recursive closure refers to itself, a
    # reference cycle left for the cycle collector at every agent
    frames, counter, out = walk
    index = next(counter)
    name = slug(section.title)
    frame = frames.get(index, {})
    if frame.get("tag") not in (None, name):
        frame = {}
    note: dict[str, Any] = {}
    canonical_open = "#" * (depth + 1) + " " + title_from_tag(name) + "\n"
    if section.open != canonical_open:
        note["open"] = section.open
    text = section.text
    after = frame.get("after")
    cut_after: str | None = None
    if isinstance(after, str) and after and not section.children and text.endswith(after):
        text, cut_after = text[: -len(after)], after
    lead, body = _split_lead(text)
    if not body and not section.children:
        # an empty section: only the canonical blank line is lead, the rest is gap
        lead, body = text[: text.startswith("\n")], text[text.startswith("\n") :]
    if lead != "\n":
        note["lead"] = lead
    if note:
        out.append({"at": index, "tag": name, **note})
    inner = body + "".join(
        "".join(_tag_section(child, depth + 1, walk)) for child in section.children
    )
    if cut_after is not None:
        core, gap = inner, cut_after
    elif isinstance(after, str) and after and inner.endswith(after):
        core, gap = inner[: -len(after)], after
    else:
        core, gap = _split_gap(inner)
        inside = frame.get("inner")
        if isinstance(inside, str) and inside and gap.startswith(inside):
            core, gap = core + inside, gap[len(inside) :]
    if core and not core.endswith("\n"):
        core += "\n"
        out.append({"at": index, "tag": name, "nl": False})
    opening = str(frame.get("open", f"<{name}>\n"))
    closing = str(frame.get("close", f"</{name}>\n"))
    return opening + str(frame.get("lead", "")) + core + closing, gap


def _to_markdown(
    outline: sections.Outline, frames: dict[int, dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    out: list[dict[str, Any]] = []
    walk = _Walk(frames, count(), out)
    text = outline.preamble + "".join(
        _heading_section(section, 1, walk) for section in outline.sections
    )
    return text, _merge_notes(out)


def _heading_section(section: sections.Section, depth: int, walk: _Walk) -> str:
    # a function of the module, not a closure: a recursive closure refers to itself, a
    # reference cycle left for the cycle collector at every agent
    frames, counter, out = walk
    index = next(counter)
    title = title_from_tag(section.title)
    name = slug(title)
    frame = frames.get(index, {})
    if frame.get("tag") not in (None, name):
        frame = {}
    note: dict[str, Any] = {}
    if section.open != f"<{name}>\n":
        note["open"] = section.open
    lead, body = _split_lead(section.text)
    if lead:
        note["lead"] = lead
    if section.close != f"</{name}>\n":
        note["close"] = section.close
    if section.after.strip():
        note["after"] = section.after
    inner_gap = _split_gap(body + "".join(c.render() for c in section.children))[1]
    if inner_gap:
        note["inner"] = inner_gap
    if note:
        out.append({"at": index, "tag": name, **note})
    if frame.get("nl") is False and not section.children and body.endswith("\n"):
        body = body[:-1]
    opening = str(frame.get("open", "#" * (depth + 1) + " " + title + "\n"))
    children = "".join(_heading_section(child, depth + 1, walk) for child in section.children)
    return opening + str(frame.get("lead", "\n")) + body + children + section.after


def _merge_notes(notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[int, dict[str, Any]] = {}
    for note in notes:
        merged.setdefault(note["at"], {}).update(note)
    return [merged[index] for index in sorted(merged)]


#: what `--sections` accepts
POLICIES = SECTION_POLICIES


def apply_policy(agent: Agent, target: str, policy: str, diagnostics: Diagnostics) -> Agent:
    """The agent as the `--sections` policy wants it written to format `target`.

    `auto`: XML-tagged sections for the `xml` format; for other formats, a prompt restyled
    earlier goes back to its original style. `keep`: as it is. `markdown`/`xml`: that style.
    """
    if policy == "keep":
        return agent
    if policy == "auto":
        wanted: Style | None = "tags" if target == "xml" else original_style(agent)
    elif policy in ("markdown", "xml"):
        wanted = "tags" if policy == "xml" else "markdown"
    else:
        raise UsageError(f"--sections takes {', '.join(POLICIES)}, not {policy!r}")
    if wanted is None:
        return agent
    result = restyle(agent, wanted)
    if result.kept_because:
        diagnostics.add(
            Code.SECTIONS_KEPT,
            f"sections left as they are: {result.kept_because}",
            field="instructions",
            severity=Severity.INFO if policy == "auto" else Severity.WARNING,
        )
    return result.agent
