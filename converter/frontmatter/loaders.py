"""What each tool reads from a Markdown agent's header, compared with what its author meant.

Each tool's header reading is reproduced from its own loader, checked against the version
named here (tool-loaders.md; `make conformance` runs the real ones):
- Claude Code: its fence (which can close inside a line) and strict YAML 1.2, then its
  second pass (converter/frontmatter/repair.py); a header it cannot parse reads as empty.
- GitHub Copilot CLI, Gemini CLI, OpenCode: the first line starting with `---` closes the
  header (Copilot CLI: one of `---` alone; split.py), and strict YAML 1.2 parses it; invalid
  YAML fails the agent, but for OpenCode's second pass (sanitize.py).
- Cursor (@cursor/sdk 1.0.32): no YAML; each line's text after its key (cursor_lines.py).
- Tabs before a line's content, as each tool's parser reads them (tabs.py): Gemini CLI's
  js-yaml 4 and Claude Code's Bun parser take a line of blanks as blank; OpenCode's js-yaml
  3 also reads a line by the spaces before its tab.
`strict-yaml` is any strict YAML 1.2 reader (PyYAML, python-frontmatter...).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from converter.errors import ConverterError
from converter.frontmatter import (
    breaks,
    cursor_lines,
    intent,
    parsed,
    prose,
    repair,
    sanitize,
    schemas,
    split,
    tabs,
    yaml12,
    yaml_merge,
)
from converter.options import Limits


@dataclass(frozen=True, slots=True)
class Loader:
    """How one tool loads an agent file, as `fix` checks it."""

    key: str
    #: the tool's name and the version this reading was checked against
    tool: str
    version: str
    claude: bool = False
    #: a header closed by more than three dashes: "" as '---', "refused", "prompt" (the rest
    #: of the dashes start the prompt), "no-prompt" (the agent runs without one)
    long_fence: str = ""
    #: the file must start with `---` and a line break, and what closes the header with a line
    #: break after the three dashes, or the agent gets no prompt (Gemini CLI's regex)
    strict_fence: bool = False
    takes_bom: bool = True
    #: invalid YAML is parsed again after OpenCode's sanitize (sanitize.py)
    sanitizes: bool = False
    #: its YAML parser, where it reads otherwise than strict YAML 1.2 (TargetRules.header_parser)
    parser: str = ""
    #: it refuses an agent whose name is not text (OpenCode 1.18.33 names it by the number:
    #: `name: 1_000` is the agent "1000"; each seen with its loader)
    text_name: bool = True


LOADERS = {
    loader.key: loader
    for loader in (
        Loader("claude", "Claude Code", "2.1.332", claude=True, parser=tabs.BUN),
        Loader(
            "copilot", "GitHub Copilot CLI", "1.0.102", long_fence="refused", parser=breaks.LIBYAML
        ),
        Loader(
            "gemini",
            "Gemini CLI",
            "0.61.0",
            long_fence="no-prompt",
            strict_fence=True,
            takes_bom=False,
            parser=tabs.JS_YAML_4,
        ),
        Loader(
            "opencode",
            "OpenCode",
            "1.18.33",
            long_fence="prompt",
            sanitizes=True,
            parser=tabs.JS_YAML_3,
            text_name=False,
        ),
        # @cursor/sdk's subagent loader: lines of text, no YAML (cursor_lines.py)
        Loader(
            "cursor", "Cursor", "@cursor/sdk 1.0.32", takes_bom=False, parser=cursor_lines.CURSOR
        ),
        Loader("strict-yaml", "strict YAML 1.2", "YAML 1.2 core schema", text_name=False),
    )
}


#: the tools that read a header as YAML: all but Cursor, which reads lines of text (no one
#: header reads as meant by both where a value needs YAML's quotes or blocks)
YAML_LOADERS = [key for key, loader in LOADERS.items() if loader.parser != cursor_lines.CURSOR]


class Verdict(StrEnum):
    AS_MEANT = "loads as meant"
    DIFFERS = "loads but differs"
    FAILS = "fails"


@dataclass(frozen=True, slots=True)
class Reading:
    """One tool's reading of a header: its verdict, and what differs or why it fails."""

    loader: Loader
    verdict: Verdict
    detail: str = ""
    data: dict[str, Any] | None = None


