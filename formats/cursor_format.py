"""The `cursor` target: Cursor subagents, `.cursor/agents/<name>.md` (formats.md §7).

Cursor's documentation names no tool list, only `readonly`: an allow-list without editing or
shell tools is written as `readonly: true`; one with them cannot be expressed (warned;
--strict refuses). A Cursor file's own `tools` (a comma list to its loader) is written back.
Cursor reads a header line by line, not as YAML (converter/frontmatter/cursor_lines.py, as
its own loader in @cursor/sdk 1.0.32 does), so each key is written on one line as the text
it reads: no quotes, a text of several lines joined (said); a key Cursor would take for one
of its own is not written (said). It loads no subagent without a prompt (said).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.frontmatter import cursor_lines
from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS, Agent
from converter.registry import ReadContext, WriteContext
from converter.targets import TargetRules, denied_tools, say_foreign, vocabulary

JS_SPACE = cursor_lines.JS_SPACE
#: a run of blanks or underscores: `-` in a name taken from a file (its `/[\s_]+/g`)
_BLANKS = re.compile(r"[\s_]+")
_WRITES = {"write", "edit", "multiedit", "notebookedit", "bash", "task", "agent"}


class CursorFormat(FrontmatterTarget):
    name = "cursor"
    # its loader walks .cursor/agents ten folders deep for `.md`, `.mdc` and `.markdown`
    filenames = tuple(
        f".cursor/agents/{depth}*.{ending}"
        for ending in ("md", "mdc", "markdown")
        for depth in ("", "*/", "*/*/")
    )
    #: with no `name`, Cursor names the agent by its file
    named_by_file = True
    #: its fence must start the file: after a byte-order mark it finds no header
    takes_bom = False
    carries = frozenset(FIELDS) - {"tools"}
    summary = "Cursor subagent: .cursor/agents/NAME.md (readonly instead of tools)"
    layout = ".cursor/agents/{name}.md"
    rules = TargetRules(
        tool="cursor",
        display="Cursor",
        # its loader's own keys (@cursor/sdk 1.0.32): `force-default-model` too
        keys=("readonly", "is_background", "force-default-model"),
        required=("description",),
        tools="none",
        header_parser=cursor_lines.CURSOR,
    )

    def read(self, text: str, context: ReadContext) -> Agent:
        if context.stem and _BLANKS.search(context.stem):
            # with no `name`, its loader names the agent by its file, blanks and `_` as `-`
            context = replace(context, stem=_BLANKS.sub("-", context.stem))
        agent = super().read(text, context)
        # its loader's own fence (cursor_lines.FENCES) on the file as read from disk
        prompt = None if context.bom else cursor_lines.prompt_of(text)
        if not prompt:
            why = "with no prompt" if prompt is not None else "whose header it does not find"
            why += " (a byte-order mark before it)" if context.bom else ""
            context.diagnostics.add(
                Code.TOOL_REFUSES, f"Cursor does not load a subagent {why}", line=1
            )
        elif prompt != agent.instructions.strip(JS_SPACE):
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                f"Cursor closes this header elsewhere: the prompt it reads starts {prompt[:40]!r}",
                line=1,
            )
        return agent

    def write(self, agent: Agent, context: WriteContext) -> str:
        if not agent.instructions.strip(JS_SPACE):
            context.diagnostics.add(
                Code.VALUE_DERIVED,
                "Cursor does not load a subagent with no prompt; its description is written as it",
                field="instructions",
            )
            agent = replace(agent, instructions=(agent.description or agent.name) + "\n")
        return super().write(agent, context)

    def emit_header(self, mapping: dict[str, Any], diags: Diagnostics) -> str:
        """Each key on one line, as Cursor reads it (cursor_lines.py): its own keys as text,
        the others as one-line YAML (JSON), which Cursor passes over."""
        out = []
        for key, value in mapping.items():
            if key in cursor_lines.TEXT_KEYS or key in self.rules.keys or key == "tools":
                out.append(f"{key}: {self._line(key, value, diags)}")
            elif key.lower() in cursor_lines.READ_KEYS or ":" in key or "\n" in key:
                diags.add(
                    Code.FIELD_DROPPED,
                    f"Cursor would read {key!r} as its own {key.lower().partition(':')[0]!r}: "
                    "not written",
                    field=key,
                )
            else:
                out.append(
                    f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False, default=str)}"
                )
        return "".join(line + "\n" for line in out)

    @staticmethod
    def _line(key: str, value: Any, diags: Diagnostics) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        line = cursor_lines.one_line(text)
        if line == text:
            return line
        trimmed = line == text.strip(JS_SPACE)  # only the blanks around it: as Cursor trims
        diags.add(
            Code.VALUE_DERIVED,
            f"Cursor trims a header value: {key!r} is written without the blanks around it"
            if trimmed
            else f"Cursor reads one line of each header key: {key!r} is written with its "
            f"{text.count(chr(10)) + 1} lines joined by spaces",
            field=key,
            severity=Severity.INFO if trimmed else Severity.WARNING,
        )
        return line

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        if agent.tools and agent.provenance is not None and agent.provenance.format == self.name:
            # a Cursor file's own `tools`, which its loader reads: written back as it read it
            mapping["tools"] = ", ".join(agent.tools)
            return
        if agent.tools is None or "*" in agent.tools:
            denied = denied_tools(agent, "cursor")
            if {"write", "edit", "bash"} <= {t.lower() for t in denied}:
                mapping["readonly"] = True  # Codex's read-only sandbox, a deny list of them
            elif denied and diags is not None:
                diags.add(
                    Code.TOOLS_NOT_RESTRICTED,
                    f"Cursor has no tool list: denying {', '.join(denied)} cannot be expressed; "
                    "the agent gets every tool",
                    field="tools",
                )
            return
        tools, foreign = vocabulary.as_canonical(agent.tools)
        say_foreign(self.rules, foreign, diags)
        if any(tool.split("(")[0].lower() in _WRITES for tool in tools) or not agent.tools:
            if diags is not None and agent.tools:
                diags.add(
                    Code.TOOLS_NOT_RESTRICTED,
                    f"Cursor cannot limit tools to {', '.join(agent.tools)}: the agent gets every tool",
                    field="tools",
                )
            if not agent.tools:
                mapping["readonly"] = True
                if diags is not None:
                    diags.add(
                        Code.TOOLS_NOT_RESTRICTED,
                        "Cursor cannot take away every tool: written as readonly",
                        field="tools",
                    )
            return
        mapping["readonly"] = True
        if diags is not None:
            # a name no tool's vocabulary has may change files (`docker`): readonly is a guess
            unknown = [t for t in tools if not vocabulary.is_known_anywhere(t)]
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"Cursor has no tool list: {', '.join(agent.tools)} is written as readonly: true"
                + (f" (taking {', '.join(unknown)} to change nothing)" if unknown else ""),
                field="tools",
                severity=Severity.INFO,
            )
