"""Split a `---` fenced YAML header from its body, as a tool does.

Tools close the header on the first line that starts with `---` (GitHub Copilot CLI: only
on one that is `---` alone). Claude Code matches
`^---\\s*\\n([\\s\\S]*?)---\\s*\\n?` (Claude Code 2.1.x; formats.md §1.1): it closes on the
first `---` after the opening one, even in the middle of a line (`description: a --- b`).
Pure text functions: no YAML parsing here (see `yaml12`), no repair (see `repair`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from converter.errors import ParseError, SourceSpan

_FENCE = re.compile(r"---[ \t]*\r?(?:\n|$)")
#: JavaScript's \s, which Claude Code's fence pattern uses (it differs from Python's)
_JS_SPACE = "[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_CLAUDE_OPEN = re.compile(rf"---{_JS_SPACE}*\n")
_CLAUDE_CLOSE = re.compile(rf"---{_JS_SPACE}*\n?")
#: YAML's document end marker alone on a line: no tool closes a header there (Gemini CLI
#: 0.61.0 and GitHub Copilot CLI 1.0.102 refuse the agent, Claude Code 2.1.332 leaves it
#: out, OpenCode 1.18.33 takes the whole file for the prompt; each seen with its loader)
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*\r?$", re.M)


class Split(NamedTuple):
    """A file cut at its fences: `header` holds both fences and the YAML between."""

    header: str
    yaml_text: str
    body: str
    #: 1-based file line of the first YAML line (the line after the opening fence)
    yaml_first_line: int = 2
    #: 1-based line of the closing fence when it holds more than `---` (`-----`, `--- end`)
    long_fence_line: int | None = None
    #: when the tool closes the header early (Claude Code, on a `---` inside a line): the
    #: 1-based line where it closes, and the split the author meant (at the `---` line)
    early_close_line: int | None = None
    intended: Split | None = None


def split(text: str, *, path: str, claude: bool = False) -> Split | None:
    """Cut `text` at its frontmatter fences; `None` when it has no frontmatter.

    With `claude`, the header closes where Claude Code closes it; when that is earlier than
    the `---` line the author wrote, `intended` holds the author's split too.

    Raises:
        ParseError: an opening fence with no closing `---` line.
    """
    by_line = _split_lines(text, path)
    if by_line is None or not claude:
        return by_line
    opening = _CLAUDE_OPEN.match(text)
    if opening is None:
        return by_line
    close = text.find("---", opening.end())
    written = _FENCE.match(text)
    assert written is not None  # by_line found it
    if close == -1 or close >= written.end() + len(by_line.yaml_text):
        return by_line  # Claude Code closes where the author did (or on the long fence)
    end = _CLAUDE_CLOSE.match(text, close)
    assert end is not None  # "---" is there
    line = text.count("\n", 0, close) + 1
    early = Split(
        text[: end.end()],
        text[opening.end() : close],
        text[end.end() :],
        text.count("\n", 0, opening.end()) + 1,
        early_close_line=line,
        intended=by_line,
    )
    return early


def _split_lines(text: str, path: str) -> Split | None:
    opening = _FENCE.match(text)
    if opening is None:
        return None
    start = opening.end()
    # The header closes on the first line that starts with '---': Claude Code's pattern,
    # OpenCode's gray-matter and Gemini CLI's FRONTMATTER_REGEX all close there (each seen
    # with its loader; GitHub Copilot CLI alone wants '---' alone, and refuses the agent
    # otherwise). A closing line holding more (`-----`, `--- end`) is said by each tool's
    # rules. The opening fence ends in '\n': the search from there finds the next line too.
    found = text.find("\n---", start - 1)
    if found == -1:
        hint = "end the header with a line holding only '---'"
        if (line := document_end(text)) is not None:
            hint = (
                f"line {line} holds '...' (YAML's end of a document), where no tool ends a "
                "header: if the header ends there, write '---' in its place"
            )
        raise ParseError(
            "unterminated frontmatter: the opening '---' has no closing '---' line",
            span=SourceSpan(path, 1, 1),
            source_line=text[: opening.end()],
            hint=hint,
        )
    position = found + 1
    end = text.find("\n", position)
    line_end = len(text) if end == -1 else end + 1
    if _FENCE.fullmatch(text, position, line_end):
        return Split(text[:line_end], text[start:position], text[line_end:])
    line = text.count("\n", 0, position) + 1
    return Split(text[:line_end], text[start:position], text[line_end:], 2, line)


def document_end(text: str) -> int | None:
    """The 1-based line of the first `...` line after an opening fence that is never
    closed: where the author may have meant the header to end (None when there is none)."""
    opening = _FENCE.match(text)
    if opening is None or text.find("\n---", opening.end() - 1) != -1:
        return None
    found = _DOCUMENT_END.search(text, opening.end())
    return None if found is None else text.count("\n", 0, found.start()) + 1


#: a header that does not start the file: blank lines, an HTML comment or blanks before its
#: opening dashes, then a key line. No tool looks past the first line for one (Gemini CLI
#: 0.61.0: "Missing mandatory YAML frontmatter"; Claude Code 2.1.332 leaves the agent out;
#: OpenCode 1.18.33 takes the whole file for the prompt; each seen with its loader)
#: (compiled on first use, by `re`'s cache: only a file without a header needs it)
_LATE = (
    r"(?s)\A(?P<lead>(?:[ \t]*\r?\n)*(?:[ \t]*<!--.*?-->[ \t]*\r?\n(?:[ \t]*\r?\n)*)?)"
    r"(?P<blanks>[ \t]*)---[ \t]*\r?\n(?=[\"']?[A-Za-z_][\w-]*[\"']?[ \t]*:)"
)


_AGENT_KEY = r"(?m)^[\"']?(?:name|description)[\"']?[ \t]*:"
#: a header indented as a whole (its fences and keys: pasted from a Markdown code block)
_INDENTED = r"\A(?:[ \t]*\r?\n)*(?P<blanks>[ \t]+)---[ \t]*\r?\n(?P=blanks)[\"']?[A-Za-z_]"


class Late(NamedTuple):
    """Where a header that does not start its file starts, and what comes before it."""

    line: int  #: 1-based line of its opening dashes
    offset: int  #: where its opening dashes start
    before: str  #: "comes after a blank line" (or an HTML comment), "has blanks before ..."
    #: `fix` may move it up (not past a comment, nor out of an indented block: the author's)
    movable: bool = True


def late_header(text: str) -> Late | None:
    """The header of `text` that some lines or blanks keep from being its first line: one
    closed by a `---` line and naming or describing its agent (a prompt's `---` rule after
    a blank line, above `Note: ...`, is no header)."""
    found = re.match(_LATE, text)
    if found is None or not (found.group("lead") or found.group("blanks")):
        return _indented(text)
    try:
        parts = split(text[found.end("blanks") :], path="")
    except ParseError:  # never closed
        return None
    if parts is None or not re.search(_AGENT_KEY, parts.yaml_text):
        return None
    lead, line = found.group("lead"), found.group("lead").count("\n") + 1
    offset = found.start("blanks") + len(found.group("blanks"))
    if "<!--" in lead:
        return Late(line, offset, "comes after an HTML comment", movable=False)
    if lead:
        before = f"comes after {'a blank line' if line == 2 else f'{line - 1} blank lines'}"
        return Late(line, offset, before)
    return Late(line, offset, "has blanks before its dashes")


def _indented(text: str) -> Late | None:
    """A header indented as a whole: its dashes, its keys and its closing dashes."""
    found = re.match(_INDENTED, text)
    if found is None:
        return None
    blanks = re.escape(found.group("blanks"))
    closing = re.compile(rf"\n{blanks}---[ \t]*\r?(?:\n|\Z)").search(text, found.end())
    if closing is None or not re.search(
        rf"(?m)^{blanks}[\"']?(?:name|description)[\"']?[ \t]*:", text[: closing.start()]
    ):
        return None
    line = text.count("\n", 0, found.start("blanks")) + 1
    before = f"is indented by {len(found.group('blanks'))} blanks, its dashes and keys alike"
    return Late(line, found.start("blanks"), before, movable=False)


def no_header_said(text: str, name: str) -> str:
    """What is said of a file read without a header, named `name`."""
    from converter.frontmatter.gray_matter import language_tag

    tagged = language_tag(text)
    if tagged is not None and tagged.run_as_javascript():
        return (
            f"the first line {tagged.line!r} opens no header here: OpenCode runs what follows, "
            "up to '---', as JavaScript when it loads the project (gray-matter's header "
            "language), and every other tool takes the whole file for the prompt, as this "
            f"does (named {name!r}); load it in OpenCode only if you trust its author"
        )
    if tagged is not None:
        return (
            f"the first line {tagged.line!r} opens no header: only OpenCode reads a language "
            "after the dashes (gray-matter's, for yaml and json), no other tool; the whole file "
            f"is the prompt, named {name!r}: write '---' alone on the first line"
        )
    late = late_header(text)
    if late is None:
        return f"no '---' frontmatter; the whole file is the prompt, named {name!r}"
    advice = (
        "'agentmorph fix' moves it up"
        if late.movable
        else "move the comment below the header"
        if "HTML comment" in late.before
        else "take the indentation off its lines"
    )
    return (
        f"no '---' frontmatter on the first line: the header on line {late.line} {late.before}, "
        f"and no tool looks for one there (the whole file is the prompt, named {name!r}); " + advice
    )
