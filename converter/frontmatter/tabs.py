"""How js-yaml reads the blanks that start a header's lines, as text that strict YAML 1.2
(libyaml) reads the same way: Gemini CLI and OpenCode load headers that libyaml refuses.

js-yaml counts a line's indentation in spaces, then skips the blanks (spaces and tabs)
before its content (`skipSeparationSpace`; js-yaml 4 in Gemini CLI 0.61.0's bundle, js-yaml 3
in OpenCode 1.18.33's gray-matter; each rule below was seen with both tools' loaders):
- a line of blanks, or of blanks and a comment, is a blank line to both, where libyaml
  refuses a tab at its start ("found a tab character that violates indentation");
- js-yaml 3 reads a line whose blanks hold a tab by its leading spaces alone: `\\tcolor: x`
  after `description: d` is a key at the margin, and `\\tedit: deny` after `permission:` is
  no value of `permission` but a key of its own. Where such a line starts a block (the
  header's first line, or the first line indented under `key:`), the block's indentation is
  the line's column, each tab one: its later lines line up with that in spaces. js-yaml 4
  refuses a tab there ("tab characters must not be used in indentation"), as libyaml does.
Inside a quoted or block scalar a line stays as written, but for a line of blanks that holds a
tab before the block scalar's indentation: js-yaml ends the scalar there. At its end such a
line becomes a comment, which ends it for libyaml too; before more of the scalar's lines it
is left as written, to fail as it fails. Claude Code's first reading (Bun's YAML parser)
reads such lines as js-yaml 4 does: seen with its loader. Pure text functions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: the parsers (TargetRules.header_parser) that take a line of blanks (or of blanks and a
#: comment) as a blank line, and the one that also reads a content line whose leading blanks
#: hold a tab by its spaces
JS_YAML_4, BUN, JS_YAML_3 = "js-yaml-4", "bun", "js-yaml-3"
_BLANK_LINES = frozenset({JS_YAML_4, BUN, JS_YAML_3})

#: (patterns compiled when a header first holds a tab: `re` keeps them by their text)
#: where a value starts: after the indentation, `- `/`? `/`: ` indicators and a simple key
#: (a plain key runs to its first ': ', one character at a time: linear on any line)
_VALUE = (
    r"""[ \t]*(?:[-?:](?:[ \t]+|$))*"""
    r"""(?:(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s"'#\[{|>](?:[^:\n]|:(?![ \t\r]|$))*):"""
    r"""(?:[ \t]+|$))?(?:[-?](?:[ \t]+|$))*"""
)
#: a block scalar's header after its `|` or `>`: indicators, then perhaps a comment
_BLOCK_HEADER = r"[1-9+-]{0,2}(?:[ \t]+#.*|[ \t]*)\r?"
#: a line that ends on a key with no value (or a bare `-`): what follows, indented, is its block
_OPENS_BLOCK = r"(?:[^#\n]*:|[ \t]*-)(?:[ \t]+#.*|[ \t]*)\r?"


#: what is said of a line whose tab js-yaml 3 skips, after "a tab starts this line: TOOL"
SKIPPED_SAID = (
    "reads the line by the spaces before the tab, where other tools refuse the header; read "
    "as it does"
)


class AsRead(NamedTuple):
    """The text as the tool's js-yaml reads it, and the 1-based lines whose tab it skipped."""

    text: str
    skipped: tuple[int, ...] = ()


def loses_last_end(yaml_text: str, parser: str) -> bool:
    """Whether js-yaml reads `yaml_text` with one line end fewer at its end (as_js_yaml_reads):
    a header that ends on a blank line, which only a `|+` text ending it reads otherwise."""
    return parser in (JS_YAML_4, JS_YAML_3) and yaml_text.endswith("\n\n")


def as_js_yaml_reads(yaml_text: str, parser: str) -> AsRead:
    """`yaml_text` rewritten so that libyaml reads what `parser` reads (one of js-yaml's, or
    Bun's; another parser: the text as it is). js-yaml is given the header without the line
    end before its closing fence (Gemini CLI's fence pattern, OpenCode's gray-matter) and
    adds one where the text ends without: a `|+` text ending the header keeps one line end
    fewer (Gemini CLI 0.61.0 and OpenCode 1.18.33 read `keep\n` of `|+ keep` and a blank
    line; seen with each)."""
    if loses_last_end(yaml_text, parser):
        yaml_text = yaml_text[:-1]
    if parser not in _BLANK_LINES or "\t" not in yaml_text:
        return AsRead(yaml_text)
    lines = yaml_text.split("\n")
    skipped: list[int] = []
    index = 0
    opener: int | None = -1  # the indentation of a line ending on `key:` (-1: the start)
    while index < len(lines):
        line = lines[index]
        blanks = len(line) - len(line.lstrip(" \t"))
        rest = line[blanks:]
        if not rest.strip("\r") or rest.startswith("#"):
            if "\t" in line[:blanks]:  # a blank line; a comment at the margin still ends
                lines[index] = rest if rest.startswith("#") else ""  # a plain text
            index += 1
            continue
        spaces = len(line) - len(line.lstrip(" "))
        if parser == JS_YAML_3 and "\t" in line[:blanks]:
            starts_block = opener is not None and opener < spaces
            spaces = blanks if starts_block else spaces  # a block's first line: its column
            lines[index] = " " * spaces + rest
            skipped.append(index + 1)
        opener = spaces if re.fullmatch(_OPENS_BLOCK, lines[index]) else None
        index = _after_scalar(lines, index, spaces)
    text = "\n".join(lines)
    return AsRead(text, tuple(skipped)) if text != yaml_text else AsRead(yaml_text)


def _after_scalar(lines: list[str], index: int, indent: int) -> int:
    """The index of the line after `lines[index]` and the quoted or block scalar it opens;
    a line of blanks holding a tab at a block scalar's end made blank (js-yaml's reading)."""
    line = lines[index]
    value = line[re.match(_VALUE, line).end() :]  # type: ignore[union-attr]  # (matches any line)
    if value[:1] in ('"', "'"):
        return _after_quote(lines, index, value)
    if value[:1] not in ("|", ">") or not re.fullmatch(_BLOCK_HEADER, value[1:]):
        return index + 1
    end, last = index + 1, index
    while end < len(lines):
        if lines[end].strip(" \t\r"):
            if len(lines[end]) - len(lines[end].lstrip(" ")) <= indent:
                break
            last = end
        end += 1
    first = next((n for n in range(index + 1, last + 1) if lines[n].strip(" \t\r")), None)
    text_indent = 0 if first is None else len(lines[first]) - len(lines[first].lstrip(" "))
    for number in range(last + 1, end):  # the scalar's last lines, blank but for tabs
        spaces = len(lines[number]) - len(lines[number].lstrip(" "))
        if "\t" in lines[number] and (first is None or spaces < text_indent):
            lines[number] = "#"  # the scalar ends here for js-yaml: for libyaml, a comment
            return number + 1  # (the lines after it are the mapping's: blank)
    return end


def _after_quote(lines: list[str], index: int, value: str) -> int:
    """The index of the line after the one that closes the quote `value` opens."""
    quote, text, number = value[0], value[1:], index
    while True:
        position = 0
        while position < len(text):
            char = text[position]
            if quote == '"' and char == "\\":
                position += 2
                continue
            if char == quote:
                if quote == "'" and text[position + 1 : position + 2] == "'":
                    position += 2
                    continue
                return number + 1
            position += 1
        number += 1
        if number >= len(lines):
            return number
        text = lines[number]
