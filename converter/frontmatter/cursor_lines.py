"""Cursor's header reading: a line is `key: value`, split at its first colon; no YAML.

Cursor's own subagent loader (@cursor/sdk 1.0.32, its local subagents service, which loads
`.cursor/agents` and, with third-party extensibility on, `.claude/agents` and `.grok/agents`;
`make conformance` runs it) reads a header line by line: each line is trimmed and passed
over when empty, a comment (`#`) or without a colon; the key is the text before the first
colon, trimmed and lowercased; the value is the trimmed text after it, as written: quotes,
`|`, `>` and escapes are kept, a continued line is lost, and a later line of the same key
wins. It takes `name` (empty: the file's name), `description`, `model` (`inherit` when
absent), `readonly`, `background` (else `is_background`), which are on only for the text
`true`, a `tools` comma list and `force-default-model`. Every other key is nothing to it.

So a Cursor file is read here as Cursor reads those keys, and as YAML for the rest (kept
for other tools); where YAML means otherwise than Cursor reads, that is said
(`tool-misreads`) and Cursor's reading kept. A file with no prompt is one Cursor does not
load. The writer (formats/cursor_format.py) writes each of its keys on one line, as text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from converter.diagnostics import Code
from converter.errors import ParseError
from converter.frontmatter import split, yaml_flat
from converter.registry import ReadContext

if TYPE_CHECKING:  # header.py calls this module: only its types here
    from converter.frontmatter.header import Reader

#: the header_parser of a tool that reads lines, not YAML (TargetRules.header_parser)
CURSOR = "cursor-lines"
#: JavaScript's String.prototype.trim: its white space and line terminators
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
#: the keys whose text Cursor takes as written
TEXT_KEYS = ("name", "description", "model")
#: the switches Cursor reads, on only for the text `true` (`background` before
#: `is_background`: the loader's `Y.background ?? Y.is_background`)
SWITCHES = {
    "readonly": ("readonly",),
    "is_background": ("background", "is_background"),
    "force-default-model": ("force-default-model",),  # run on the user's model, not its own
}
#: every key Cursor reads: another key of the same letters in other case is read as it
READ_KEYS = frozenset({*TEXT_KEYS, *(name for names in SWITCHES.values() for name in names),
                       "tools"})  # fmt: skip


#: Cursor's own split of a file into header and prompt (its loader's regular expression,
#: `^---\s*\n([\s\S]*?)\n---\s*\n?([\s\S]*)$` with the `m` flag), JavaScript's `\s`
FENCES = re.compile(
    f"^---[{JS_SPACE}]*\n([\\s\\S]*?)\n---[{JS_SPACE}]*\n?([\\s\\S]*)$", re.MULTILINE
)


def prompt_of(text: str) -> str | None:
    """The prompt Cursor finds in a file's text, trimmed; None when it finds no header."""
    found = FENCES.search(text)
    return None if found is None else found.group(2).strip(JS_SPACE)


def lines_of(yaml_text: str) -> dict[str, tuple[str, int]]:
    """Each key Cursor finds in a header → (its text, its 0-based line); the last one wins."""
    found: dict[str, tuple[str, int]] = {}
    for index, line in enumerate(yaml_text.split("\n")):
        trimmed = line.strip(JS_SPACE)
        colon = trimmed.find(":")
        if not trimmed or trimmed.startswith("#") or colon == -1:
            continue
        key = trimmed[:colon].strip(JS_SPACE).lower()
        if key:
            found[key] = (trimmed[colon + 1 :].strip(JS_SPACE), index)
    return found


def as_read(yaml_text: str) -> dict[str, Any]:
    """The values Cursor takes from a header's lines: its texts (an empty name is none: the
    file names the agent) and its switches, where written."""
    found = lines_of(yaml_text)
    data: dict[str, Any] = {key: found[key][0] for key in TEXT_KEYS if key in found}
    if not data.get("name", True):
        del data["name"]
    for key, names in SWITCHES.items():
        line = next((found[name] for name in names if name in found), None)
        if line is not None:
            data[key] = switch(line[0])
    return data


def as_meant(data: dict[str, Any]) -> dict[str, Any]:
    """What Cursor can read of a header meant as `data` (YAML's reading): its texts on one
    line, its switches on for `true` only."""
    meant: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if data.get(key) is not None and (key != "name" or data[key] != ""):
            value = data[key]
            meant[key] = one_line(value if isinstance(value, str) else str(value).lower())
    for key, names in SWITCHES.items():
        value = next((data[name] for name in names if name in data), None)
        if value is not None:
            meant[key] = value is True or (isinstance(value, str) and switch(value))
    return meant


def line_of(key: str, value: Any) -> str:
    """`key: value` as Cursor reads back what YAML meant (as_meant)."""
    read = as_meant({key: value})
    shown = read.get("is_background" if key == "background" else key)
    return f"{key}: {('true' if shown else 'false') if isinstance(shown, bool) else shown}"


def rewrite(
    yaml_text: str, meant: dict[str, Any], spans: dict[str, tuple[int, int]]
) -> tuple[str, tuple[str, ...]]:
    """`fix` for Cursor: each of its keys it misreads written as one line of the text it
    reads back as meant; `spans` are the keys' 0-based line ranges. A switch that is no
    boolean (`readonly: yes`, text in YAML 1.2 and off to Cursor) is the author's to
    change: its reading is said, and it is left."""
    lines = yaml_text.split("\n")
    ended = lines[-1] == ""
    if ended:
        lines.pop()  # (a block's span may reach past the last line)
    read, wanted = as_read(yaml_text), as_meant(meant)
    misread = {key for key in {*read, *wanted} if read.get(key) != wanted.get(key)}
    keys = [key for key in meant if key in spans and _read_as(key) in misread]
    rewritten = []
    for key in sorted(keys, key=lambda k: spans[k][0], reverse=True):
        start, end = spans[key]
        lines[start : min(end, len(lines))] = [line_of(key, meant[key])]
        rewritten.append(key)
    return "\n".join(lines) + ("\n" if ended else ""), tuple(reversed(rewritten))


