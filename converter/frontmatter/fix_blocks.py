"""A header's YAML with every block that does not say what was meant written again (for
`fix`, converter/frontmatter/fix.py): the other lines, their comments and the keys' order
stay as written; where blocks mean something only together, the header is written whole."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from converter.errors import ConverterError
from converter.frontmatter import (
    breaks,
    comments,
    crlf_quotes,
    glued,
    intent,
    loaders,
    tabs,
    yaml12,
)
from converter.options import Limits

_DASHES = re.compile(r"-{3,}")


def rewrite(
    yaml_text: str,
    meant: intent.Intent,
    path: str,
    limits: Limits,
    *,
    unfolds: bool = False,
    lost: bool = False,
) -> tuple[str, tuple[str, ...]]:
    """The YAML text with every block that does not say what was meant written again (the
    last one, where a reader loses the header's `lost` last line end, in a form that keeps
    a text's own last line end: `"Reviews code\n"`, not `|`)."""
    lines = yaml_text.split("\n")
    ends_with_newline = yaml_text.endswith("\n")
    if ends_with_newline:
        lines.pop()
    out: list[str] = []
    rewritten: list[str] = []
    position = 0
    for key, (start, end) in sorted(meant.spans.items(), key=lambda item: item[1][0]):
        out.extend(_gap(lines[position:start], meant.spans, rewritten))
        block = lines[start : min(end, len(lines))]
        # comments kept, their dashes spaced out: a `# ---` inside a value's lines is no
        # reason to write the value again without every comment it holds; so for a comment
        # glued to its value (`"a"#c`), which Claude Code's YAML parser refuses (glued.py)
        spaced = glued.separated("\n".join(_comment(line) for line in block)).split("\n")
        cut = lost and end >= len(lines)  # its reader loses the header's last line end
        ends = not cut and (end < len(lines) or ends_with_newline)  # a block text's own end
        value = meant.data.get(key)
        if key in meant.data and not _says(spaced, key, value, path, limits, unfolds, ends):
            dumped = yaml12.dump_mapping({key: meant.data[key]}, lost_end="\n" if cut else "")
            trailing = _trailing_comments(block)
            out.extend(_commented(spaced[: len(spaced) - len(trailing)], dumped.rstrip("\n")))
            out.extend(_comment(line) for line in trailing)
            rewritten.append(key)
        else:
            out.extend(spaced)
            if spaced != block:
                rewritten.append(f"the comments in {key!r}")
        position = max(position, min(end, len(lines)))
    out.extend(_comment(line) for line in lines[position:])
    text = "\n".join(out) + ("\n" if ends_with_newline or out else "")
    try:
        data = _read_alike(text, path, limits, first_line=2)
    except ConverterError:
        data = None
    unfound = any(key not in meant.spans for key in meant.data)  # (keys indented alike)
    if data != meant.data or "---" in text or breaks.holds(text) or unfound:
        # blocks that mean something only together (anchors and aliases), or keys not found
        # at a line's start: the header is written whole, keys in their order
        whole = yaml12.dump_mapping(dict(meant.data), lost_end="\n" if lost else "")
        return whole, tuple(meant.data)
    return text, tuple(rewritten)


def _says(
    block: list[str],
    key: str,
    value: Any,
    path: str,
    limits: Limits,
    unfolds: bool = False,
    ends: bool = True,
) -> bool:
    """Whether a block, alone and as written, is valid YAML for exactly `key: value`,
    free of `---` and of a NEL, U+2028 or U+2029 as itself (libyaml breaks a line there,
    where YAML 1.2 does not: breaks.py; written again, each is an escape all read alike),
    and, where it `unfolds`, of a quoted text over lines (crlf_quotes.py); read with the
    line end that `ends` it in the header (`|` keeps it in the text)."""
    text = "\n".join(block) + ("\n" if ends else "")
    if "---" in text or breaks.holds(text):
        return False
    if unfolds and crlf_quotes.as_bun_reads(text) is not None:
        return False
    try:
        return bool(_read_alike(text, path, limits, first_line=1) == {key: value})
    except ConverterError:
        return False


def _read_alike(text: str, path: str, limits: Limits, *, first_line: int) -> Any:
    """A header as every tool's parser reads it (None where they differ: a number some read
    as text, a tag of YAML's own they build otherwise, yaml_explicit.py, a merge key some merge
    or refuse, yaml_merge.py)."""
    data, notes = yaml12.load_mapping(text, path=path, first_line=first_line, limits=limits)
    if "!!" in text or "!<" in text or "<<" in text:
        for parser in (tabs.JS_YAML_4, tabs.JS_YAML_3, breaks.LIBYAML):
            typed, _ = yaml12.load_mapping(
                text,
                path=path,
                first_line=first_line,
                limits=limits,
                parser=parser,
                local_tags=True,
            )
            if typed != data:
                return None
    return loaders.read_alike(text, data or {}, notes)


#: a top-level `key:` line
_KEY_LINE = re.compile(r"""(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:]*?))\s*:(?:\s|$)""")


def _gap(lines: list[str], keys: Mapping[str, Any], said: list[str]) -> list[str]:
    """Lines between the keys' blocks, an earlier block of a key written again turned into
    comments (named in `said`): the strict readers refuse a key twice, and Claude Code
    reads the last."""
    out: list[str] = []
    repeated = False
    for line in lines:
        found = _KEY_LINE.match(line)
        if found is not None:
            key = next(g for g in found.groups() if g is not None)
            repeated = key in keys
            if repeated:
                said.append(f"the first {key!r}")
        elif line[:1] not in ("", " ", "\t", "#"):
            repeated = False
        out.append(_comment(f"# {line}" if repeated and line.strip() else line))
    return out


def _commented(block: list[str], dumped: str) -> list[str]:
    """A block written again, with the comments on its lines kept: one at the end of its
    only line stays there (`max_turns: 10  # ten`), others go on lines of their own above
    it; one whose text the value holds (a reader took it as text) is the value's."""
    lines = dumped.split("\n")
    kept = [note for note in comments.found(block) if note.text not in dumped]
    if len(lines) == 1 and len(kept) == 1 and kept[0].space is not None:
        return [lines[0] + kept[0].space + _comment(kept[0].text)]
    return [_comment(note.text) for note in kept] + lines


def _trailing_comments(block: list[str]) -> list[str]:
    tail: list[str] = []
    for line in reversed(block):
        if line.startswith("#") or not line.strip():
            tail.insert(0, line)
        else:
            break
    return tail


def _comment(line: str) -> str:
    """A comment line, its runs of dashes spaced out so no fence pattern closes there."""
    if line.lstrip().startswith("#") and "---" in line:
        return _DASHES.sub(lambda m: " ".join("-" * len(m.group())), line)
    return line
