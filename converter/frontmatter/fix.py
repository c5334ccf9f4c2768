"""Rewrite an agent file's header so that every named tool reads what its author meant.

The header becomes valid YAML 1.2 that holds no `---` (Claude Code would close the header
there): a block that does not already say exactly what was meant is written again (a
block scalar for a multi-line text, quotes where needed); every other line, the keys'
order, both fences and the body stay byte for byte. A file every tool already reads as
meant is left alone. The result is checked: every tool must read it as meant.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from converter.errors import ConverterError, InternalError, SourceSpan
from converter.frontmatter import (
    cursor_lines,
    fix_blocks,
    gray_matter,
    intent,
    listed,
    loaders,
    prose,
    split,
    started,
    yaml12,
)
from converter.options import Limits


@dataclass(frozen=True, slots=True)
class Fixed:
    """What `fix_text` found: each tool's reading before, and the new text (None when
    nothing needs to change), with the keys it rewrote."""

    readings: tuple[loaders.Reading, ...]
    text: str | None = None
    keys: tuple[str, ...] = ()


def fix_text(
    text: str,
    tools: list[str],
    *,
    path: str = "<input>",
    limits: Limits = Limits(),
    bom: bool = False,
    crlf: bool = False,
) -> Fixed:
    """`text` (of a file that began with a byte-order mark when `bom`, whose lines ended in
    CRLF when `crlf`) with its header rewritten so each of `tools` (keys of `loaders.LOADERS`)
    reads what was meant; `Fixed.text` is None when every tool already does. A tool that
    refuses the mark gets the file without it (`loaders.Loader.takes_bom`, said by the caller).

    Raises:
        ParseError: not even the author's meaning can be read from the header.
        LimitError: the rewritten header breaks a limit (`limits`).
        InternalError: the rewritten header would still be misread (please report it).
    """
    ended = split.document_end(text)
    if ended is not None:
        return _closed_at(ended, text, tools, path=path, limits=limits, bom=bom, crlf=crlf)
    tagged = gray_matter.language_tag(text)
    if tagged is not None and tagged.read_as_data():
        # `---yaml`: OpenCode (gray-matter) reads the header, no other tool (gray_matter.py)
        why = f"no header: the first line {tagged.line!r} is no '---' line but for OpenCode"
        readings = tuple(
            _unclosed(loaders.LOADERS[name], why) for name in tools if name != "opencode"
        )
        if not readings:
            return Fixed(())
        dashes = gray_matter.plain(text, tagged)
        moved = fix_text(dashes, tools, path=path, limits=limits, bom=bom, crlf=crlf)
        return Fixed(readings, moved.text or dashes, ("the header's first line", *moved.keys))
    late = split.late_header(text)
    if late is not None:
        why = f"no header on the first line (the one on line {late.line} {late.before})"
        readings = tuple(_unclosed(loaders.LOADERS[name], why) for name in tools)
        if not late.movable:  # below a comment, or indented: the author's to move
            return Fixed(readings)
        moved = fix_text(text[late.offset :], tools, path=path, limits=limits, bom=bom, crlf=crlf)
        return Fixed(
            readings, moved.text or text[late.offset :], ("the header's place", *moved.keys)
        )
    meant = loaders.meant(text, path=path, limits=limits)
    if meant is None:
        return Fixed(())
    chosen = [loaders.LOADERS[name] for name in tools]
    # a `tools` text of quoted names as the list it means (the tools cut it at commas)
    listed_data = listed.as_listed(meant.data, tools)
    readings = _readings(text, tools, meant.data, listed_data, path, limits, bom, crlf)
    # a Cursor agent with no prompt: nothing a header fix changes (said by its reading, left)
    left = {r.loader.key for r in readings if r.loader.key == "cursor" and r.verdict == "fails"}
    if all(r.verdict is loaders.Verdict.AS_MEANT or r.loader.key in left for r in readings):
        return Fixed(readings)
    left_why = _left_why(meant.data, tools)
    if left_why is not None:
        return Fixed(tuple(_with_why(reading, left_why) for reading in readings))
    meant = replace(meant, data=started.as_started(listed_data, tools))
    parts = split.split(text, path=path)
    assert parts is not None  # meant() found a header
    yaml_text, keys = _rewritten(parts.yaml_text, meant, tools, path, limits, crlf=crlf)
    # `---` alone on each fence line: Claude Code closes on the first three dashes of a
    # longer line, Gemini CLI refuses a space after the opening ones (loaders.py)
    opening, closing = (_plain(fence) for fence in _fences(parts))
    if (opening, closing) != _fences(parts):
        keys += ("the fences",)
    if bom and not all(loader.takes_bom for loader in chosen):
        keys += ("the byte-order mark",)
    fixed = opening + yaml_text + closing + parts.body
    checked = [one for one in chosen if one.key not in left]
    again = [
        loaders.read_as(one, fixed, meant.data, path=path, limits=limits, crlf=crlf)
        for one in checked
    ]
    if "cursor" in tools and len(tools) > 1 and any(r.verdict != "loads as meant" for r in again):
        return Fixed(tuple(map(_with_why, readings)))  # Cursor's lines and YAML: no one header
    if not all(r.verdict is loaders.Verdict.AS_MEANT for r in again):
        raise _still_misread(again, yaml_text, path, limits)
    return Fixed(readings, fixed, keys)


def _still_misread(
    again: list[loaders.Reading], yaml_text: str, path: str, limits: Limits
) -> InternalError:
    """Our error for a fixed header a tool would still misread, but where the header, written
    out in full, holds more values than a limit allows (50,000 keys whose invalid lines no
    tool read): that limit's own error (LimitError, raised)."""
    yaml12.load_mapping(yaml_text, path=path, first_line=2, limits=limits)
    detail = "; ".join(f"{r.loader.tool}: {r.verdict} {r.detail}" for r in again)
    return InternalError(
        f"the fixed header would still be misread ({detail}); please report this",
        span=SourceSpan(path, 1, 1),
    )


