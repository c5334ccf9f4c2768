"""Translate tool and model names between tools, from the tables in `vocabulary.toml`.

The model holds the canonical tool's names (the table says which); a target maps them to its
own on write and back on read. Nothing is dropped silently: what has no equivalent is
reported, and a mapping that grants more than the list asked for (a coarse name that stands
for several tools) says so. Every tool fact is data: this code names no tool.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

from converter.targets.mcp_names import canonical_mcp as _canonical_mcp
from converter.targets.mcp_names import canonical_server as _canonical_server
from converter.targets.mcp_names import mcp as _mcp
from converter.targets.mcp_names import mcp_from as _mcp_from
from converter.targets.mcp_names import mcp_to as _mcp_to
from converter.targets.tables import COMPILED, canonical, table

__all__ = ["COMPILED", "canonical", "table"]

_SCOPED = re.compile(r"(\w+)\((.*)\)")


def concepts() -> dict[str, dict[str, list[str]]]:
    tools: dict[str, dict[str, list[str]]] = table()["tools"]
    return tools


class Translation(NamedTuple):
    """A tool list in a target's names, and what the translation could not keep."""

    names: tuple[str, ...]
    #: tools with no name in the target (kept as written, or left out where the target
    #: refuses unknown names: `dropped`)
    unmapped: tuple[str, ...] = ()
    #: canonical tools that a coarser target name now also allows
    widened: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    #: names from another tool's vocabulary, read as the tools they stand for there
    #: (`read_file (gemini's name for Read)`)
    foreign: tuple[str, ...] = ()


