"""Read a `---` YAML header as its tool reads it, and say where that is not what its author
meant. Shared by every frontmatter format and target. No model knowledge here.

A header is read three ways, as far as needed: as the tool reads it (strict YAML 1.2, then,
for Claude Code, its second pass; with Claude Code's fence, which can close inside a line),
and as its author meant it (`intent`). The result is the tool's reading whenever the tool
loads the file (a misreading is reported: `tool-misreads`), and the author's reading when
the tool cannot load it (reported with what the tool does instead: `tool-cannot-read`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError, ParseError, invalid_yaml
from converter.frontmatter import (
    long_fence,
    schemas,
    split,
    tabs,
    typed_values,
    yaml_flat,
    yaml_json,
)
from converter.frontmatter.prose import TEXT_KEYS, comment_cut, not_text
from converter.registry import ReadContext

if TYPE_CHECKING:
    from converter.frontmatter import intent, repair, sanitize


class Reader(NamedTuple):
    """How one tool reads a header: its name for messages, whether it is Claude Code (its
    fence and second pass), and what it does with a header it cannot parse."""

    tool: str
    claude: bool = False
    #: what the tool does with an agent whose header it cannot parse
    consequence: str = "does not load this agent"  # (NOT_LOADED)
    #: the keys the tool takes a number for: a number we keep as written there (`temperature:
    #: 0.50`) is read as the tool's number
    numbers: frozenset[str] = frozenset()
    #: the keys it takes only text for: a number or date kept as written there is text to us;
    #: `Header.numbers` says what the tool reads instead (`description: 1.10`)
    texts: frozenset[str] = frozenset()
    #: what the tool does with a header closed by more than three dashes (TargetRules)
    long_fence: str = ""
    #: the tool parses a header it cannot read again after OpenCode's sanitize (sanitize.py:
    #: unchanged, `consequence`; changed and still unparsed, an agent it does not load)
    sanitizes: bool = False
    #: its YAML parser, where it reads otherwise than strict YAML 1.2 (TargetRules.header_parser)
    parser: str = ""
    whole_config: bool = False  # a value of the wrong kind fails its whole configuration


NOT_LOADED = "does not load this agent"  # a header it cannot parse, unless its rules say more


class Header(NamedTuple):
    """A header as the agent is read from it: the mapping, the 1-based line of each key, the
    header text as it stands in the file (fences included), and the body after it."""

    data: dict[str, Any]
    lines: dict[str, int]
    raw: str
    body: str
    numbers: tuple[tuple[str, Any], ...] = ()  # (key, the number or date its tool reads: texts)


class _Reading(NamedTuple):
    """A header as one tool reads it: its values and notes, or why it cannot."""

    data: dict[str, Any] | None
    notes: yaml_flat.LoadNotes | None = None
    error: ConverterError | None = None
    requoted: tuple[repair.Requoted, ...] = ()
    untabbed: bool = False
    #: what the tool does with this header when not `Reader.consequence` ("" for that)
    consequence: str = ""
    repair_failed: bool = False  # the tool's second pass could not read the header either
    skipped_tab: int = 0  # the first file line whose leading tab the tool skips (tabs.py)
    yaml11: bool = False  # libyaml broke a line at a NEL, U+2028 or U+2029 (breaks.py)
    unlike_yaml: bool = False  # its parser reads the text otherwise (crlf_quotes.py, tabs.py)


def read(text: str, context: ReadContext, reader: Reader) -> Header | None:
    """The header of `text` (None when it has none), read as `reader`'s tool reads it.

    Raises:
        ParseError: neither the tool nor a reading of the author's intent can make sense of it.
        LimitError: the header breaks a safety limit.
    """
    parts = split.split(text, path=context.path, claude=reader.claude)
    if parts is None:
        return None
    if reader.parser == "cursor-lines":  # no YAML: Cursor reads lines (cursor_lines.py)
        from converter.frontmatter import cursor_lines

        return Header(*cursor_lines.read(parts, context, reader), parts.header, parts.body)
    tool = _as_tool_reads(parts, context, reader)
    spelt: tuple[tuple[str, Any], ...] = ()
    if tool.data and "!" in parts.yaml_text and reader.parser in (tabs.JS_YAML_4, tabs.JS_YAML_3):
        # js-yaml's dates and bytes (`!!timestamp`): the text written, judged by its rules;
        # prose stays as read (the author's reading is taken: not text to the tool)
        data, typed = yaml_json.as_written(tool.data, TEXT_KEYS)
        tool, spelt = (
            tool._replace(data=data),
            typed_values.judged(typed, reader, context, tool.notes),
        )
    if (
        tool.notes is not None
        and tool.data
        and (tool.notes.numbers_kept or tool.notes.schema_words)
    ):
        spelt += typed_values.read_numbers(tool.data, tool.notes, reader)
        if reader.claude and spelt:  # Bun's YAML reads a number too: prose that is not text
            prose = {key: number for key, number in spelt if key in TEXT_KEYS}
            tool = tool._replace(data={**tool.data, **prose}) if prose else tool
            spelt = tuple((key, number) for key, number in spelt if key not in TEXT_KEYS)
    tagged = tool.notes is not None and tool.notes.local_tags  # read as if untagged
    plain = tool.data is not None and not (
        tool.requoted or tool.untabbed or tool.skipped_tab or tagged
    )
    plain = plain and not tool.yaml11 and not tool.unlike_yaml and parts.intended is None
    if plain and _prose_is_text(tool.data):
        assert tool.data is not None and tool.notes is not None
        _report(tool.notes, context.diagnostics, reader, tool.consequence)
        long_fence.report(parts, context.diagnostics, reader.tool, reader.long_fence)
        for key, written in comment_cut(parts.yaml_text, tool.data).items():
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                f"{reader.tool} reads '{key}' only up to ' #', which starts a YAML comment "
                f"(the rest, {written[len(tool.data[key]) :].strip()!r}, is lost); this keeps "
                "its reading, and 'agentmorph fix' quotes the value",
                line=tool.notes.key_lines.get(key),
                field=key,
            )
        raw = long_fence.fenced(parts, reader.long_fence)
        return Header(tool.data, tool.notes.key_lines, raw, parts.body, spelt)
    meant_parts = parts.intended or parts
    from converter.frontmatter import intent  # only for a header the tool misreads

    try:
        meant = intent.read_intent(
            meant_parts.yaml_text,
            path=context.path,
            first_line=meant_parts.yaml_first_line,
            limits=context.options.limits,
        )
    except ParseError:
        if tool.data is None:
            assert tool.error is not None
            raise tool.error from None
        if not _prose_is_text(tool.data):  # (keys indented alike: no intent read, and no text)
            assert tool.notes is not None
            raise not_text(tool.data, tool.notes.key_lines, context.path, reader.tool) from None
        meant = None
    if meant is not None and tool.data and reader.numbers:
        for key in reader.numbers.intersection(meant.data):  # a number as the tool reads it
            written = meant.data[key]
            number = schemas.reads(written, reader.parser) if isinstance(written, str) else None
            if type(number) in (int, float) and tool.data.get(key) == number:  # (nan is not)
                meant.data[key] = number
    return _choose(parts, meant_parts, tool, meant, context, reader)


def _choose(
    parts: split.Split,
    meant_parts: split.Split,
    tool: _Reading,
    meant: intent.Intent | None,
    context: ReadContext,
    reader: Reader,
) -> Header:
    diags = context.diagnostics
    if tool.data is None or not _prose_is_text(tool.data):
        assert meant is not None
        why = invalid_yaml(tool.error) if tool.data is None else "'description' is not text there"
        then = tool.consequence or reader.consequence
        if tool.data is not None and reader.whole_config:  # (OpenCode: "Expected string")
            then = "refuses its whole configuration, so loads no agent at all"
        if tool.repair_failed:
            why += f", even after {reader.tool}'s repair"
        diags.add(
            Code.TOOL_CANNOT_READ,
            f"{reader.tool} cannot read this header ({why}): it {then}; "
            "read here as its author meant it; 'agentmorph fix' repairs the file",
            line=meant_parts.yaml_first_line - 1,
        )
        return Header(meant.data, meant.lines, meant_parts.header, meant_parts.body)
    assert tool.notes is not None
    _report(tool.notes, diags, reader, tool.consequence)
    if meant is not None and (parts.intended is not None or tool.data != meant.data):
        diags.add(
            Code.TOOL_MISREADS,
            f"{reader.tool} reads this header otherwise than written: "
            + _differences(parts, tool.data, meant.data, tool.notes)
            + "; this keeps its reading, and 'agentmorph fix' rewrites the header so it "
            "reads what was meant",
            line=parts.early_close_line or parts.yaml_first_line - 1,
        )
    else:
        first = parts.yaml_first_line
        for fix in tool.requoted:  # (a value starting with a comma: parsed.py)
            why = "it starts with a comma" if fix.value == "," else "unquoted ': ', '#', '<'..."
            diags.add(
                Code.FRONTMATTER_REPAIRED,
                f"'{fix.key}' is not valid YAML ({why}); read as the text "
                f"written, as {reader.tool} does; 'agentmorph fix' or --normalize quotes it",
                line=fix.line + first - 1,
                field=fix.key,
            )
        if tool.untabbed and not tool.requoted:
            diags.add(Code.FRONTMATTER_REPAIRED, "tab indentation read as spaces", line=first)
        if tool.skipped_tab:
            from converter.frontmatter.tabs import SKIPPED_SAID

            said = f"a tab starts this line: {reader.tool} {SKIPPED_SAID}"
            diags.add(Code.FRONTMATTER_REPAIRED, said, line=tool.skipped_tab)
    long_fence.report(parts, diags, reader.tool, reader.long_fence)
    return Header(
        tool.data, tool.notes.key_lines, long_fence.fenced(parts, reader.long_fence), parts.body
    )


def load_full_readers() -> None:
    """Import what a header of more than simple lines needs (libyaml, the repairs, the author's
    reading) before a batch forks its workers: each inherits it (15 ms an import, 2 CPUs)."""
    from converter.frontmatter import intent, repair, tabs, yaml12  # noqa: F401


def _as_tool_reads(parts: split.Split, context: ReadContext, reader: Reader) -> _Reading:
    limits, first = context.options.limits, parts.yaml_first_line
    flat = yaml_flat.read(parts.yaml_text, first, limits.max_nodes, limits.max_depth)
    if flat is not None:  # the usual header, read without libyaml (yaml_flat.py)
        return _sanitized_repeats(_Reading(*flat), parts, context, reader)
    from converter.frontmatter import breaks, parsed, repair, tabs

    text, skipped = tabs.as_js_yaml_reads(parts.yaml_text, reader.parser)
    path, crlf = context.path, context.crlf
    try:  # (parsed.py: Bun's parser, libyaml)
        data, notes, unfold, commas = parsed.load(
            text, reader.parser, path=path, first_line=first, limits=limits, crlf=crlf, fully=True
        )
        requoted = tuple(repair.Requoted(key, line, ",") for key, line in commas)
        read = _Reading(data or {}, notes, skipped_tab=first - 1 + skipped[0] if skipped else 0)
        unlike = unfold or tabs.loses_last_end(parts.yaml_text, reader.parser)
        libyaml = reader.parser == breaks.LIBYAML
        read = read._replace(yaml11=libyaml and breaks.holds(text), unlike_yaml=unlike)
        return _sanitized_repeats(read._replace(requoted=requoted), parts, context, reader)
    except ParseError as strict_error:
        if reader.sanitizes:
            return _as_sanitized(parts, context, strict_error)
        if not reader.claude:
            return _Reading(None, error=strict_error)
        second, again, untabbed = repair.claude_second_pass(parts.yaml_text, crlf=context.crlf)
        if second == parts.yaml_text:
            return _Reading(None, error=strict_error, repair_failed=True)
        second = tabs.as_js_yaml_reads(second, reader.parser).text  # (Bun's parser again)
        try:
            data, notes, unfold, commas = parsed.load(
                second, tabs.BUN, path=path, first_line=first, limits=limits, crlf=crlf
            )
        except ParseError:
            return _Reading(None, error=strict_error, repair_failed=True)
        more = tuple(repair.Requoted(key, line, ",") for key, line in commas)
        return _Reading(data or {}, notes, requoted=(*again, *more), untabbed=untabbed or unfold)


def _sanitized(parts: split.Split, context: ReadContext) -> sanitize.Sanitized:
    from converter.frontmatter import sanitize

    return sanitize.of_header(parts, bom=context.bom, crlf=context.crlf)


def _sanitized_repeats(
    tool: _Reading, parts: split.Split, context: ReadContext, reader: Reader
) -> _Reading:
    """A key written twice, read by a tool that sanitizes: if its pass changes the file,
    the key is still there twice, and the agent is not loaded."""
    if not reader.sanitizes or tool.notes is None or not tool.notes.duplicate_keys:
        return tool
    if _sanitized(parts, context).changed:
        return tool._replace(consequence=NOT_LOADED, repair_failed=True)
    return tool


def _as_sanitized(parts: split.Split, context: ReadContext, strict_error: ParseError) -> _Reading:
    """A header strict YAML refuses, read as a tool that sanitizes reads it (sanitize.py)."""
    from converter.frontmatter import sanitize

    second = _sanitized(parts, context)
    if not second.changed:  # gray-matter's cache gives back its failed reading
        return _Reading(None, error=strict_error)
    data, notes = sanitize.read_again(
        second, path=context.path, first_line=parts.yaml_first_line, limits=context.options.limits
    )
    if notes is None:
        return _Reading(None, error=strict_error, consequence=NOT_LOADED, repair_failed=True)
    return _Reading(data, notes, requoted=tuple(second.requoted))


def _prose_is_text(data: dict[str, Any] | None) -> bool:
    return data is not None and all(
        isinstance(data[key], str | None) for key in TEXT_KEYS if key in data
    )


def _differences(
    parts: split.Split, read: dict[str, Any], meant: dict[str, Any], notes: yaml_flat.LoadNotes
) -> str:
    tags = notes.local_tags
    found = [f"it takes {tag!r} on line {line} for a YAML tag and drops it" for tag, line in tags]
    tagged = {notes.key_lines.get(key) for key in read} & {line for _, line in tags}
    if parts.early_close_line is not None:
        found.append(
            f"it closes the header at the '---' inside line {parts.early_close_line}, so the "
            "lines after it become part of the prompt"
        )
    for key, value in read.items():
        if key in meant and meant[key] != value and notes.key_lines.get(key) not in tagged:
            wanted = meant[key]
            cut = isinstance(wanted, str) and isinstance(value, str) and wanted.startswith(value)
            found.append(f"'{key}' is cut short" if cut else f"'{key}' differs")
    extra = [key for key in read if key not in meant]
    if extra:
        found.append(
            f"{', '.join(repr(k) for k in extra)} become keys of their own (the last one wins)"
        )
    lost = [key for key in meant if key not in read and parts.early_close_line is None]
    if lost:
        found.append(f"{', '.join(repr(k) for k in lost)} are lost")
    return "; ".join(found) or "its values differ"


def _report(
    notes: yaml_flat.LoadNotes, diags: Diagnostics, reader: Reader, consequence: str = ""
) -> None:
    repeated = list(notes.duplicate_keys)
    if repeated and not reader.claude:
        # a strict YAML reader refuses a repeated key: js-yaml ("duplicated mapping key":
        # Gemini CLI 0.61, OpenCode 1.18.33), yaml 2 ("duplicate entry with key": GitHub
        # Copilot CLI 1.0.102); Claude Code 2.1.332 keeps the last, as this does
        key, line = repeated.pop(0)
        diags.add(
            Code.TOOL_CANNOT_READ,
            f"{reader.tool} cannot read this header ({key!r} appears more than once): it "
            f"{consequence or reader.consequence}; read here with the last one kept",
            line=line,
        )
    for key, line in repeated:
        diags.add(
            Code.DUPLICATE_KEY,
            f"key {key!r} appears more than once; the last one is kept",
            line=line,
        )
    for key, line in notes.comment_values:
        diags.add(
            Code.VALUE_IS_COMMENT,
            f"'{key}' is empty: YAML reads ' #' as the start of a comment; quote the value",
            line=line,
            field=key,
        )
    for text, line in notes.numbers_kept:
        shown = text if len(text) <= 40 else f"{text[:20]}...({len(text):,} characters)"
        diags.add(
            Code.NUMBER_KEPT_AS_TEXT,
            f"{shown!r} is kept as written (as a number it would read differently)",
            line=line,
            severity=Severity.INFO,
        )
    for text, line in notes.yaml11_words:
        diags.add(
            Code.YAML11_VALUE_KEPT,
            f"{text!r} is text in YAML 1.2 (as in Claude Code); write true or false for a boolean",
            line=line,
            severity=Severity.INFO,
        )
    for message, line in notes.coerced:
        diags.add(Code.VALUE_COERCED, message, line=line or None)
