"""A shared setting's value as a target takes it (a level or colour it lacks as the nearest
it takes, MCP servers as a map, a yes-or-no setting in its own words or as its default), and
what is said of the change."""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.targets import colors, efforts, vocabulary
from converter.targets.kinds import takes
from converter.targets.rules import TargetRules

#: a shared setting's value that is the target's default: nothing to write, nothing lost
DEFAULT = object()


def fit(concept: str, value: Any, target: str, source: str = "", source_key: str = "") -> Any:
    """A shared setting's value as `target` takes it, None where it takes none like it, or
    DEFAULT where the value is the target's default (a yes-or-no setting of [field_yes]
    whose value in `source`, under `source_key`, says no: [field_no])."""
    yes = vocabulary.table().get("field_yes", {}).get(concept)
    if yes is not None:
        no = vocabulary.table().get("field_no", {}).get(concept, {})
        said = yes.get(f"{source}.{source_key}", yes.get(source))
        nays = no.get(f"{source}.{source_key}", no.get(source, []))
        # `True == 1`: a number is no yes to a tool whose yes is a boolean
        if type(value) is type(said) and value == said:
            return yes[target]
        return DEFAULT if any(type(value) is type(n) and value == n for n in nays) else None
    if concept == "max_turns":  # a whole number, written as one (`1e3` reads as 1000.0)
        return int(value) if takes("positive-integer", value) else None
    if concept == "temperature":
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if concept == "effort":
        return efforts.level_for(target, value)
    if concept == "color":
        return colors.fit(target, value)
    if concept == "skills":  # Claude Code also takes "a, b"; Copilot CLI refuses a text
        names = value.split(",") if isinstance(value, str) else value
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            return [name.strip() for name in names if name.strip()]
        return None
    if concept == "mcp_servers":
        return servers(value)
    if concept == "background":
        # Claude Code also honours the text "true"; Cursor's is_background is a boolean
        if not isinstance(value, bool | str):
            return None
        return {True: True, False: False, "true": True, "false": False}.get(value)
    return value


def servers(value: Any) -> dict[str, Any] | None:
    """MCP servers as a map of name to configuration (Claude Code also takes a list whose
    entries are a server's name or a one-entry map; a bare name has no configuration)."""
    if isinstance(value, dict):
        return value if all(isinstance(v, dict) for v in value.values()) else None
    if isinstance(value, list):
        found = {}
        for entry in value:
            if isinstance(entry, dict):
                found.update({k: v for k, v in entry.items() if isinstance(v, dict)})
        return found or None
    return None


def say_written(
    diags: Diagnostics,
    concept: str,
    tool: str,
    source_key: str,
    value: Any,
    rules: TargetRules,
    key: str,
    fitted: Any,
) -> None:
    """Say `tool`'s setting `source_key` written under the target's key, and how its value
    changed where the target takes no value like it (Codex has no effort `max`: `xhigh`)."""
    field, source = f"extensions.{tool}.{source_key}", f"{tool}'s {source_key}"
    if concept == "effort" and fitted != value:
        diags.add(
            Code.VALUE_DERIVED,
            f"{rules.tool} has no {key} {value!r}: {source} is written as the nearest level "
            f"it takes, {fitted!r} (it takes {efforts.levels_said(rules.tool)})",
            field=field,
        )
    elif concept == "color" and fitted != value:
        how = colors.how(tool, value, rules.tool, fitted)
        diags.add(
            Code.VALUE_DERIVED,
            f"{source} {value!r} is written as {rules.tool}'s {key} {fitted!r}: {how}",
            field=field,
            severity=Severity.WARNING if "nearest" in how else Severity.INFO,
        )
    else:
        diags.add(
            Code.FIELD_IN_EXTENSION,
            f"{source} is written as {rules.tool}'s {key}",
            field=field,
            severity=Severity.INFO,
        )
