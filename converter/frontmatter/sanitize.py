"""OpenCode's second reading of a header that strict YAML rejects, reproduced exactly.

OpenCode 1.18.33 reads an agent file with gray-matter; when its YAML fails, ConfigMarkdown's
`sanitize` (read in its bundle; checked with `opencode debug config`) rewrites each
unindented line matching `^([a-zA-Z_][a-zA-Z0-9_]*)\\s*:\\s*(.*)$` whose trimmed value is not
empty, `>`, `|` or quoted and holds a `:` as `key: |-` with the value on the next line,
indented by two, joins the lines with LF, and gray-matter parses the file again. When that
left the file as it was, gray-matter's cache gives back its failed reading: no header, the
whole file as the prompt. When it changed the file and the YAML still fails, OpenCode skips
the agent without a word.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from converter.errors import ParseError
from converter.frontmatter import glued, repair, split, tabs, yaml12
from converter.options import Limits

#: JavaScript's trim() and \s (both used by the pass)
_JS_SPACE = "\t\n\x0b\x0c\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    map(chr, range(0x2000, 0x200B))
)
#: `^([a-zA-Z_][a-zA-Z0-9_]*)\s*:` of its pattern; the rest, `\s*(.*)$`, is checked in
#: `_block_value` without a regex (as one, it backtracks in the square of a line's spaces)
_KEY = re.compile(rf"([a-zA-Z_][a-zA-Z0-9_]*)[{_JS_SPACE}]*:")
_LINE_ENDS = ("\n", "\r", "\u2028", "\u2029")  # what JavaScript's `.` does not match


class Sanitized(NamedTuple):
    """A header's YAML text after the pass: the new text, the lines it made a block scalar
    of (1-based in the YAML text), and for each new line the 0-based line it came from."""

    text: str
    requoted: list[repair.Requoted]
    origin: list[int]
    #: whether the file parsed again differs from the one that failed: a line made a block
    #: scalar, or CRLF line ends in a header of two lines or more (the lines are joined by LF)
    changed: bool


def second_pass(
    yaml_text: str, *, opening: str = "---\n", bom: bool = False, crlf: bool = False
) -> Sanitized:
    """`yaml_text` (the lines between the fences, of a file with CRLF line ends when `crlf`)
    as `sanitize` rewrites it. Its pattern needs the file to start with `---` alone on a
    line: after a byte-order mark or `---  ` it changes nothing."""
    if bom or opening.rstrip("\r\n") != "---":
        return Sanitized(yaml_text, [], list(range(yaml_text.count("\n") + 1)), False)
    inner = yaml_text[:-1] if yaml_text.endswith("\n") else yaml_text  # the pattern stops there
    end = yaml_text[len(inner) :]
    if inner.endswith("\r"):
        inner, end = inner[:-1], "\r" + end
    out: list[str] = []
    origin: list[int] = []
    requoted: list[repair.Requoted] = []
    for number, line in enumerate(re.split(r"\r?\n", inner)):
        found = _block_value(line)
        if found is None:
            out.append(line)
            origin.append(number)
            continue
        key, value = found
        out.extend((f"{key}: |-", f"  {value}"))
        origin.extend((number, number))
        requoted.append(repair.Requoted(key, number + 1, value))
    text = "\n".join(out)
    changed = text != inner or (crlf and "\n" in inner)
    return Sanitized(text + end, requoted, origin, changed)


def of_header(parts: split.Split, *, bom: bool = False, crlf: bool = False) -> Sanitized:
    """`second_pass` over a split file's header, its opening line read from the file."""
    opening = parts.header[: parts.header.find("\n") + 1]
    return second_pass(parts.yaml_text, opening=opening, bom=bom, crlf=crlf)


def read_again(
    second: Sanitized, *, path: str, first_line: int, limits: Limits
) -> tuple[dict[str, Any] | None, yaml12.LoadNotes | None]:
    """The sanitized header as OpenCode parses it, its lines the file's; (None, None) when
    it still fails (js-yaml refuses a key written twice too)."""
    text = tabs.as_js_yaml_reads(second.text, tabs.JS_YAML_3).text  # its js-yaml 3 (tabs.py)
    try:
        data, notes = yaml12.load_mapping(
            text, path=path, first_line=first_line, limits=limits, parser=tabs.JS_YAML_3
        )
        glued.refuse_glued(text, path, first_line, tabs.JS_YAML_3)  # `|#c` (glued.py)
    except ParseError:
        return None, None
    if notes.duplicate_keys:
        return None, None

    def where(line: int) -> int:
        index = line - first_line
        return first_line + second.origin[index] if 0 <= index < len(second.origin) else line

    notes.key_lines = {key: where(line) for key, line in notes.key_lines.items()}
    for found in ("numbers_kept", "yaml11_words", "comment_values", "coerced", "schema_words"):
        setattr(notes, found, [(what, where(line)) for what, line in getattr(notes, found)])
    return data or {}, notes


def _block_value(line: str) -> tuple[str, str] | None:
    """The key and value `sanitize` moves into a block scalar; None for a line it keeps (a
    comment, a blank or indented line, a value quoted, empty, `>`, `|` or without ':')."""
    trimmed = line.strip(_JS_SPACE)
    if not trimmed or trimmed.startswith("#") or line[0] in _JS_SPACE:
        return None
    found = _KEY.match(line)
    if found is None:
        return None
    # `\s*(.*)$` matches when every line end of the rest is in its leading spaces
    rest = line[found.end() :].lstrip(_JS_SPACE)
    if any(end in rest for end in _LINE_ENDS):
        return None
    value = rest.rstrip(_JS_SPACE)
    if value in ("", ">", "|") or value[0] in "\"'" or ":" not in value:
        return None
    return found.group(1), value