def meant(text: str, *, path: str, limits: Limits = Limits()) -> intent.Intent | None:
    """The header as its author meant it (None when the file has no header).

    Raises:
        ParseError: not even the author's intent can be read.
    """
    parts = split.split(text, path=path)
    if parts is None:
        return None
    try:
        # a merge key (`<<: *base`) as meant: merged, as Claude Code, Gemini CLI and OpenCode do
        data, notes = yaml12.load_mapping(
            parts.yaml_text,
            path=path,
            first_line=parts.yaml_first_line,
            limits=limits,
            parser=yaml_merge.MEANT,
        )
    except ConverterError:
        data = None
    # a name YAML reads as a number (`name: 17`) is meant as its text, as a description is:
    # each tool takes a name as text (OpenCode names the agent by the number's)
    if data is not None and _prose_is_text(data) and type(data.get("name")) not in _NUMBERS:
        # valid YAML means what it says, but for prose that a ' #' cut short, and a number
        # spelt otherwise, which is text where text is meant (`description: 1.10`)
        read = _numbers_meant(as_tools_read(parts.yaml_text, data, notes), data, notes)
        data = {key: value if key in _TEXT else read.get(key, value) for key, value in data.items()}
        cut = prose.comment_cut(parts.yaml_text, data)
        spans = intent.spans_of(parts.yaml_text)
        return intent.Intent({**data, **cut}, notes.key_lines, tuple(cut), spans)
    return intent.read_intent(
        parts.yaml_text, path=path, first_line=parts.yaml_first_line, limits=limits
    )


@functools.cache
def _number_keys() -> frozenset[str]:
    """The keys a tool here takes a number for (Claude Code's `maxTurns`, Gemini CLI's
    `max_turns`, OpenCode's `steps`...: each one's rules), a tool list aside."""
    from converter.registry import default_registry
    from converter.targets.kinds import keys_by_kind

    tools = ("claude", "copilot", "gemini", "opencode")
    rules = [default_registry().get(key).rules for key in tools]  # type: ignore[attr-defined]
    return frozenset(key for one in rules for key in keys_by_kind(one)[0] if key != "tools")


def _numbers_meant(
    read: dict[str, Any], data: dict[str, Any], notes: yaml12.LoadNotes
) -> dict[str, Any]:
    """`read` with a number where a key takes one and some tool's parser reads one, though
    others read text (`max_turns: 1_0` is 10 to Gemini CLI): the number its author meant, and
    the one `fix` writes, which every tool reads (quoted, Gemini CLI would refuse it)."""
    noted = [*notes.numbers_kept, *notes.schema_words]
    for key in _number_keys().intersection(data) if noted else ():
        value = data[key]
        if not isinstance(value, str) or (value, notes.key_lines.get(key)) not in noted:
            continue
        for parser in (tabs.JS_YAML_4, tabs.BUN, breaks.LIBYAML, tabs.JS_YAML_3):
            number = schemas.reads(value, parser)
            if isinstance(number, int | float) and math.isfinite(number):
                read = {**read, key: number}
                break
    return read


