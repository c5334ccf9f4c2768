"""The kinds of value a tool's loader checks for its own keys (`TargetRules.key_types`):
whether a value is one, and the kind in words."""

from __future__ import annotations

import re

#: the actions a permission rule takes (a tool's permission maps)
_ACTIONS = ("ask", "allow", "deny")


def kind_text(kind: str) -> str:
    """A value kind in words ("positive integer", "one of: a b")."""
    return kind.replace("-", " ").replace("one of ", "one of: ")


def takes(kind: str, value: object) -> bool:
    """Whether `value` is of `kind`: a type, "one-of a b c", "hex-colour", "permission-rules"
    (an action, or a map of names to an action or to a map of patterns to actions), or
    alternatives joined by " or "."""
    if " or " in kind:
        return any(takes(one, value) for one in kind.split(" or "))
    if kind.startswith("one-of "):
        return value in kind.split()[1:]
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
    if kind == "positive-integer":
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "mapping":
        return isinstance(value, dict)
    return True