def _rewritten(
    yaml_text: str,
    meant: intent.Intent,
    tools: list[str],
    path: str,
    limits: Limits,
    *,
    crlf: bool = False,
) -> tuple[str, tuple[str, ...]]:
    """The header rewritten for the YAML readers among `tools`, then for Cursor's lines."""
    keys: tuple[str, ...] = ()
    written = yaml_text
    if any(name != "cursor" for name in tools):
        # Claude Code keeps the line breaks of a quoted text over CRLF lines (crlf_quotes.py)
        unfolds = crlf and "claude" in tools
        # GitHub Copilot CLI reads a header without its last line end (yaml12.py), Gemini CLI
        # and OpenCode a `|+` text ending it with one fewer (tabs.py)
        lost = not {"copilot", "gemini", "opencode"}.isdisjoint(tools)
        written, keys = fix_blocks.rewrite(
            yaml_text, meant, path, limits, unfolds=unfolds, lost=lost
        )
    if "cursor" in tools:  # lines of text to Cursor, after the YAML readers' fix
        spans = meant.spans if written == yaml_text else intent.spans_of(written)
        written, more = cursor_lines.rewrite(written, meant.data, spans)
        keys += tuple(key for key in more if key not in keys)
    return written, keys


#: why a header is left when Cursor, which reads lines of text, and a YAML reader are named
_NO_ONE_HEADER = (
    "no one header reads as meant by Cursor, which reads lines of text, and by YAML readers "
    "here: fix for cursor alone (--for cursor) or for the others"
)


#: why a header whose name or description is a list or a mapping is left
_NOT_TEXT = "its name or description is a list or a mapping, not text: write the text it means"
_TEXT_KEYS = ("name", *prose.TEXT_KEYS)