def tools_to(target: str, tools: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Canonical tool names in `target`'s names: (names, unmapped, widened-by)."""
    found = translate(target, tuple(tools))
    return list(found.names), [*found.unmapped, *found.dropped], list(found.widened)


@lru_cache(maxsize=4096)
def translate(target: str, tools: tuple[str, ...]) -> Translation:
    """Canonical tool names in `target`'s names (cached: a collection shares a few lists)."""
    out: dict[str, None] = {}  # names in order, each once (_add)
    unmapped: list[str] = []
    dropped: list[str] = []
    scoped_tools: list[str] = []
    granted, asked = set[str](), set[str]()
    strict = bool(table().get("strict_tool_names", {}).get(target))
    tools, foreign = as_canonical(tools)
    group = _mcp("builtin_groups").get(target)
    every = concept_names()
    # Kiro's @builtin: every built-in, in one name, only where the list asks for every tool
    # (its own tools and more): its own alone would widen to use_aws, knowledge, introspect
    if group and set(every) <= set(tools):
        tools = (group, *(t for t in tools if t not in every))
    every_mcp_asked = _mcp("every")[canonical()] in tools  # once: the list may be long

    def lose(tool: str) -> None:  # a name the target lacks: kept, or left out where refused
        (dropped if strict else unmapped).append(tool)
        if not strict:
            _add(out, tool)

    for tool in tools:
        if tool == group:
            _add(out, tool)
            asked.update(name.lower() for name in every)
            continue
        scoped = _SCOPED.fullmatch(tool)
        base = scoped.group(1) if scoped else tool
        asked.update(_spellings(base))
        if scoped and not _spellings(base) & _plain(tools):  # listed plain too: granted whole
            scoped_tools.append(f"{base} beyond {scoped.group(2)!r}")
        if tool == _mcp("groups").get(target):  # Roo's `mcp` group, read from a Roo file
            _add(out, tool)
            continue
        if tool == _mcp("every").get(canonical()):  # every MCP tool, in the target's name
            all_mcp = _mcp("every").get(target) or _mcp("groups").get(target)
            if all_mcp:
                _add(out, all_mcp)
            else:
                lose(tool)
            continue
        mcp = _mcp_to(target, base)
        if mcp is not None:
            if mcp:
                _add(out, mcp)
                if mcp in _mcp("groups").values() and not every_mcp_asked:
                    scoped_tools.append(f"every MCP tool beyond {tool}")
            else:
                lose(tool)
            continue
        concept = _concept_of(canonical(), base)
        names = concepts()[concept].get(target) if concept else None
        if not names:
            if base in table().get("known", {}).get(target, ()):
                _add(out, tool)  # the target's own tool (Kiro's `aws`), from its own file
            else:
                lose(tool)
            continue
        _add(out, names[0])
        granted.update(_granted_by(target, names[0]))
    asked.update(_retired_asked(frozenset(asked)))
    widened = sorted(name for name in granted if name.lower() not in asked)
    widened += dict.fromkeys(scoped_tools)  # a tool listed twice is said once
    # a tool that comes back under another name (MultiEdit as Edit) is a loss too: say so
    back = {spelling for name in tools_from(target, tuple(out)) for spelling in _spellings(name)}
    lost = {*unmapped, *dropped}  # a set: 50,000 tools were 50,000 scans of a list
    for tool in tools:
        base = tool.split("(")[0]
        if (
            base.lower() not in back
            and tool != group
            and tool != _mcp("every").get(canonical())
            and tool not in lost
            and _mcp_to(target, base) is None
        ):
            again = tools_from(target, tools_to_names(target, base))
            unmapped.append(f"{base} (comes back as {', '.join(again)})")
            lost.add(unmapped[-1])
    return Translation(tuple(out), tuple(unmapped), tuple(widened), tuple(dropped), foreign)


@lru_cache(maxsize=256)
def _plain(tools: tuple[str, ...]) -> frozenset[str]:
    """The tools a list names without a pattern, lowercased."""
    return frozenset(tool.lower() for tool in tools if "(" not in tool)


def spellings(name: str) -> frozenset[str]:
    """`_spellings`, for other modules."""
    return _spellings(name)


@cache
def _spellings(name: str) -> frozenset[str]:
    """A canonical tool's names, lowercased: its own and the one it was renamed from or to
    (Claude Code's Task and Agent)."""
    renamed: dict[str, str] = table().get("renamed", {}).get(canonical(), {})
    found = {name} | {new for old, new in renamed.items() if old == name}
    found |= {old for old, new in renamed.items() if new == name}
    return frozenset(n.lower() for n in found)


def as_canonical(tools: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tools in canonical names, each name only another tool has read as what it means
    there; and those names, said (`read_file (gemini's name for Read)`).

    A Markdown agent outside every tool's folder (Qwen Code, Antigravity, Cline...) often
    lists another tool's names: Claude Code would give it none of them, Gemini CLI would
    refuse them, and Codex would judge the agent read-only.
    """
    if not any(foreign_meaning(tool) for tool in tools):
        return tools, ()
    out: dict[str, None] = {}  # names in order, each once (_add)
    said: list[str] = []
    for tool in tools:
        meaning = foreign_meaning(tool)
        if meaning is None:
            _add(out, tool)
            continue
        owners, names = meaning
        said.append(f"{tool} ({' and '.join(owners)}'s name for {', '.join(names)})")
        for name in names:
            _add(out, name)
    return tuple(out), tuple(said)


@cache
def foreign_meaning(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """For a tool name the canonical tool has not (nor an MCP name, nor a pattern) but other
    tools have, all meaning the same by it: those tools and the canonical names it stands
    for. None otherwise (a name two tools mean differently by is not guessed at)."""
    lowered = name.lower()
    if _concepts_by_name(canonical()).get(lowered) or name in table().get("known", {}).get(
        canonical(), ()
    ):
        return None
    if _SCOPED.fullmatch(name) or _canonical_mcp().fullmatch(name):
        return None
    meanings: dict[str, tuple[str, ...]] = {}
    for tool in _vocabularies():
        found = _concepts_by_name(tool).get(lowered)
        if found:
            meanings[tool] = found
    if not meanings or len({frozenset(found) for found in meanings.values()}) != 1:
        return None
    concepts_meant = next(iter(meanings.values()))
    names = tuple(concepts()[concept][canonical()][0] for concept in concepts_meant)
    return tuple(meanings), names


@cache
def _vocabularies() -> tuple[str, ...]:
    """Every tool with names in the table but the canonical one, in table order."""
    tools = dict.fromkeys(tool for row in concepts().values() for tool in row)
    return tuple(tool for tool in tools if tool != canonical())


def tools_to_names(target: str, tool: str) -> list[str]:
    concept = _concept_of(canonical(), tool)
    names = concepts()[concept].get(target) if concept else None
    return names[:1] if names else [tool]


def tools_from(source: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """`source`'s tool names as canonical names (a coarse name gives every tool it grants)."""
    return _tools_from(source, tuple(names))


@lru_cache(maxsize=4096)
def _tools_from(source: str, names: tuple[str, ...]) -> tuple[str, ...]:
    out: dict[str, None] = {}  # names in order, each once (_add)
    for name in names:
        if name == _mcp("builtin_groups").get(source):  # Kiro's @builtin: every built-in
            for every in builtins(source):
                _add(out, every)
            continue
        if name == _mcp("every").get(source):  # Gemini's mcp_*, Kiro's @mcp
            _add(out, _mcp("every")[canonical()])
            continue
        found = _concepts_by_name(source).get(name.lower(), ())
        mcp = None if found else _mcp_from(source, name)
        if mcp:
            _add(out, mcp)
            continue
        if not found:
            _add(out, name)
        for concept in found:
            _add(out, concepts()[concept][canonical()][0])
    return tuple(out)


def is_known(tool: str, name: str) -> bool:
    """Whether `tool` has a tool called `name` (or it is an MCP name, or a pattern)."""
    base = _SCOPED.fullmatch(name)
    plain = base.group(1) if base else name
    if plain in ("*", _mcp("every").get(tool)):
        return True
    if _concepts_by_name(tool).get(plain.lower()) and spelled(tool, plain) is None:
        return True
    if plain in table().get("known", {}).get(tool, ()):
        return True
    if plain.startswith(tuple(table().get("known_prefixes", {}).get(tool, ()))):
        return True
    if tool == canonical():
        return bool(_canonical_mcp().fullmatch(plain) or _canonical_server().fullmatch(plain))
    return _mcp_from(tool, plain) is not None


@cache
def spelled(tool: str, name: str) -> str | None:
    """`tool`'s own spelling of `name` where its names are case-sensitive and `name` differs
    from one only in case (Claude Code's `read` is `Read`); None otherwise."""
    if not table().get("case_sensitive_tool_names", {}).get(tool):
        return None
    found = _concepts_by_name(tool).get(name.lower(), ())
    names = [n for concept in found for n in concepts()[concept][tool] if n.lower() == name.lower()]
    return names[0] if names and name not in names else None


@cache
def is_known_anywhere(name: str) -> bool:
    """Whether any tool in the table has a tool called `name` (a name none has may be
    anything: `docker`, a plugin's tool)."""
    tools = dict.fromkeys((canonical(), *_vocabularies(), *table().get("known", {})))
    return any(is_known(tool, name) for tool in tools)


def all_tools(target: str) -> list[str]:
    """Every tool `target` has a name for, one name per concept, in table order."""
    return list(dict.fromkeys(row[target][0] for row in concepts().values() if target in row))


def switch_key(tool: str) -> str | None:
    """The key under which `tool` keeps a map of tool switches (name: on or off)."""
    key = table().get("switch_maps", {}).get(tool)
    return str(key) if key else None


def concept_names() -> list[str]:
    """Every canonical tool, one name per concept."""
    return [row[canonical()][0] for row in concepts().values()]


@lru_cache(maxsize=1024)
def _retired_asked(asked: frozenset[str]) -> tuple[str, ...]:
    """Retired names whose work is asked for with their successor's (Claude Code's LS is
    Glob's now: an agent of Glob is not widened by a name that also grants LS)."""
    retired = table().get("retired", {}).get(canonical(), {})
    return tuple(old.lower() for old, new in retired.items() if new and new.lower() in asked)


@cache
def builtins(tool: str) -> list[str]:
    """The canonical tools `tool` has a name for: what its every-built-in name grants (Kiro's
    `@builtin` is its own tools, not Claude Code's ExitPlanMode or AskUserQuestion)."""
    return [row[canonical()][0] for row in concepts().values() if tool in row]


def deny_list_key(tool: str) -> str | None:
    """The key under which `tool` keeps a deny list of tools, if it has one."""
    key = table().get("deny_lists", {}).get(tool)
    return str(key) if key else None


@cache
def _granted_by(target: str, name: str) -> tuple[str, ...]:
    return tuple(row[canonical()][0] for row in concepts().values() if name in row.get(target, []))


@cache
def _concepts_by_name(tool: str) -> dict[str, tuple[str, ...]]:
    """`tool`'s names, lowercased, to the concepts that list them, in table order (an index:
    tools are looked up once per name per agent, across whole folders)."""
    index: dict[str, tuple[str, ...]] = {}
    for concept, row in concepts().items():
        for name in dict.fromkeys(n.lower() for n in row.get(tool, [])):
            index[name] = (*index.get(name, ()), concept)
    return index


def concept_of(name: str) -> str | None:
    """The concept a canonical tool name stands for (`Bash`: shell), or None."""
    return _concept_of(canonical(), name)


def _concept_of(tool: str, name: str) -> str | None:
    found = _concepts_by_name(tool).get(name.lower())
    return found[0] if found else None


def _add(out: dict[str, None], name: str) -> None:
    """`name` once, in first-given order (a list's `not in` took 50,000 tools 40 s)."""
    out.setdefault(name)


#: one-word lines authors write for every tool: Claude Code 2.1.332 has no tool by these
#: names and refuses to start such an agent ("unrecognized [all]", "[All, tools]",
#: "[inherit]"; checked by having it start each), so they are read as every tool, as meant.
#: As with "none", a YAML list names its tools (`tools: [all]` is a tool 'all', which Claude
#: Code refuses, said): it is how a tool really named so is written, losslessly
EVERY_TOOL = frozenset({"all", "all tools", "inherit", "any"})


def means_every_tool(listed: Any) -> bool:
    """`all`, `All tools`, `inherit`... written as the whole tool list (a line or a list)."""
    if not isinstance(listed, str | list | tuple):  # `tools: 5` is no tool (as_claude_reads)
        return False
    words = listed if isinstance(listed, str) else " ".join(map(str, listed))
    return words.strip().lower() in EVERY_TOOL
