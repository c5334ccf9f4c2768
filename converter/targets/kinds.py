"""The kinds of value a tool's loader checks for its own keys (`TargetRules.key_types`):
whether a value is one, and the kind in words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from converter.targets import vocabulary

if TYPE_CHECKING:
    from converter.targets.rules import TargetRules

#: the actions a permission rule takes (a tool's permission maps)
_ACTIONS = ("ask", "allow", "deny")


#: the hook types Claude Code's agent files take (its bundle's hook dispatch, 2.1.332)
_HOOK_TYPES = ("command", "prompt", "agent", "http", "mcp_tool", "script")


#: kinds whose name says too little in a message
_SAID = {
    "hook-map": "a map of hook events, PreToolUse's a list of {matcher, hooks: [{type: "
    + "|".join(_HOOK_TYPES)
    + ", ...}]}",
    "permission-rules": "ask, allow or deny, or a map of tools to one (or to a map of "
    "patterns to one)",
    "text-list": "a list of text",
    "tool-names": "a list of names, or names separated by commas",
    "non-empty-text-list": "a list of at least one text",
    "name-list": "a list of at least one name, each once",
    "non-empty-text": "text of at least one character",
    "group-list": "a list of groups, each once, a group with options as [group, {fileRegex, "
    "description}] and its fileRegex a valid pattern",
    "mapping": "a map",
    "positive-integer": "a positive integer",
    "number": "a number",
    "boolean": "true or false",
    "hex-colour": "a colour as #RRGGBB",
    "switch-map": "a map of tools to true or false",
    "map-of-maps": "a map of names to maps (one per server, profile...)",
    "boolean-map": "a map of names to true or false",
    "text-map": "a map of names to text",
    "integer": "an integer",
    "empty-list": "an empty list",
    "null": "no value",
    "granular-map": "a map of one key, granular, to a map",
}


def kind_text(kind: str) -> str:
    """A value kind in words ("positive integer", "one of: a b")."""
    return " or ".join(_one_kind_text(one) for one in kind.split(" or "))


def _one_kind_text(kind: str) -> str:
    if kind.startswith("one-of "):
        return "one of: " + ", ".join(kind.split()[1:])
    if kind.startswith("integer-in "):
        low, high = kind.split()[1:]
        return f"an integer from {low} to {high}"
    return _SAID.get(kind, kind)


def takes(kind: str, value: object) -> bool:
    """Whether `value` is of `kind`: a type, "one-of a b c", "hex-colour", "permission-rules"
    (an action, or a map of names to an action or to a map of patterns to actions), or
    alternatives joined by " or "."""
    if " or " in kind:
        return any(takes(one, value) for one in kind.split(" or "))
    if kind.startswith("one-of "):
        return value in kind.split()[1:]
    if kind.startswith("integer-in "):  # "integer-in LOW HIGH" (Codex's u8, u16, u64)
        low, high = kind.split()[1:]
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return int(low) <= value <= int(high)
    if kind == "hex-colour":
        return isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value) is not None
    if kind == "permission-rules":
        if value in _ACTIONS:
            return True
        return isinstance(value, dict) and all(
            rule in _ACTIONS
            or (isinstance(rule, dict) and all(action in _ACTIONS for action in rule.values()))
            for rule in value.values()
        )
    if kind == "hook-map":
        # Claude Code 2.1.332 checks that `hooks` is a map, and of its events only
        # PreToolUse's groups when it lists an agent (checked with its loader: a PostToolUse
        # or Stop group of any shape still loads)
        groups = value.get("PreToolUse", []) if isinstance(value, dict) else None
        return isinstance(groups, list) and all(_hook_group(group) for group in groups)
    if kind == "non-empty-text":
        return isinstance(value, str) and value != ""
    if kind == "group-list":
        return _group_list(value)
    if kind == "granular-map":
        return (
            isinstance(value, dict)
            and list(value) == ["granular"]
            and isinstance(value["granular"], dict)
        )
    if kind == "null":
        return value is None
    if kind == "map-of-maps":
        return isinstance(value, dict) and all(isinstance(item, dict) for item in value.values())
    if kind == "text-map":
        return isinstance(value, dict) and all(isinstance(text, str) for text in value.values())
    if kind in ("switch-map", "boolean-map"):  # the same check, said of tools or of names
        return isinstance(value, dict) and all(isinstance(on, bool) for on in value.values())
    if kind == "name-list":
        names = value if isinstance(value, list) else []
        return takes("non-empty-text-list", value) and len(set(names)) == len(names)
    if kind == "non-empty-text-list":
        return takes("text-list", value) and bool(value)
    if kind == "tool-names":  # (no value: said by the tool's own check, with what it means)
        return value is None or isinstance(value, str) or takes("text-list", value)
    if kind == "text-list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "positive-integer":  # as JavaScript's Number.isInteger: 1e3 and 2.0 are one
        if not isinstance(value, int | float) or isinstance(value, bool):  # (Gemini CLI 0.61)
            return False
        return value > 0 and (isinstance(value, int) or value.is_integer())
    if kind == "empty-list":
        return value == []
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "mapping":
        return isinstance(value, dict)
    return True


def _hook_group(group: object) -> bool:
    hooks = group.get("hooks") if isinstance(group, dict) else None
    return isinstance(hooks, list) and all(
        isinstance(hook, dict) and hook.get("type") in _HOOK_TYPES for hook in hooks
    )


def _group_list(value: object) -> bool:
    """A list of tool groups: names, or [name, {options}] pairs; no name twice; a fileRegex
    that is a pattern (@roo-code/types: "Duplicate groups are not allowed", "Invalid regular
    expression pattern")."""
    if not isinstance(value, list):
        return False
    names = []
    for group in value:
        if isinstance(group, list) and len(group) == 2 and isinstance(group[1], dict):
            names.append(group[0])
            pattern = group[1].get("fileRegex")
            if pattern is not None and not _pattern(pattern):
                return False
        else:
            names.append(group)
    return all(isinstance(n, str) for n in names) and len(set(names)) == len(names)


def _pattern(pattern: object) -> bool:
    """Whether a JavaScript regular expression compiles, as far as Python can tell: a text
    Python refuses is refused only where it uses no syntax that JavaScript has and Python
    has not (named groups `(?<n>`, `\\k<n>`, `[^]`, `\\p{...}`, `\\u{...}`)."""
    if not isinstance(pattern, str):
        return False
    try:
        re.compile(pattern)
    except re.error:
        return any(js in pattern for js in ("(?<", "\\k<", "[^]", "\\p{", "\\u{"))
    return True


#: the kinds of value that are numbers, and the settings tools share that are numbers
#: (vocabulary.toml [fields])
_NUMERIC = re.compile(r"(?:^| )(?:number|positive-integer|integer|integer-in)\b")
_NUMERIC_FIELDS = ("max_turns", "temperature")


def keys_by_kind(rules: TargetRules) -> tuple[frozenset[str], frozenset[str]]:
    """The keys where the rules' tool reads a number we keep as written as that number: its
    keys that take one (its own of a number's kind, and its keys for the numbers tools share:
    Claude Code's `maxTurns`), and its tool list; and the keys it takes only text for (its
    name, description, model...)."""
    shared = vocabulary.table()["fields"]
    numbers = frozenset(
        [key for key, kind in rules.key_types.items() if _NUMERIC.search(kind)]
        + [shared[f][rules.tool] for f in _NUMERIC_FIELDS if rules.tool in shared.get(f, {})]
        # a tool whose kinds were checked (Copilot CLI: "tools: Expected array, received
        # number") reads `tools: 0.50` as the number it refuses, as it does `tools: 5`
        # (a comma list, whose tool checks only its name's kind, reads its tool list its own way)
        + (["tools"] if rules.core_types and rules.tools != "comma" else [])
    )
    checked = {**rules.core_types, **rules.key_types} if rules.core_types else {}
    texts = frozenset(key for key, kind in checked.items() if kind.startswith("text"))
    if rules.header_parser and rules.core_types and "name" not in checked:
        # a tool that takes a name of any kind names the agent as its parser reads it
        # (OpenCode: `name: 017` is its agent "15"), said (refusals.say_named_as_read)
        texts |= {"name"}
    return numbers, texts
