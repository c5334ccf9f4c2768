"""What Roo Code's schema refuses in a mode file, said when the file is read; a private
helper of the `roo` format.

@roo-code/types 1.115 (customModesSettingsSchema, applied to the parsed `.roomodes`; checked
with it through conformance/tools.py): a slug of letters, digits and dashes, used once; a
name and a roleDefinition of at least one character; `groups` present, a list of known
groups, each once; `whenToUse`, `description` and `customInstructions` text when present;
`source` global or project. One mode that fails drops every mode of the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from converter.errors import ParseError
from converter.model import Agent
from converter.targets.kinds import kind_text, takes

_SLUG = re.compile(r"[a-zA-Z0-9-]+")
_TEXT_KEYS = ("whenToUse", "description", "customInstructions")
_SOURCES = ("global", "project")
#: toolGroups, and deprecatedToolGroups, which Roo removes before it checks the rest
_GROUPS = frozenset({"read", "edit", "command", "mcp", "modes"})
_DEPRECATED = frozenset({"browser"})


class KeyPairs:
    """A `json.loads` object hook that notes a key a JSON object repeats: Roo parses a JSON
    `.roomodes` with the `yaml` package, which refuses such a file ("Map keys must be
    unique", seen with its loader); Python's json keeps the last."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.key: str | None = None

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if self.key is None and len(found) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.key = key
                    break
                seen.add(key)
        return found

    def repeated(self) -> list[tuple[str, int]]:
        """The repeated key with its line (found by the YAML reader, where it can read it)."""
        if self.key is None:
            return []
        from converter.errors import ConverterError
        from converter.frontmatter import yaml12

        try:
            _, notes = yaml12.load_mapping(self.text, path="", first_line=1)
        except ConverterError:
            return [(self.key, 1)]
        return notes.duplicate_keys[:1] or [(self.key, 1)]


def as_mode_file_error(error: ParseError, shape: str) -> ParseError:
    """A frontmatter reader's error told of a mode file, which is YAML as a whole."""
    error.message = error.message.replace("in frontmatter", "in this mode file")
    error.message = error.message.replace("frontmatter is", "the file is")
    error.hint = error.hint and error.hint.replace("description:", "roleDefinition:").replace(
        "the frontmatter should look like 'name: my-agent' lines", shape
    )
    return error


def refusals(
    modes: list[dict[str, Any]], text: str | None = None, repeated: Sequence[tuple[str, int]] = ()
) -> list[str]:
    """Why Roo refuses the file, one reason per fault, naming its mode; `text`, the file
    where Roo's parser reads it otherwise than ours (`name: 1.10`, a number there); and
    `repeated`, the keys a map of it repeats, with their lines (the `yaml` package refuses
    the file: "Map keys must be unique")."""
    from converter.frontmatter import schemas, yaml12

    # the `yaml` package's core schema: `08` and `0o17` are numbers to Roo (seen with it)
    as_read = yaml12.load_as_tools_read(text, schemas.CORE) if text is not None else None
    read = as_read.get("customModes") if isinstance(as_read, dict) else None
    if isinstance(read, list) and len(read) == len(modes):
        modes = [m if isinstance(m, dict) else {} for m in read]
    found = [f"its YAML repeats the key {key!r} (line {line})" for key, line in repeated[:1]]
    seen: set[str] = set()
    for number, mode in enumerate(modes, 1):
        slug = mode.get("slug")
        who = f"the mode {slug!r}" if isinstance(slug, str) else f"mode {number}"
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            found.append(f"{who}: its slug is not letters, digits and dashes")
        elif slug in seen:
            found.append(f"{who}: its slug is used twice")
        else:
            seen.add(slug)
        for key in ("name", "roleDefinition"):
            value = mode.get(key)
            if not isinstance(value, str) or not value:
                found.append(f"{who}: its {key} is {'empty' if value == '' else 'not text'}"
                             if key in mode else f"{who}: it has no {key}")  # fmt: skip
        for key in _TEXT_KEYS:
            if key in mode and not isinstance(mode[key], str):
                found.append(f"{who}: its {key} is not text")
        groups = mode.get("groups")
        if "groups" not in mode:
            found.append(f"{who}: it has no groups (an empty list is a mode with no tools)")
        else:
            found += [f"{who}: {why}" for why in _group_faults(groups)]
        if "source" in mode and mode["source"] not in _SOURCES:
            found.append(f"{who}: its source is not global or project")
    return found


def _group_faults(groups: Any) -> list[str]:
    """What is wrong with a mode's `groups`: another shape, an unknown group, one twice."""
    if not isinstance(groups, list):
        return ["its groups are not a list"]
    names = [_name(group) for group in groups]
    unknown = [n for n in names if isinstance(n, str) and n not in _GROUPS | _DEPRECATED]
    kept = _kept(groups)
    if unknown:
        known = ", ".join(sorted(_GROUPS))
        return [f"it has no group {', '.join(map(repr, unknown))} (Roo's are {known})"]
    if not takes("group-list", kept):
        return [f"its groups are not {kind_text('group-list')}"]
    return []


def written_into(modes: list[dict[str, Any]]) -> list[str]:
    """What Roo refuses in a file written into: said as losing the modes written too."""
    return [f"Roo loads no mode of this file, the ones written included: {why}"
            for why in refusals(modes)]  # fmt: skip


def as_checked(agent: Agent) -> Agent:
    """The agent with the groups Roo removes before it checks the rest taken out of its own
    `groups` (`[browser, browser]` loads: both are removed first)."""
    groups = agent.extensions.get("roo", {}).get("groups")
    if not isinstance(groups, list):
        return agent
    roo = {**agent.extensions["roo"], "groups": _kept(groups)}
    return replace(agent, extensions={**agent.extensions, "roo": roo})


def _name(group: Any) -> Any:
    """A group entry's name: itself, or the first item of `[name, {options}]`."""
    return group[0] if isinstance(group, list) and group else group


def _kept(groups: list[Any]) -> list[Any]:
    """The entries Roo checks: the removed groups (`browser`) taken out first."""
    return [g for g in groups if not (isinstance(_name(g), str) and _name(g) in _DEPRECATED)]