#: why a header whose key `<<` is quoted (a key, not a merge) is left when Claude Code is named
_MERGED_BY_CLAUDE = (
    "Claude Code merges the keys under a key '<<' into the header, quoted or not: no header "
    "keeps it a key there; rename the key"
)


def _left_why(meant: dict[str, Any], tools: list[str]) -> str | None:
    """Why no header reads as meant, if none does: a key '<<' (quoted) over a mapping, which
    Claude Code merges all the same (yaml_merge.py); a name or description written as a list
    or a mapping, where a tool takes text (its words are the author's to choose)."""
    if isinstance(meant.get("<<"), dict | list) and "claude" in tools:
        return _MERGED_BY_CLAUDE
    if any(isinstance(meant.get(key), dict | list) for key in _TEXT_KEYS):
        return _NOT_TEXT
    return None


def _with_why(reading: loaders.Reading, why: str = _NO_ONE_HEADER) -> loaders.Reading:
    if reading.verdict is loaders.Verdict.AS_MEANT:
        return reading
    return replace(reading, detail=f"{reading.detail} ({why})" if reading.detail else why)


def _readings(
    text: str,
    tools: list[str],
    written: dict[str, Any],
    meant: dict[str, Any],
    path: str,
    limits: Limits,
    bom: bool,
    crlf: bool,
) -> tuple[loaders.Reading, ...]:
    """Each tool's reading of `text` against what was `meant` (the header as YAML reads it,
    `written`, with a `tools` text of quoted names as its list), each tool's own MCP
    servers as it starts them (a Claude Code map as its list)."""
    return tuple(
        listed.said(started.said(
            loaders.read_as(loaders.LOADERS[name], text, started.as_started(meant, [name]),
                            path=path, limits=limits, bom=bom, crlf=crlf),
            name,
            meant,
        ), name, written)
        for name in tools
    )  # fmt: skip


def _closed_at(
    line: int, text: str, tools: list[str], *, path: str, limits: Limits, bom: bool, crlf: bool
) -> Fixed:
    """A header never closed but for a `...` line (YAML's end of a document), fixed as if
    that line were its closing fence when the lines above it read as the author's header;
    no tool reads such a file's header (split.document_end says how each fails)."""
    lines = text.split("\n")
    ending = "\r" if lines[line - 1].endswith("\r") else ""
    closed = "\n".join([*lines[: line - 1], "---" + ending, *lines[line:]])
    try:
        loaders.meant(closed, path=path, limits=limits)  # the lines above read as a header
    except ConverterError:
        split.split(text, path=path)  # (raises): not a header, so one never closed
        raise
    fixed = fix_text(closed, tools, path=path, limits=limits, bom=bom, crlf=crlf)
    why = f"no '---' line closes the header (line {line}'s '...' ends no header)"
    readings = tuple(_unclosed(loaders.LOADERS[name], why) for name in tools)
    return Fixed(readings, fixed.text or closed, ("the fences", *fixed.keys))


def _unclosed(loader: loaders.Loader, why: str) -> loaders.Reading:
    if loader.sanitizes:  # OpenCode 1.18.33 loads it, the whole file as the prompt
        return loaders.Reading(
            loader, loaders.Verdict.DIFFERS, f"{why}: the whole file is the prompt"
        )
    return loaders.Reading(loader, loaders.Verdict.FAILS, why)


def _plain(fence: str) -> str:
    """A fence line as `---` alone, its line end kept."""
    return "---" + fence[len(fence.rstrip("\r\n")) :]


def _fences(parts: split.Split) -> tuple[str, str]:
    """The opening and closing fence lines as written."""
    end = len(parts.header) - 1 if parts.header.endswith("\n") else len(parts.header)
    closing_start = parts.header.rfind("\n", 0, end) + 1
    return parts.header[: closing_start - len(parts.yaml_text)], parts.header[closing_start:]