def read_as(
    loader: Loader,
    text: str,
    wanted: dict[str, Any],
    *,
    path: str,
    limits: Limits = Limits(),
    bom: bool = False,
    crlf: bool = False,
) -> Reading:
    """How `loader`'s tool reads the header of `text` (a file that began with a byte-order
    mark when `bom`, whose lines ended in CRLF when `crlf`), compared with `wanted`."""
    parts = split.split(text, path=path, claude=loader.claude)
    if parts is None:
        return Reading(loader, Verdict.FAILS, "no header")
    if loader.parser == cursor_lines.CURSOR:
        return _as_cursor_reads(loader, parts, wanted)
    if loader.sanitizes:
        data, why = _sanitized(parts, path, limits, bom=bom, crlf=crlf)
    else:
        data, why = _parse(
            parts, path, limits, claude=loader.claude, parser=loader.parser, crlf=crlf
        )
    if data is None:
        return Reading(loader, Verdict.FAILS, why)
    if not _prose_is_text(data):
        return Reading(loader, Verdict.FAILS, "'description' is not text", data)
    if loader.text_name and not isinstance(data.get("name"), str | None):
        return Reading(loader, Verdict.FAILS, "'name' is not text", data)
    fence = _fence(loader, text, parts, bom)
    if fence is not None:
        return Reading(loader, fence[0], fence[1], data)
    if parts.early_close_line is not None:
        return Reading(
            loader,
            Verdict.DIFFERS,
            f"the header closes at the '---' inside line {parts.early_close_line}",
            data,
        )
    if loader.claude and parts.long_fence_line is not None:
        return Reading(
            loader,
            Verdict.DIFFERS,
            f"the header closes on the first three dashes of line {parts.long_fence_line}; "
            "the rest of that line starts the prompt",
            data,
        )
    if data != wanted:
        return Reading(loader, Verdict.DIFFERS, _difference(data, wanted), data)
    note = "after its second pass" if why else ""
    return Reading(loader, Verdict.AS_MEANT, note, data)


def _as_cursor_reads(loader: Loader, parts: split.Split, wanted: dict[str, Any]) -> Reading:
    """Cursor's reading of its own keys (cursor_lines.py) against what it can read of them."""
    if not parts.body.strip(cursor_lines.JS_SPACE):
        return Reading(loader, Verdict.FAILS, "no prompt: Cursor does not load the agent")
    data, meant = cursor_lines.as_read(parts.yaml_text), cursor_lines.as_meant(wanted)
    if data != meant:
        return Reading(loader, Verdict.DIFFERS, _difference(data, meant), data)
    return Reading(loader, Verdict.AS_MEANT, "", data)


#: Gemini CLI 0.61's FRONTMATTER_REGEX; a line break must follow the closing dashes
_GEMINI_FENCE = re.compile(r"---\r?\n[\s\S]*?\r?\n---(\r?\n|\Z)?")


def _fence(loader: Loader, text: str, parts: split.Split, bom: bool) -> tuple[Verdict, str] | None:
    """How the tool's fence differs from the author's (each checked with its own loader)."""
    if bom and not loader.takes_bom:
        return Verdict.FAILS, "a byte-order mark before the header"
    if loader.strict_fence:
        found = _GEMINI_FENCE.match(text)
        if found is None:
            return Verdict.FAILS, "more than '---' on the first line"
        if found.group(1) is None and parts.body.strip():
            return Verdict.DIFFERS, "more than '---' on the closing line: no prompt"
    if parts.long_fence_line is not None and loader.long_fence == "refused":
        return Verdict.FAILS, f"more than '---' on line {parts.long_fence_line}"
    if parts.long_fence_line is not None and loader.long_fence == "prompt":
        return Verdict.DIFFERS, "the rest of the closing line starts the prompt"
    return None


