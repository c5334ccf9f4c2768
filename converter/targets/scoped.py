"""Claude Code's `Tool(patterns)` in a tool list (`Bash(git diff:*)`, `Agent(worker,
researcher)`; formats.md §1.1) as the settings by which another tool holds that tool to the
same patterns (vocabulary.toml [scoped_settings]: Kiro CLI's `toolsSettings`), so that the
limit is kept instead of said lost (`tools-widened`). The reading side of the same settings
is narrowing.py.

Code names no tool: the facts are data.
"""

from __future__ import annotations

import re
from typing import Any

from converter.model import Agent
from converter.targets import vocabulary

#: `Tool(scope)` in a tool list
SCOPED = re.compile(r"(\w+)\((.*)\)", re.S)

#: what a regular expression gives a meaning to (Rust's regex crate, which Kiro CLI uses,
#: takes each of them escaped)
_REGEX_SPECIAL = re.compile(r"([\\.+*?()|\[\]{}^$])")


def settings(agent: Agent, target: str) -> tuple[dict[str, Any], tuple[str, ...] | None]:
    """The target's settings that hold the agent's tools to their patterns ({} for none), and
    the tool list with each pattern so kept named as its plain tool (what the target's list
    then grants: the setting does the rest). A tool also listed plain is granted whole: its
    patterns are no limit."""
    table = vocabulary.table().get("scoped_settings", {}).get(target)
    tools = agent.tools
    if not table or tools is None or "*" in tools:
        return {}, tools
    plain = {tool.lower() for tool in tools if "(" not in tool}
    found: dict[str, Any] = {}
    kept: set[str] = set()
    for tool in tools:
        scoped = SCOPED.fullmatch(tool)
        if scoped is None or vocabulary.spellings(scoped.group(1)) & plain:  # Task is Agent
            continue
        base, scope = scoped.groups()
        concept = vocabulary.concept_of(base)
        how = table.get(concept) if concept else None
        names = vocabulary.tools_to_names(target, base)
        if not isinstance(how, dict) or not names or not scope.strip():
            continue
        if how.get("regex") and "\\" in scope:
            continue  # Claude Code's escapes (`\*`, a literal star): said lost, not guessed
        values = _values(scope, how)
        entry = found.setdefault(names[0], {})
        entry.setdefault(how["list"], []).extend(v for v in values if v not in entry[how["list"]])
        if "switch" in how:
            entry[how["switch"]] = True
        kept.add(tool)
    if not kept:
        return {}, tools
    listed = [tool.split("(", 1)[0] if tool in kept else tool for tool in tools]
    return {table["key"]: found}, tuple(dict.fromkeys(listed))


def agents_named(tool: str) -> tuple[str, list[str]] | None:
    """The tool's own spelling and the agents of an `Agent(a, b)` entry (Task and Agent are
    one tool), each once; None for any other entry."""
    found = SCOPED.fullmatch(tool)
    if found is None or found.group(1).lower() not in vocabulary.spellings("Agent"):
        return None
    names = (name.strip() for name in found.group(2).split(","))
    return found.group(1), list(dict.fromkeys(name for name in names if name))


def _values(scope: str, how: dict[str, Any]) -> list[str]:
    """A pattern's entries in the setting: names apart by commas (`Agent(a, b)`), or one
    command pattern as an anchored regular expression."""
    if not how.get("regex"):
        return [name.strip() for name in scope.split(",") if name.strip()]
    return [command_regex(scope)]


def command_regex(pattern: str) -> str:
    """Claude Code's command pattern as a regular expression matched against the whole
    command, as Claude Code 2.1.332 matches it (its own bundle): `git diff:*` (a prefix) is
    `git diff` alone or followed by a space; `*` is any text, and a last ` *` may be nothing
    (`git diff *` runs `git diff`); anything else is the very command. Anchored at both ends
    (`^…$`): Amazon Q Developer CLI's docs, which Kiro CLI's follow, anchor each entry with `\\A`
    and `\\z`, and guides to Kiro write `^git ` as if it did not; either way it means this."""
    return f"^{_unanchored(pattern)}$"


