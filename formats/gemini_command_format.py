"""The `gemini-command` target: Gemini CLI custom commands, `.gemini/commands/<name>.toml`
(formats.md §3.1): `prompt` holds the instructions, `description` is optional.

Read as Gemini CLI 0.61's `FileCommandLoader` (packages/cli/src/services/FileCommandLoader.ts)
reads one: `prompt` must be text and `description` text if present, or the file is skipped;
other keys are ignored (its zod object is not strict), so they are kept here in metadata and
said; the name is the file's path under `commands/`, folders joined by `:` (`git/commit.toml`
is `/git:commit`), each part with characters outside `[a-zA-Z0-9_.-]` made `_` and cut to 50
characters. A command has no tool list and no model: writing an agent that has them says so.
The prompt is kept as written, `{{args}}`, `!{...}` and `@{...}` included.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import SourceSpan, ValidationError
from converter.io import globs
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import own_file
from converter.targets.fields import left_out
from formats import _toml_text as toml_text

RULES = targets.TargetRules(
    tool="gemini-command",
    display="Gemini CLI",
    name_pattern=r"[A-Za-z0-9_-]+",
    name_rule="letters, digits, hyphens and underscores",
    required=(),
    tools="none",
    models=False,
)
_ANY_NAME = RULES._replace(name_pattern=None)
_PROMPT = re.compile(r"(?m)^prompt\s*=")
#: keys of an agent, not a command: a file with one of them is some other TOML agent
_AGENT_KEYS = re.compile(r'(?m)^(?:instructions|developer_instructions|"\$schema")\s*=')
#: what the loader makes `_` in each part of a command's name
_NOT_NAME = re.compile(r"[^a-zA-Z0-9_\-.]")
#: the loader cuts a part longer than this to 47 characters and "..."
_LONGEST_PART = 50


def command_name(path: str) -> str:
    """The name Gemini CLI gives the command in `path`: its path under the `commands/`
    folder (else its file name) without `.toml`, folders joined by `:`, each part made safe
    as the loader makes it."""
    posix = "/" + path.replace("\\", "/")
    relative = (
        posix[posix.rfind("/commands/") + len("/commands/") :]
        if "/commands/" in posix
        else posix.rsplit("/", 1)[-1]
    )
    relative = relative.removesuffix(".toml")
    return ":".join(_safe_part(part) for part in relative.split("/"))


def _safe_part(part: str) -> str:
    safe = _NOT_NAME.sub("_", part)
    return safe[:47] + "..." if len(safe) > _LONGEST_PART else safe


def _mixed_list(value: Any) -> tuple[str, str] | None:
    """Two kinds of value that a list in `value` (at any depth) holds together. Gemini CLI
    0.61.0 parses a command with @iarna/toml, a TOML 0.5 parser, which refuses such a list
    ("Inline lists must be a single type"; TOML 1.0 allows it), so the whole file (checked
    with its loader: the command is skipped). Its kinds: a date or time is a "datetime"."""
    if isinstance(value, list):
        kinds = [_kind(item) for item in value]
        other = next((kind for kind in kinds if kind != kinds[0]), None)
        if other is not None:
            return kinds[0], other
    elif not isinstance(value, dict):
        return None
    for item in value.values() if isinstance(value, dict) else value:
        found = _mixed_list(item)
        if found is not None:
            return found
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):  # (before int: a bool is one in Python)
        return "boolean"
    kinds = {int: "integer", float: "float", str: "string", dict: "table", list: "list"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "datetime")


class GeminiCommandFormat(Format):
    name = "gemini-command"
    aliases = ("gemini-commands",)
    filenames = (".gemini/commands/*.toml", ".gemini/commands/*/*.toml")
    extension = ".toml"
    carries = frozenset({"name", "description", "instructions"})
    summary = "Gemini CLI custom command: .gemini/commands/NAME.toml (prompt; no tools, no model)"
    lossless = False
    layout = ".gemini/commands/{name}.toml"
    kind = "command"

    def sniff(self, text: str) -> float:
        head = text.lstrip()
        if head.startswith(("{", "---", "<")) or not _PROMPT.search(text):
            return 0.0
        return 0.0 if _AGENT_KEYS.search(text) else 0.85

    def read(self, text: str, context: ReadContext) -> Agent:
        data = toml_text.load(text, context.path, max_depth=context.options.max_depth)
        lines: dict[str, int] = {}
        line, counted = 1, 0  # lines counted on from the last key: 40,000 keys took 17 s
        for match in _KEY.finditer(text):  # a key's first line (a prompt may hold "x = y")
            line += text.count("\n", counted, match.start())
            counted = match.start()
            lines.setdefault(match.group(2), line)
        prompt = data.get("prompt")
        description = data.get("description")
        # the loader skips such a file (TomlCommandDefSchema): there is no command to read
        for key, value, need in (("prompt", prompt, True), ("description", description, False)):
            if not isinstance(value, str) and (need or value is not None):
                raise ValidationError(
                    f"Gemini CLI skips this command: 'prompt' is {'missing' if value is None else 'not text'}"
                    if key == "prompt"
                    else "Gemini CLI skips this command: 'description' is not text",
                    span=SourceSpan(context.path, lines.get(key, 1), 1),
                    hint=f'write it as {key} = "..."',
                )
        metadata: dict[str, Any] = {}
        for key, value in data.items():
            mixed = _mixed_list(value)
            if mixed is not None:
                context.diagnostics.add(
                    Code.TOOL_REFUSES,
                    f"Gemini CLI skips this command: its TOML parser (TOML 0.5) refuses a list "
                    f"of {mixed[0]} and {mixed[1]} values together (in {key!r})",
                    line=lines.get(key),
                    field=key,
                )
            if key in ("prompt", "description"):
                continue
            metadata[key] = fields.json_value(
                toml_text.plain(value), key, context.path, lines.get(key)
            )
            context.diagnostics.add(
                Code.UNKNOWN_KEY,
                f"Gemini CLI ignores the key {key!r} in a command; kept in metadata",
                line=lines.get(key),
                field=key,
            )
        agent = Agent(
            name=self._name(context),
            description=description,
            instructions=str(prompt),
            metadata=metadata,
        )
        # the file as read (its comments, its quoting, keys Gemini CLI ignores) is written
        # back while nothing changed; the command's name is its file's, not in the text
        provenance = Provenance(
            path=context.path,
            format=self.name,
            field_lines=lines,
            raw_header=text,
            header_snapshot=own_file.inputs(agent),
        )
        return replace(agent, provenance=provenance)

    @staticmethod
    def _name(context: ReadContext) -> str:
        if context.stem is not None:  # read from a file: its path names the command
            where = globs.where(context.path)  # the folder Gemini CLI sees, whatever was typed
            inside = "/commands/" in "/" + where.replace("\\", "/")
            return command_name(where) if inside else _safe_part(context.stem)
        if context.options.name:
            return context.options.name
        raise ValidationError(
            "a Gemini CLI command is named by its file; this one has none",
            span=SourceSpan(context.path, 1, 1),
            hint="pass --name",
        )

    def write(self, agent: Agent, context: WriteContext) -> str:
        said = Diagnostics(context.diagnostics.path)
        text = self._anew(agent, said)
        back = own_file.written_back(agent, self.name, context, said, kept=_true_of_the_file)
        return text if back is None else back

    def _anew(self, agent: Agent, diags: Diagnostics) -> str:
        _stem(agent.name, diags)
        self._tools(agent, diags)
        targets.write_model(agent, RULES, diags)  # says the model is not written
        out = []
        description = targets.description_or_derived(agent, RULES, diags)
        if description is not None:
            out.append(f"description = {toml_text.basic(description)}")
        out.append(f"prompt = {toml_text.multiline(agent.instructions)}")
        left_out(agent, RULES, diags, metadata=False)
        return "\n".join(out) + "\n"

    @staticmethod
    def _tools(agent: Agent, diags: Diagnostics) -> None:
        denied = targets.denied_tools(agent, "gemini-command")
        if (agent.tools is None or "*" in agent.tools) and not denied:
            return  # a command runs with the session's tools: the same as inheriting them
        listed = (
            f"denying {', '.join(denied)}"
            if agent.tools is None or "*" in agent.tools
            else (", ".join(agent.tools) or "no tools")
        )
        diags.add(
            Code.TOOLS_NOT_RESTRICTED,
            f"a Gemini CLI command has no tool list: {listed} cannot be expressed; the command "
            "runs with the session's tools",
            field="tools",
            severity=Severity.WARNING,
        )

    def file_stem(self, agent: Agent) -> str | None:
        return _stem(agent.name, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        # any file name is a command's name (the loader makes it safe); the name pattern
        # above is only what this writer makes of a name (said when it changes one)
        targets.validate(agent, _ANY_NAME, diagnostics)


def _true_of_the_file(said: Diagnostic) -> bool:
    """What is still true of a command written back as it was: its name is its file's."""
    return said.code is Code.NAME_CHANGED or targets.kept_as_written(said)


def _stem(name: str, diags: Diagnostics | None) -> str:
    """The file name (without `.toml`) that Gemini CLI reads back as the command's name: a
    name it would cut ("first-47-characters...") is cut here, at 50, so the file says it."""
    stem = targets.safe_name(name, RULES, diags)
    called = targets.file_name(stem)  # never a device name (NUL) or an empty one
    if len(called) > _LONGEST_PART:
        called = called[:_LONGEST_PART].rstrip("-_") or called[:_LONGEST_PART]
    if called != stem and diags is not None:
        diags.add(
            Code.NAME_CHANGED,
            f"Gemini CLI names a command by its file, in at most {_LONGEST_PART} characters: "
            f"{stem!r} is written {called!r}",
            field="name",
        )
    return called


#: a key at a line's start; `[ \t]`, not `\s`: a `\s*` crossing lines began its match on
#: the blank line before a key (a wrong line) and took the square of their number of steps
#: (100,000 blank lines: 115 s)
_KEY = re.compile(r'(?m)^[ \t]*("?)([A-Za-z0-9_-]+)\1[ \t]*=')
