"""How a target spells a tool list, and what that costs, said: the tool's case (`read` is
`Read`), names it no longer has (it gives an agent nothing by them: `LS` is `Glob` now), names
it lacks, and names it gives another tool too.

Retired names stay in the model (other tools' names read to them, and a file of the tool's
own keeps them): a list written anew names the tool that does the work now, a list written
as it was, and a validation, say that the tool ignores them (`vocabulary.toml [retired]`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.targets import vocabulary

if TYPE_CHECKING:
    from converter.targets.rules import TargetRules


def kept_as_written(said: Diagnostic) -> bool:
    """A tool name the target has no tool for, written as is: as true of a tool's own file
    reused byte for byte as of one written anew (the others say what a rewrite changed)."""
    return said.code is Code.TOOL_UNMAPPED and said.message.endswith("; written as is")


def say_translation(found: vocabulary.Translation, rules: TargetRules, diags: Diagnostics) -> None:
    """What a tool list lost in the target's names, said."""
    say_unmapped(rules.tool, found.unmapped, diags)
    if found.dropped:
        diags.add(
            Code.TOOL_UNMAPPED,
            f"{rules.tool} has no tool like {', '.join(found.dropped)} and refuses names it "
            "does not know; left out",
            field="tools",
        )
    if found.widened:
        diags.add(
            Code.TOOLS_WIDENED,
            f"{rules.tool}'s tool names also allow {', '.join(found.widened)}, which the agent "
            "did not have",
            field="tools",
        )


def say_unmapped(tool: str, unmapped: tuple[str, ...], diags: Diagnostics | None) -> None:
    """Tools the target has no name for (written as they are), and tools written under a name
    the target gives another tool too (MultiEdit as Gemini's `replace`: read back, it is
    that one), said apart."""
    shared = [u for u in unmapped if " (comes back as " in u]
    plain = [u for u in unmapped if u not in shared]
    if diags is not None and plain:
        diags.add(
            Code.TOOL_UNMAPPED,
            f"{tool} has no name for {', '.join(plain)}; written as is",
            field="tools",
        )
    if diags is not None and shared:
        diags.add(
            Code.TOOL_UNMAPPED,
            f"{tool} writes {', '.join(shared)} under a name it gives another tool too; read "
            "back, it is that tool",
            field="tools",
        )


def spelt(rules: TargetRules, tools: tuple[str, ...], diags: Diagnostics | None) -> tuple[str, ...]:
    """Names the tool spells otherwise (its names are case-sensitive: `read` is `Read`), in
    its spelling: what the author meant, where the tool would give the agent nothing."""
    out, changed = [], []
    for tool in tools:
        base = tool.split("(")[0]
        spelling = vocabulary.spelled(rules.tool, base)
        if spelling is None:
            out.append(tool)
            continue
        out.append(spelling + tool[len(base) :])
        changed.append(f"{base} as {spelling}")
    if changed and diags is not None:
        diags.add(
            Code.VALUE_COERCED,
            f"{rules.display or rules.tool}'s tool names are case-sensitive: written "
            + ", ".join(changed),
            field="tools",
            severity=Severity.INFO,
        )
    return tuple(out)


def successors(tool: str) -> dict[str, str]:
    """`tool`'s retired names, each with the name that does its work there now ("" if none)."""
    found: dict[str, str] = vocabulary.table().get("retired", {}).get(tool, {})
    return found


def why(tool: str, name: str) -> str | None:
    """Why `tool` gives nothing for `name` (`no longer a tool there; Glob does that now`),
    or None when `name` is no retired name of `tool`."""
    gone = successors(tool)
    base = name.split("(")[0]
    if base not in gone:
        return None
    now = gone[base]
    return f"no longer a tool there; {now} does that now" if now else "no longer a tool there"


def ignored(tool: str, names: tuple[str, ...]) -> list[str]:
    """The names `tool` gives an agent nothing for: names it never had, and retired ones
    with why (`LS (no longer a tool there; Glob does that now)`)."""
    out = []
    for name in names:
        gone = why(tool, name)
        if gone:
            out.append(f"{name} ({gone})")
        elif not vocabulary.is_known(tool, name):
            out.append(name)
    return out


def current(tool: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """`names` with each retired one as its successor, or left out where none does its
    work (a deny list: denying `LS` denies nothing where there is no LS; `Glob` lists now)."""
    gone = successors(tool)
    if not gone:
        return names
    out = []
    for name in names:
        base = name.split("(")[0]
        if base not in gone:
            out.append(name)
        elif gone[base]:
            out.append(gone[base] + name[len(base) :])
    return tuple(dict.fromkeys(out))


def replaced(
    rules: TargetRules, tools: tuple[str, ...], diags: Diagnostics | None
) -> tuple[str, ...]:
    """`current(tools)`, said: each retired name written as its successor (`MultiEdit(src/**)`
    as `Edit(src/**)`), or left out where none does its work."""
    gone = successors(rules.tool)
    retired = [*dict.fromkeys(b for n in tools if (b := n.split("(")[0]) in gone)]
    if not retired:
        return tools
    old, dropped = [b for b in retired if gone[b]], [b for b in retired if not gone[b]]
    now = [*dict.fromkeys(gone[b] for b in old)]
    display = rules.display or rules.tool
    if diags is not None and old:
        diags.add(
            Code.VALUE_COERCED,
            f"{display} no longer has {', '.join(old)} (an agent gets nothing for "
            f"{'them' if len(old) > 1 else 'it'}): written as {', '.join(now)}, which "
            f"{'do' if len(now) > 1 else 'does'} that work there now",
            field="tools",
            severity=Severity.INFO,
        )
    if diags is not None and dropped:
        diags.add(
            Code.TOOL_UNMAPPED,
            f"{display} no longer has {', '.join(dropped)} (no tool there does that work); "
            "left out",
            field="tools",
        )
    return current(rules.tool, tools)
