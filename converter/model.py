"""The intermediate model: one agent definition, independent of every file format; no I/O.

Readers build an `Agent`, writers consume one (hub and spoke). Equality ignores provenance,
so `read(write(agent)) == agent` is a meaningful test of a format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

#: values the model can hold in metadata and extensions: exactly what JSON can carry
JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"

#: the version of the canonical JSON form and its schema; a reader refuses another major
MODEL_VERSION = "1.0"

#: the model's fields, as formats declare what they carry
FIELDS = ("name", "description", "instructions", "model", "tools", "metadata", "extensions")


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where an agent came from; lets an untouched file re-serialise byte for byte."""

    path: str | None = None
    #: the registry name of the format that read it
    format: str | None = None
    #: "\r\n" when every line of the file ended so; the model itself always holds "\n"
    newline: str = "\n"
    bom: bool = False
    #: 1-based line of each field in the file, e.g. {"name": 2, "metadata.color": 6}
    field_lines: Mapping[str, int] = field(default_factory=dict)
    #: the file's header exactly as read (for Markdown: both fences and the YAML between)
    raw_header: str | None = None
    #: what the header was made of when read (the agent's fields but the prompt); a writer
    #: reuses `raw_header` only while the agent still has exactly these values, so any edit
    #: falls back to a fresh, canonical header
    header_snapshot: Any = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Agent:
    """One agent definition.

    `tools` is three-valued and never conflated: `None` inherits every tool (the field is
    absent), `()` allows none, and a tuple is an explicit allow-list (which may hold "*").
    Treat `metadata` and `extensions` as read-only; use `dataclasses.replace` to change them.
    """

    #: the agent's identifier (Claude Code `name`, Roo `slug`, ...)
    name: str
    #: the routing description, verbatim (literal "\\n" stays as written; see `description_text`)
    description: str | None = None
    #: the system prompt, verbatim: never stripped, reflowed or re-indented
    instructions: str = ""
    #: a model alias or id; a tuple where a tool accepts a prioritised list (Copilot)
    model: str | tuple[str, ...] | None = None
    tools: tuple[str, ...] | None = None
    #: portable extra keys, in source order
    metadata: dict[str, JSONValue] = field(default_factory=dict)
    #: keys only one tool understands, by tool: {"claude": {"color": "blue"}}
    extensions: dict[str, dict[str, JSONValue]] = field(default_factory=dict)
    provenance: Provenance | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # An empty namespace says nothing; dropping it keeps one spelling per meaning.
        if any(not keys for keys in self.extensions.values()):
            cleaned = {tool: keys for tool, keys in self.extensions.items() if keys}
            object.__setattr__(self, "extensions", cleaned)

    @property
    def inherits_all_tools(self) -> bool:
        """True when the agent may use every tool: no `tools` field, or "*" in the list."""
        return self.tools is None or "*" in self.tools

    @property
    def examples(self) -> tuple[str, ...]:
        """The `<example>` blocks of the description, each as written between the tags."""
        if not self.description:
            return ()
        return tuple(m.group(1) for m in re.finditer(_EXAMPLE, self.description, re.DOTALL))

    @property
    def description_text(self) -> str | None:
        """The description with literal `\\n` turned into newlines, as Claude Code reads it.

        Claude Code's loader does `description.replaceAll("\\\\n", "\\n")` (formats.md §1.1);
        targets that need real newlines use this view, the model keeps the raw text.
        """
        if self.description is None:
            return None
        return self.description.replace("\\n", "\n")


#: compiled on first use (by re's own cache): most runs never ask for the examples
_EXAMPLE = r"<example>(.*?)</example>"