def _unanchored(pattern: str) -> str:
    if pattern.endswith(":*"):
        return _escaped(pattern[:-2]) + "(?: .*)?"
    if "*" not in pattern:
        return _escaped(pattern)
    if pattern.endswith(" *") and pattern.count("*") == 1:
        return _escaped(pattern[:-2]) + "(?: .*)?"
    return ".*".join(_escaped(part) for part in pattern.split("*"))


def _escaped(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def read_back(
    source: str, tools: tuple[str, ...] | None, own: dict[str, Any]
) -> tuple[tuple[str, ...] | None, dict[str, Any]]:
    """The other way: a tool held to patterns by `source`'s settings, in the form written
    above, as Claude Code's `Tool(patterns)` in the tool list; the settings so read are taken
    out of the tool's own keys (another tool then keeps the limit, not says it lost). A
    setting of any other form stays where it is (narrowing.py says what it limits)."""
    table = vocabulary.table().get("scoped_settings", {}).get(source)
    held = own.get(table["key"]) if table else None
    if table is None or tools is None or not isinstance(held, dict):
        return tools, own
    left = dict(held)
    listed = list(tools)
    for concept, how in table.items():
        for name in vocabulary.concepts().get(concept, {}).get(source, ()):
            patterns = _patterns(left.get(name), how) if isinstance(how, dict) else None
            base = vocabulary.tools_from(source, (name,))
            if not patterns or len(base) != 1 or base[0] not in listed:
                continue
            at = listed.index(base[0])
            if "*" in patterns:  # every command: the tool whole (Claude Code's `Bash(*)`)
                scoped = [base[0]]
            elif how.get("regex"):
                scoped = [f"{base[0]}({p})" for p in patterns]
            else:
                scoped = [f"{base[0]}({', '.join(patterns)})"]
            listed[at : at + 1] = scoped
            del left[name]
    if len(left) == len(held):
        return tools, own
    rest = {k: v for k, v in own.items() if k != table["key"]}
    return tuple(listed), ({**rest, table["key"]: left} if left else rest)


def _patterns(values: Any, how: dict[str, Any]) -> list[str] | None:
    """A tool's settings as patterns, when they are only what `settings` writes."""
    switch = how.get("switch")
    if not isinstance(values, dict) or set(values) - {how["list"], switch}:
        return None
    entries = values.get(how["list"])
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        return None
    if switch is not None and values.get(switch) is not True:
        return None
    if not how.get("regex"):
        # Kiro's names may be globs (`review-*`); Claude Code's `Agent(name)` names one agent
        plain = all(e.strip() and not re.search(r"[,*?\[]", e) for e in entries)
        return entries if plain else None
    found = [_command_pattern(entry) for entry in entries]
    return None if None in found else [p for p in found if p is not None]


#: an entry `command_regex` writes: escaped text, `.*`, and at the end an optional rest
_WRITTEN = re.compile(r"((?:\\[\\.+*?()|\[\]{}^$]|\.\*|[^\\.+*?()|\[\]{}^$])+?)(\(\?: \.\*\)\?)?")


def _command_pattern(regex: str) -> str | None:
    """Claude Code's pattern for a regular expression `command_regex` writes; None for any
    other (it may mean what no such pattern says)."""
    if regex.startswith("^") and regex.endswith("$") and not regex.endswith("\\$"):
        regex = regex[1:-1]  # anchored as `command_regex` writes it, or as Kiro reads any
    found = _WRITTEN.fullmatch(regex)
    if found is None:
        return None
    text = re.sub(r"\\(.)|(\.\*)", lambda m: m.group(1) or "*", found.group(1))
    if found.group(2):
        return text + " *"
    # `git .*` needs a space after git; Claude Code's `git *` also runs `git` alone
    return None if text.endswith(" *") and text.count("*") == 1 else text
