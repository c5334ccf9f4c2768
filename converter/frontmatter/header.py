"""Read a `---` YAML header the way Claude Code does (strict, then repaired), reporting what
was odd; shared by every frontmatter format and target. No model knowledge here."""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ParseError
from converter.frontmatter import repair, split, yaml12
from converter.registry import ReadContext


def load(parts: split.Split, context: ReadContext) -> tuple[dict[str, Any], dict[str, int]]:
    """The header's mapping (empty when blank) and the 1-based line of each top-level key."""
    limits = context.options.limits
    first = parts.yaml_first_line
    diags = context.diagnostics
    try:
        data, notes = yaml12.load_mapping(
            parts.yaml_text, path=context.path, first_line=first, limits=limits
        )
    except ParseError as strict_error:
        repaired, repairs = repair.repair(parts.yaml_text)
        if repaired == parts.yaml_text:
            raise
        try:
            data, notes = yaml12.load_mapping(
                repaired, path=context.path, first_line=first, limits=limits
            )
        except ParseError:
            raise strict_error from None
        for fix in repairs:
            diags.add(
                Code.FRONTMATTER_REPAIRED,
                f"'{fix.key}' is not valid YAML (unquoted ': ', '#', '<'...); read as the "
                "text written, as Claude Code does; --normalize writes it quoted",
                line=fix.line + first - 1,
                field=fix.key,
            )
        if not repairs:
            diags.add(Code.FRONTMATTER_REPAIRED, "tab indentation read as spaces", line=first)
    if parts.long_fence_line is not None:
        diags.add(
            Code.FRONTMATTER_REPAIRED,
            "the header closes with a line of dashes longer than '---'; read as '---'",
            line=parts.long_fence_line,
        )
    _report(notes, diags)
    return data or {}, notes.key_lines


def _report(notes: yaml12.LoadNotes, diags: Diagnostics) -> None:
    for key, line in notes.duplicate_keys:
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
        diags.add(
            Code.NUMBER_KEPT_AS_TEXT,
            f"{text!r} is kept as written (as a number it would read differently)",
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
