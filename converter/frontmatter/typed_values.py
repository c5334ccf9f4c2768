"""What a tool's YAML parser reads as other than text where we keep the text written (for
its rules to judge, converter/targets/refusals.py): numbers (`temperature: 0.50`, `1_000`)
and js-yaml's dates and bytes (`2024-01-01`, `!!binary`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from converter.diagnostics import Code
from converter.frontmatter import schemas, yaml_flat
from converter.frontmatter.prose import TEXT_KEYS
from converter.registry import ReadContext

if TYPE_CHECKING:
    from converter.frontmatter.header import Reader


def read_numbers(
    data: dict[str, Any], notes: yaml_flat.LoadNotes, reader: Reader
) -> tuple[tuple[str, Any], ...]:
    """The tool's numbers where its key takes one: YAML 1.2 parsers (Gemini CLI's, OpenCode's,
    Copilot CLI's, Bun's) read `temperature: 0.50` as 0.5, where we keep other values so
    spelt as written (`version: 1.10`); a number quoted as text stays text, as for them. And
    the numbers (and js-yaml's dates: schemas.py) it reads where it takes text, kept as text."""
    spelt = []
    # (Claude Code 2.1.332: "Missing required description"; a name that is a number is left
    # out, unsaid: said as its tool refusing it, the name kept as written)
    texts = TEXT_KEYS | reader.texts if reader.claude else reader.texts
    for key in (reader.numbers | texts).intersection(data):
        value, line = data[key], notes.key_lines.get(key, 0)
        kept = isinstance(value, str) and (value, line) in notes.numbers_kept
        if not kept and not (isinstance(value, str) and (value, line) in notes.schema_words):
            continue
        number = schemas.reads(value, reader.parser)
        if number is None:
            continue
        if key in reader.numbers:
            if isinstance(number, schemas.Date) or not math.isfinite(number):  # `.inf`, dates
                continue  # no number a model holds: kept as written
            data[key] = number
            if kept:
                notes.numbers_kept.remove((value, line))
        else:
            spelt.append((key, number))
    return tuple(spelt)


def judged(
    typed: list[tuple[str, Any]], reader: Reader, context: ReadContext, notes: Any
) -> tuple[tuple[str, Any], ...]:
    """js-yaml's dates and bytes under keys its rules type, for them to judge; under any other
    key, said (the text written is kept)."""
    judged = []
    for key, value in typed:
        typed_by_rules = key != "tools" and key in reader.numbers | reader.texts
        if typed_by_rules and isinstance(value, schemas.Date | schemas.Binary):
            judged.append((key, value))
            continue
        context.diagnostics.add(
            Code.TOOL_MISREADS,
            f"{reader.tool} reads '{key}' with a date or bytes in it (a YAML tag of its own, "
            "`!!timestamp` or `!!binary`); kept as the text written",
            line=notes.key_lines.get(key) if notes is not None else None,
            field=key,
        )
    return tuple(judged)
