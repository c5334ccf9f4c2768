"""Read a header as its author meant it, when a tool cannot (invalid YAML, a text value
that YAML takes for a mapping, a description that runs on over the following lines).

The header is cut into blocks, one per top-level `key:` line, and each block is parsed as
YAML on its own. A block that does not parse, or a description that does not come out as
text, is taken as the text written: its value, then the lines that follow it. An unquoted
text goes on over the next lines until a line that starts a known header key (examples
pasted into a description hold `user:`, `assistant:`, `Context:` lines: those are text);
an empty value followed by indented lines is a multi-line text. Literal `\\n` sequences stay
as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from converter.errors import ParseError, SourceSpan
from converter.frontmatter import yaml12
from converter.frontmatter.prose import TEXT_KEYS
from converter.options import Limits

#: keys a header is known to hold (core, every tool's own, and common metadata): a line
#: starting with one of them always starts a new key, even after a run-on text
KNOWN_KEYS = frozenset(
    (
        "name", "description", "tools", "model", "disallowedTools", "color", "effort",
        "permissionMode", "mcpServers", "hooks", "maxTurns", "autoCompactWindow", "skills",
        "initialPrompt", "memory", "background", "omitClaudeMd", "isolation", "target",
        "disable-model-invocation", "user-invocable", "infer", "mcp-servers", "metadata",
        "handoffs", "argument-hint", "models", "modelPolicy", "mode", "variant", "temperature",
        "top_p", "permission", "permissions", "disable", "hidden", "steps", "maxSteps",
        "options", "prompt", "kind", "display_name", "max_turns", "timeout_mins", "mcp_servers",
        "readonly", "is_background", "category", "version", "author", "tags", "id", "type",
        "dependencies", "expertise_level", "license", "priority", "emoji", "icon",
        "when_to_use", "when-to-use", "reasoning-effort", "x-agentmorph",
    )
)  # fmt: skip
#: labels of pasted conversations: such a `label:` line after a run-on text is still text
LABELS = frozenset(
    ("user", "assistant", "human", "ai", "claude", "system", "context", "example", "examples",
     "commentary", "response", "input", "output", "note", "notes", "result", "agent")
)  # fmt: skip
#: keys whose value is prose: a mapping or list there is text YAML misread
#: a line of pasted structure (a tag, a `label:` line): its line breaks were meant
_STRUCTURE = re.compile(r"</?[A-Za-z][\w-]*>|[A-Za-z][\w ]{0,30}:\s")
_TOP_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*)[ \t]*:(?:[ \t]+|$)")
#: a known key whose value follows its ':' at once, or after a space YAML does not take for
#: one (a no-break space pasted from a web page): YAML reads no key there
_UNSPACED_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):[\u00a0\u2000-\u200a\u202f\u3000]*([^\s:].*)")


@dataclass(slots=True)
class _Block:
    """One top-level key of a header and the lines its value spans."""

    key: str
    #: 0-based index of its first line in the YAML text
    start: int
    lines: list[str] = field(default_factory=list)
    value: Any = None
    #: the block did not parse as YAML (or a prose key did not come out as text)
    text: bool = False
    #: why it did not parse, when it is not text that may be taken as written
    error: ParseError | None = None


@dataclass(frozen=True, slots=True)
class Intent:
    """The header as meant: its mapping, each key's 1-based file line, the keys read as
    text, and the 0-based YAML line range of each key's block (for `fix`)."""

    data: dict[str, Any]
    lines: dict[str, int]
    texts: tuple[str, ...]
    spans: dict[str, tuple[int, int]]


def read_intent(yaml_text: str, *, path: str, first_line: int, limits: Limits) -> Intent:
    """The header as its author meant it.

    Raises:
        ParseError: a line before the first key that is neither blank nor a comment, or a
            block that is not text and does not parse.
    """
    lines = yaml_text.split("\n")
    blocks = _blocks(lines, path, first_line)
    for block in blocks:
        _parse(block, path, first_line, limits)
    blocks = _absorb(blocks)
    for block in blocks:
        if block.error is not None:
            raise block.error
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for block in blocks:
        if block.text:
            block.value = _text(block)
            if block.key == "tools" and block.value.startswith("- "):
                block.value = block.value[2:].lstrip()  # `tools: - Read`: a list's marker
        data[block.key] = block.value
        key_lines[block.key] = block.start + first_line
        spans[block.key] = (block.start, block.start + len(block.lines))
    texts = tuple(b.key for b in blocks if b.text)
    return Intent(data, key_lines, texts, spans)


def spans_of(yaml_text: str) -> dict[str, tuple[int, int]]:
    """The 0-based line range of each top-level key's block (no parsing)."""
    spans: dict[str, tuple[int, int]] = {}
    key: str | None = None
    start = 0
    lines = yaml_text.split("\n")
    for number, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match is not None:
            if key is not None:
                spans[key] = (start, number)
            key, start = match.group(1), number
    if key is not None:
        spans[key] = (start, len(lines))
    return spans


