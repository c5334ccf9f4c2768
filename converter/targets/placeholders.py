"""Placeholders a tool fills in a prompt each time it runs it (vocabulary.toml
[prompt_placeholders]): said when a prompt goes to a tool that would fill what its author
wrote as text, or leaves the tool that filled them for one that sends them as text.

The prompt itself is never changed: these tools have no escape for their placeholders, and a
prompt is kept byte for byte. What the target will do with it is said instead, so that
`--strict` can refuse to write it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import vocabulary

#: most placeholders named in one message, and most characters shown of each
_SHOWN = 3
_WIDTH = 40

Row = dict[str, Any]


@functools.cache
def _rows() -> dict[str, Row]:
    rows: dict[str, Row] = vocabulary.table().get("prompt_placeholders", {})
    return rows


def found(text: str, tool: str | None) -> tuple[list[str], list[str]]:
    """The placeholders `tool` fills in `text`, and those it has nothing for (which fail
    the run), each once, in order of appearance."""
    row = _rows().get(tool or "")
    return ([], []) if row is None or "{" not in text else _found(text, row)


def _found(text: str, row: Row) -> tuple[list[str], list[str]]:
    known = row.get("known")
    filled: dict[str, None] = {}
    failing: dict[str, None] = {}
    for match in re.finditer(row["pattern"], text):
        fails = known is not None and match.group(1) not in known
        (failing if fails else filled)[match.group(0)] = None
    return list(filled), list(failing)


def _listed(placeholders: list[str]) -> str:
    shown = [
        p if len(p) <= _WIDTH else p[: _WIDTH - 1] + "…"
        for p in (p.replace("\n", "↵") for p in placeholders[:_SHOWN])
    ]
    more = len(placeholders) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def _fails(row: Row, failing: list[str], more: str = "") -> str:
    known = ", ".join("${" + word + "}" for word in row["known"])
    return (
        f"{row['display']} fails this agent each time it runs it: the prompt holds "
        f"{_listed(failing)}, which it reads as inputs of the run, and it has no input of "
        f"that name (it fills only {known}){more}"
    )


def say_written(agent: Agent, target: str, display: str, diags: Diagnostics | None) -> None:
    """Said when writing `agent` for `target` (`display`: its name in messages): what the
    target would fill in a prompt that came from elsewhere, and what the source tool filled
    that the target sends as text."""
    text = agent.instructions
    if diags is None:
        return
    rows = _rows()
    source = agent.provenance.format if agent.provenance else None
    theirs, ours = rows.get(source or ""), rows.get(target)
    if source == target or (theirs is None and ours is None):
        return  # its own file: reading it said what the tool does with it
    if not any(row.get("marker", "{") in text for row in (theirs, ours) if row is not None):
        return  # no placeholder can be there: the pattern is not even tried
    if ours is not None:
        filled, failing = _found(text, ours)
        if failing:
            said = _fails(ours, failing, f"; it has no escape for them: {ours['as_text']}")
            diags.add(Code.TOOL_REFUSES, said, field="instructions")
        if filled:
            diags.add(
                Code.TOOL_MISREADS,
                f"{ours['display']} {ours.get('verb', 'replaces')} {_listed(filled)} in the "
                f"prompt {_how(ours, 'each time it runs it')}"
                + ("" if "verb" in ours else ": the text is not sent as written"),
                field="instructions",
            )
    if theirs is not None and theirs != ours and (filled := _found(text, theirs)[0]):
        diags.add(
            Code.TOOL_MISREADS,
            f"{theirs['display']} {theirs.get('verb', 'fills')} {_listed(filled)} in a "
            f"{theirs['kind']}'s prompt {_how(theirs, 'when it runs it')}; a {display} agent gets "
            "them as text",
            field="instructions",
        )


def _how(row: Row, when: str) -> str:
    """What the tool does with its placeholders, for a message: each run fills them, or (a
    row with its own `verb`) what it reads them as."""
    return row["fills"] if "verb" in row else f"{when} ({row['fills']})"


def say_read(agent: Agent, tool: str, diags: Diagnostics, also_known: tuple[str, ...] = ()) -> None:
    """Said when reading a file of `tool`: placeholders that fail the run (what it fills is
    what its author meant; `also_known`: words the tool fills in this file before a run)."""
    _say_failing(agent, tool, diags, Code.TOOL_REFUSES, also_known)


def rule_issues(agent: Agent, tool: str, diags: Diagnostics) -> None:
    """`validate`'s rule issue for a prompt that fails the tool's run, for an agent of
    another tool (one of its own said so when read)."""
    if agent.provenance is None or agent.provenance.format != tool:
        _say_failing(agent, tool, diags, Code.TARGET_RULE)


def _say_failing(
    agent: Agent, tool: str, diags: Diagnostics, code: Code, also_known: tuple[str, ...] = ()
) -> None:
    row = _rows().get(tool)
    if row is not None and also_known and "known" in row:
        row = {**row, "known": [*row["known"], *also_known]}
    if row is not None and "known" in row and "{" in agent.instructions:
        failing = _found(agent.instructions, row)[1]
        if failing:
            diags.add(code, _fails(row, failing), field="instructions")