def _parse(
    parts: split.Split,
    path: str,
    limits: Limits,
    *,
    claude: bool,
    parser: str = "",
    crlf: bool = False,
) -> tuple[dict[str, Any] | None, str]:
    first = parts.yaml_first_line
    text = tabs.as_js_yaml_reads(parts.yaml_text, parser).text
    try:  # (parsed.py: Bun's parser, libyaml)
        data, notes, _, _ = parsed.load(
            text, parser, path=path, first_line=first, limits=limits, crlf=crlf
        )
        if notes.duplicate_keys and not claude:  # js-yaml, yaml 2: Claude Code keeps the last
            return None, f"{notes.duplicate_keys[0][0]!r} appears more than once"
        return as_tools_read(text, data or {}, notes, parser), ""
    except ConverterError as error:
        why = error.message
    if not claude:
        return None, why
    second, _, _ = repair.claude_second_pass(parts.yaml_text, crlf=crlf)
    second = tabs.as_js_yaml_reads(second, parser).text
    try:
        data, notes, _, _ = parsed.load(  # Bun's parser again
            second, tabs.BUN, path=path, first_line=first, limits=limits, crlf=crlf
        )
        return as_tools_read(second, data or {}, notes, parser), "second pass"
    except ConverterError:
        return None, f"{why}, even after its second pass; the header reads as empty"


def _sanitized(
    parts: split.Split, path: str, limits: Limits, *, bom: bool, crlf: bool
) -> tuple[dict[str, Any] | None, str]:
    """The header as OpenCode reads it: strict YAML, then its second pass (sanitize.py)."""
    data, why = _parse(parts, path, limits, claude=False, parser=tabs.JS_YAML_3)
    if data is not None:
        return data, why
    second = sanitize.of_header(parts, bom=bom, crlf=crlf)
    if not second.changed:  # gray-matter's cache gives back its failed reading
        return None, f"{why}; the whole file becomes the prompt"
    again, notes = sanitize.read_again(
        second, path=path, first_line=parts.yaml_first_line, limits=limits
    )
    if notes is None:
        return None, f"{why}, even after its second pass; the agent is not loaded"
    return as_tools_read(second.text, again or {}, notes, tabs.JS_YAML_3), "second pass"


#: the keys whose value is text wherever it is meant: a number spelt there is the author's text
_TEXT = frozenset({"name", "description", "model", "tools", *prose.TEXT_KEYS})


def as_tools_read(
    text: str, data: dict[str, Any], notes: yaml12.LoadNotes, parser: str = ""
) -> dict[str, Any]:
    """`data`, read from `text`, as the tools' YAML parsers read it (`parser`'s, with one:
    schemas.py): a number we keep as written (`temperature: 0.50`, `description: 1.10`) is a
    number to them, and to js-yaml `1_000` is one and `2024-01-01` a date."""
    if not notes.numbers_kept and not (parser and notes.schema_words):
        return data
    read = yaml12.load_as_tools_read(text, parser)
    return read if isinstance(read, dict) else data


#: the YAML parsers of the tools (schemas.py), and any strict YAML 1.2 reader ("")
PARSERS = ("", tabs.BUN, breaks.LIBYAML, tabs.JS_YAML_4, tabs.JS_YAML_3)


def read_alike(text: str, data: dict[str, Any], notes: yaml12.LoadNotes) -> dict[str, Any] | None:
    """`data`, read from `text`, if every tool's YAML parser reads it so (None if one reads
    another number or a date: `build: 007` is 7 to Claude Code, text to Copilot CLI)."""
    read = as_tools_read(text, data, notes)
    if not notes.numbers_kept and not notes.schema_words:
        return read
    same = all(repr(as_tools_read(text, data, notes, one)) == repr(read) for one in PARSERS)
    return read if same else None


_NUMBERS = (bool, int, float)


def _prose_is_text(data: dict[str, Any]) -> bool:
    return all(isinstance(data[key], str | None) for key in prose.TEXT_KEYS if key in data)


def _difference(read: dict[str, Any], wanted: dict[str, Any]) -> str:
    found = []
    for key, value in wanted.items():
        if key not in read:
            found.append(f"'{key}' is missing")
        elif read[key] != value:
            cut = isinstance(value, str) and isinstance(read[key], str)
            found.append(
                f"'{key}' is cut short"
                if cut and value.startswith(read[key])
                else f"'{key}' differs"
            )
    extra = [key for key in read if key not in wanted]
    if extra:
        found.append(f"{', '.join(repr(k) for k in extra)} become keys of their own")
    return "; ".join(found)