def _blocks(lines: list[str], path: str, first_line: int) -> list[_Block]:
    blocks: list[_Block] = []
    for number, line in enumerate(lines):
        match = _TOP_KEY.match(line) or _tabbed_key(lines, number)
        if match is not None:
            blocks.append(_Block(match.group(1), number, [line.lstrip("\t")]))
        elif (unspaced := _UNSPACED_KEY.fullmatch(line)) and unspaced[1] in KNOWN_KEYS:
            # `model:sonnet`, `description:<no-break space>Reviews...`: the space a slip
            blocks.append(_Block(unspaced[1], number, [f"{unspaced[1]}: {unspaced[2]}"]))
        elif blocks:
            blocks[-1].lines.append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise ParseError(
                "the header does not start with a 'key: value' line",
                span=SourceSpan(path, number + first_line, 1),
                source_line=line,
            )
    return blocks


def _tabbed_key(lines: list[str], number: int) -> re.Match[str] | None:
    """A known key after tabs, below a line that holds a value (so nothing can be nested
    under it): a key of its own, its tab a slip (OpenCode's js-yaml 3 reads it so)."""
    line = lines[number]
    match = _TOP_KEY.match(line.lstrip("\t")) if line.startswith("\t") else None
    if match is None or match.group(1) not in KNOWN_KEYS:
        return None
    above = next((x for x in reversed(lines[:number]) if x.strip()), "")
    return match if above and not above.rstrip().endswith(":") else None


def _parse(block: _Block, path: str, first_line: int, limits: Limits) -> None:
    text = "\n".join(_untab(line) for line in block.lines)
    try:
        data, _ = yaml12.load_mapping(
            text, path=path, first_line=block.start + first_line, limits=limits
        )
    except yaml12.UnsafeTagError:
        raise
    except ParseError as error:
        if "\t" in text and _parse_skipping_tabs(block, text, path, first_line, limits):
            return
        # only prose, or a one-line value, is taken as the text written (as Claude Code's
        # second pass takes a one-line value); a broken structure stays an error, unless
        # it turns out to be a line of a run-on text (see _absorb)
        block.text = True
        if block.key not in TEXT_KEYS and _content_lines(block) > 1:
            block.error = error
        return
    if not data or list(data) != [block.key]:
        block.text = True
        return
    block.value = data[block.key]
    if block.key in TEXT_KEYS and not isinstance(block.value, str | None):
        block.text = True
    elif block.key == "name" and type(block.value) in (bool, int, float):  # `name: 17`
        block.text = True  # (each tool takes a name as text: loaders.meant)


def _parse_skipping_tabs(
    block: _Block, text: str, path: str, first_line: int, limits: Limits
) -> bool:
    """A block read with a tab after a line's spaces as no indentation (as OpenCode's js-yaml
    3 reads it: `  \tbash: ask` below `  edit: deny` is its sibling); False if it fails too."""
    from converter.frontmatter import tabs

    again = tabs.as_js_yaml_reads(text, tabs.JS_YAML_3).text
    try:
        data, _ = yaml12.load_mapping(
            again, path=path, first_line=block.start + first_line, limits=limits
        )
    except ParseError:
        return False
    if not data or list(data) != [block.key] or block.key in TEXT_KEYS:
        return False
    block.value = data[block.key]
    return True


def _content_lines(block: _Block) -> int:
    return sum(1 for line in block.lines if line.strip() and not line.lstrip().startswith("#"))


def _absorb(blocks: list[_Block]) -> list[_Block]:
    """Run-on texts take the conversation lines after them (`user:`, `Context:`...)."""
    merged: list[_Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.text
            and previous.error is None
            and block.key not in KNOWN_KEYS
            and block.key.lower() in LABELS
        ):
            previous.lines.extend(block.lines)  # its own parse error no longer matters
            continue
        merged.append(block)
    return merged


def _text(block: _Block) -> str:
    first = _TOP_KEY.match(block.lines[0])
    assert first is not None
    value = block.lines[0][first.end() :].rstrip()
    rest = list(block.lines[1:])
    # blank lines and comment lines at the end belong to no value
    while rest and (not rest[-1].strip() or rest[-1].startswith("#")):
        rest.pop()
    if not rest:
        return _unquote(value)
    if not value:  # `key:` and indented lines: a multi-line text, kept line by line
        return _dedent(rest)
    structured = any(_STRUCTURE.match(line.strip()) for line in rest)
    if not structured and all(line[:1] in (" ", "\t") for line in rest if line.strip()):
        return _fold([value, *rest])  # indented prose: YAML folds a plain text so
    if all(line[:1] in (" ", "\t") for line in rest if line.strip()):
        return value + "\n" + _dedent(rest)  # indented, but pasted examples: keep the lines
    return "\n".join([value, *(line.rstrip() for line in rest)])


def _unquote(value: str) -> str:
    """A one-line text in quotes that YAML refused (`"a "quoted" word"`): the quotes were
    meant to delimit it."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _dedent(lines: list[str]) -> str:
    untabbed = [_untab(line) for line in lines]
    indent = min(
        (len(line) - len(line.lstrip(" ")) for line in untabbed if line.strip()), default=0
    )
    return "\n".join(line[indent:].rstrip() for line in untabbed)


def _fold(lines: list[str]) -> str:
    """Join lines as YAML folds a multi-line plain text: a space, or a newline per blank."""
    out = lines[0].strip()
    blank = 0
    for line in lines[1:]:
        if not line.strip():
            blank += 1
            continue
        out += "\n" * blank if blank else " "
        out += line.strip()
        blank = 0
    return out


def _untab(line: str) -> str:
    if "\t" in line and not line.strip(" \t"):
        return ""  # a blank line the editor left a tab on
    stripped = line.lstrip("\t")
    return "  " * (len(line) - len(stripped)) + stripped
