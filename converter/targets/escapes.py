"""A literal `\\n` in a description: a line break to Claude Code, a backslash and an n elsewhere.

Claude Code turns each literal `\\n` of a Markdown agent's description into a line break
(formats.md §1.1), and agents written for it use that for their `<example>` blocks: there
the author meant line breaks, and a tool that reads the header otherwise gets them. Inside
a Windows path (`C:\\new\\tools`, `\\\\server\\nightly`, `src\\new\\x.py`) the author meant
the backslash, which Claude Code alone does not show: said, and kept for the others.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets import vocabulary

if TYPE_CHECKING:
    from converter.targets.rules import TargetRules

#: a Windows path: a drive, a share or a first name, then names each after a backslash; none
#: starts inside a word (`Examples:\\n` holds no drive), so each character is looked at once
#: (text, compiled on first use by re's own cache: `\w` costs milliseconds to compile, and
#: only a description holding `\n` needs it)
_PATH = r"(?<![\w.$:\\-])(?:[A-Za-z]:|\\\\[\w.$-]++|[\w.$-]++)(?:\\[\w.$-]++)++"


def _in_paths(description: str) -> list[tuple[str, list[int]]]:
    """Each Windows path in `description` that holds a literal `\\n`, with the offsets of
    those. A path is one with a drive or share first (`C:\\new`), or with a name after a
    backslash that does not start with an n (`src\\new\\x.py`): `agent.\\nuser` is two
    lines to its author. A last `\\n` alone (`C:\\tools\\n<example>`) is a line break."""
    found = []
    for path in re.finditer(_PATH, description):
        text = path[0]
        if text.endswith("\\n"):
            text = text[:-2]
        names = text.split("\\")[1:]
        rooted = text[1:2] == ":" or text.startswith("\\\\")
        if not rooted and all(name.startswith("n") for name in names):
            continue
        start = path.start()
        at = [start + escape.start() for escape in re.finditer(r"\\n", text)]
        if at:
            found.append((text, at))
    return found


def paths(description: str) -> list[str]:
    """The Windows paths in `description` that hold a literal `\\n`."""
    return [text.rstrip(".") for text, _ in _in_paths(description)] if "\\n" in description else []


def as_breaks(description: str) -> str:
    """Each literal `\\n` as a line break, as Claude Code reads it, but inside a path."""
    kept = {at for _, offsets in _in_paths(description) for at in offsets}
    if not kept:
        return description.replace("\\n", "\n")
    parts = description.split("\\n")
    out, at = [parts[0]], len(parts[0])
    for part in parts[1:]:
        out.append(("\\n" if at in kept else "\n") + part)
        at += 2 + len(part)
    return "".join(out)


def say_read(description: str | None, tool: str, diags: Diagnostics, line: int | None) -> None:
    """Reading a header as Claude Code reads it: a path it shows broken, said."""
    found = paths(description or "")
    if found:
        shown = ", ".join(f"'{path}'" for path in found[:3])
        diags.add(
            Code.TOOL_MISREADS,
            f"{tool} turns the \\n in {shown} into a line break (each literal \\n of a "
            "description); read as the path written, which the other tools show as written",
            line=line,
            field="description",
        )


def escapes_meant(agent: Agent) -> bool:
    """Whether a literal `\\n` in the agent's description was meant as a line break: not in
    an agent read from a tool that shows the backslash (a Gemini CLI agent's `C:\\new`),
    where it is the text its author saw; yes in one read as Claude Code reads it, or from a
    neutral format (which keeps the text as written) or none."""
    source = agent.provenance.format if agent.provenance else None
    if source is None:
        return True
    from converter.errors import ConverterError
    from converter.registry import default_registry

    try:
        found = getattr(default_registry().get(source), "rules", None)
    except ConverterError:  # a plugin's format, no longer registered
        return True
    return found is None or found.header_reader == vocabulary.canonical()


def written(description: str, agent: Agent, rules: TargetRules, diags: Diagnostics | None) -> str:
    """`description` (holding a literal `\\n`) as written for the target of `rules`: line
    breaks where they were meant, for a tool that shows the backslash; as it is for Claude
    Code, said where it shows a line break the author did not mean."""
    meant = escapes_meant(agent)
    shown = rules.display or rules.tool
    if rules.header_reader != vocabulary.canonical():
        if not meant:
            return description
        broken = as_breaks(description)
        if diags is not None and broken != description:
            diags.add(
                Code.VALUE_COERCED,
                f"literal \\n in the description written as line breaks, as "
                f"{vocabulary.canonical()} reads them ({shown} would show the backslash)",
                field="description",
                severity=Severity.INFO,
            )
        return broken
    # its author saw a backslash, or wrote a path (said when read from a file of this tool's)
    own = agent.provenance is not None and agent.provenance.format == rules.tool
    if diags is not None and (not meant or (not own and paths(description))):
        diags.add(
            Code.TOOL_MISREADS,
            f"{shown} reads each literal \\n in the description as a line break, and no "
            "spelling keeps a backslash before an n there: written as it is, shown otherwise",
            field="description",
        )
    return description