def _read_as(key: str) -> str:
    return "is_background" if key == "background" else key


def switch(text: str) -> bool:
    """A switch as Cursor reads it: on only for `true`, in any case."""
    return text.strip(JS_SPACE).lower() == "true"


def one_line(text: str) -> str:
    """Text as one header line Cursor reads back whole: its lines joined by a space."""
    parts = (part.strip(JS_SPACE) for part in text.split("\n"))
    return " ".join(part for part in parts if part)


def read(
    parts: split.Split, context: ReadContext, reader: Reader
) -> tuple[dict[str, Any], dict[str, int]]:
    """A header's values as Cursor reads its keys, and the rest as YAML means them, with
    each key's 1-based line."""
    meant, key_lines = _as_yaml_means(parts, context)
    found = lines_of(parts.yaml_text)
    first = parts.yaml_first_line
    data = {key: value for key, value in meant.items() if key.lower() not in _TAKEN}
    if "tools" in found:  # Cursor's reading of the key replaces YAML's, in any case
        data = {key: value for key, value in data.items() if key.lower() != "tools"}
    lines = {key: line for key, line in key_lines.items() if key in data}
    for key in TEXT_KEYS:
        written = _meant_value(meant, (key,))
        if key in found:
            text, index = found[key]
            lines[key] = index + first
            if text or key != "name":  # an empty name: Cursor names the agent by its file
                data[key] = text
            _say(context, reader, key, written, text or None, index + first)
        elif written is not None:
            _say(context, reader, key, written, None, key_lines.get(key))
    for key, names in SWITCHES.items():
        line = next((found[name] for name in names if name in found), None)
        if line is None:
            continue
        data[key], lines[key] = switch(line[0]), line[1] + first
        written = _meant_value(meant, names)
        if written is not None and written is not data[key]:
            _say(context, reader, key, written, data[key], line[1] + first)
    if "tools" in found:  # a comma list of text (`tools: true` is the tool `true`)
        text, index = found["tools"]
        listed = [name.strip(JS_SPACE) for name in text.split(",") if name.strip(JS_SPACE)]
        data.pop("tools", None)
        if listed:
            data["tools"], lines["tools"] = listed, index + first
        written = _meant_value(meant, ("tools",))
        if written is not None and written != listed and written != ", ".join(listed):
            _say(context, reader, "tools", written, listed or None, index + first)
    return data, lines


#: the keys read from Cursor's lines, not from YAML (`tools` is YAML's: not carried)
_TAKEN = frozenset({*TEXT_KEYS, *(name for names in SWITCHES.values() for name in names)})


def _meant_value(meant: dict[str, Any], names: tuple[str, ...]) -> Any:
    """What YAML reads for the first of `names` written, in any case (the last such key)."""
    for name in names:
        found = [value for key, value in meant.items() if key.lower() == name]
        if found:
            return found[-1]
    return None


def _say(
    context: ReadContext, reader: Reader, key: str, meant: Any, read: Any, line: int | None
) -> None:
    if meant == read and type(meant) is type(read):
        return
    if isinstance(read, bool):  # a switch: the author's to change (`fix` leaves it)
        shown, why, fix = ("on" if read else "off"), "it is on only for the text `true`", ""
    else:
        shown = "nothing" if read is None else repr(read)
        why = "it takes each header line's text as written (no quotes, block scalars, escapes)"
        fix = "; 'agentmorph fix' writes the line it reads as meant"
    context.diagnostics.add(
        Code.TOOL_MISREADS,
        f"{reader.tool} reads '{key}' as {shown}, where YAML reads {meant!r}: {why}; this "
        f"keeps its reading{fix}",
        line=line,
        field=key,
    )


def _repeated(notes: yaml_flat.LoadNotes, context: ReadContext) -> None:
    """A key written twice: Cursor takes its last line, as YAML's reading here does."""
    for key, line in notes.duplicate_keys:
        context.diagnostics.add(
            Code.DUPLICATE_KEY, f"key {key!r} appears more than once; the last one is kept",
            line=line,
        )  # fmt: skip


def _as_yaml_means(
    parts: split.Split, context: ReadContext
) -> tuple[dict[str, Any], dict[str, int]]:
    """The header as YAML (strict, then as its author meant it); empty when neither reads it."""
    limits, first = context.options.limits, parts.yaml_first_line
    flat = yaml_flat.read(parts.yaml_text, first, limits.max_nodes, limits.max_depth)
    if flat is not None:
        _repeated(flat[1], context)
        return flat[0], flat[1].key_lines
    from converter.frontmatter import intent, yaml12

    try:
        data, notes = yaml12.load_mapping_fully(
            parts.yaml_text, path=context.path, first_line=first, limits=limits
        )
        _repeated(notes, context)
        return data or {}, notes.key_lines
    except ParseError:
        pass
    try:
        meant = intent.read_intent(
            parts.yaml_text, path=context.path, first_line=first, limits=limits
        )
    except ParseError:
        return {}, {}
    return meant.data, meant.lines
