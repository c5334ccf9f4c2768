"""The `codex` target: Codex CLI custom agents, `.codex/agents/<name>.toml` (formats.md §4.1).

`name`, `description` and `developer_instructions` are required. Codex has no tool list: an
allow-list without editing or shell tools becomes `sandbox_mode = "read-only"`; one with them
cannot be expressed (warned; --strict refuses). The file is a config layer, so only Codex's
own keys are written.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ValidationError
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import mcp_names, own_file, vocabulary
from converter.targets.fields import left_out, refused
from converter.targets.fields import shared as shared_fields
from converter.targets.kinds import takes
from converter.targets.server_values import own_servers
from formats import _codex_keys as codex_keys
from formats import _codex_roles as roles
from formats import _toml_text as toml_text

#: Rust's white space, which Codex trims from a role's name and description (_codex_roles.py)
_EDGES = frozenset(roles.RUST_SPACE)


def _padded(text: object) -> bool:
    """Whether a text starts or ends with white space Codex trims."""
    return isinstance(text, str) and text != "" and (text[0] in _EDGES or text[-1] in _EDGES)


#: the keys the writer says from the agent's own fields (an extension key of the same name
#: would write one twice, which TOML refuses)
_WRITTEN = frozenset({"name", "description", "model", "developer_instructions"})
_KEYS = (
    "nickname_candidates",
    "model_reasoning_effort",
    "sandbox_mode",
    "mcp_servers",
    "skills",
    "web_search",
    "approval_policy",
)
#: a role's own key at the start of a line: a `.codex/agents/*.toml` file with one is a role
_ROLE_KEY = re.compile(r"(?m)^(?:name|description|developer_instructions)[ \t]*=")
#: keys a role is read from, or holds as Codex's own: the rest are its configuration keys
_NOT_EXTRA = frozenset({*_KEYS, *_WRITTEN})
RULES = targets.TargetRules(
    tool="codex",
    display="Codex",
    keys=_KEYS,
    name_pattern=r"[A-Za-z0-9_-]+",
    name_rule="letters, digits, hyphens and underscores",
    # Codex 0.171 loads and offers any name that is not blank (`role 2`, `r.x`; seen with
    # `codex debug prompt-input`): the rule is ours, for the name that also names its file
    name_advised=True,
    name_advice="we keep a role's name, which also names its file, to letters, digits, "
    "hyphens and underscores",
    required=("description",),
    strict=True,
    # Codex 0.171 ignores the whole role for a value of another kind ("Ignoring malformed
    # agent role definition: ... unknown variant `nope`, expected one of ...", `codex doctor`)
    key_types=codex_keys.KINDS,
)


#: the keys a near spelling is checked against (every key of a role file)
_SPELLED = RULES._replace(keys=(*codex_keys.KINDS, "developer_instructions"))


@functools.lru_cache(maxsize=64)
def _rules_keeping(own: tuple[str, ...]) -> targets.TargetRules:
    """The rules with the role's own configuration keys as known ones (once per key set)."""
    return RULES._replace(keys=(*RULES.keys, *own)) if own else RULES


def _say_if_not_loaded(context: ReadContext) -> None:
    """Codex loads a role file named `X.TOML` only when config.toml declares it (its folder
    walk takes names ending in `.toml`, in these letters)."""
    found = roles.declaring(context.path) if os.path.isfile(context.path) else None
    if not isinstance(found, roles.Declared):
        targets.say_if_not_its_file(
            context.path, "Codex", ".toml", context.diagnostics, unless="config.toml declares it"
        )


def _with_declared(data: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    """The role file's values, with the name, description and nicknames that config.toml's
    `[agents.<name>]` gives it where the file has none (as Codex reads it)."""
    diags = context.diagnostics
    found = roles.declaring(context.path) if os.path.isfile(context.path) else None
    if isinstance(found, str):
        diags.add(Code.FILE_NOT_LOADED, f"cannot read Codex's configuration: {found}")
        found = None
    if found is None:
        # a blank or mistyped one is said with the role's other faults (roles.refusals)
        missing = [key for key in ("name", "description") if key not in data]
        if not missing:
            return data
        diags.add(
            Code.TOOL_REFUSES,
            f"Codex ignores a role file without a {' or '.join(missing)} unless "
            ".codex/config.toml declares it ([agents.NAME] with config_file)"
            + "".join(roles.misplaced(data, key) for key in missing),
            field=missing[0],
        )
        return data
    given = {
        "name": found.name,
        "description": found.entry.get("description"),
        "nickname_candidates": found.entry.get("nickname_candidates"),
    }
    taken = {k: v for k, v in given.items() if v is not None and k not in data}
    if taken:
        diags.add(
            Code.FIELD_IN_EXTENSION,
            f"{', '.join(taken)} from {found.config}'s [agents.{found.name}], which declares "
            "this role file (as Codex reads it)",
            severity=Severity.INFO,
        )
    return {**taken, **data}


#: the tool concepts that change files or run commands (vocabulary.toml): an agent with none
#: of them can run read-only
_WRITING = ("write", "edit", "shell")


def _first_names(concept: str) -> list[str]:
    return vocabulary.concepts()[concept][vocabulary.canonical()][:1]


def _writes() -> set[str]:
    table = vocabulary.concepts()
    return {name.lower() for concept in _WRITING for name in table[concept][vocabulary.canonical()]}


class CodexFormat(Format):
    target_rules = RULES  # the tool's own keys (converter/targets/lifted.py)
    name = "codex"
    aliases = ("codex-cli", "codexcli")
    # Codex 0.171 loads the roles in folders inside .codex/agents too, at any depth, and
    # dot files; not `X.TOML` unless config.toml declares it (each seen with its loader)
    filenames = (".codex/agents/*.toml", ".codex/agents/*/*.toml", ".codex/agents/*/*/*.toml")
    extension = ".toml"
    carries = frozenset({"name", "description", "instructions", "model", "extensions"})
    summary = "Codex CLI custom agent: .codex/agents/NAME.toml (developer_instructions)"
    lossless = False
    layout = ".codex/agents/{name}.toml"

    def sniff(self, text: str) -> float:
        if re.search(r"(?m)^developer_instructions[ \t]*=", text):
            return 0.9
        # a role that lacks its instructions (or holds them in a table by mistake) is still
        # a role where Codex looks for one: claimed by its path, never by its content alone
        return 0.5 if _ROLE_KEY.search(text) else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        # Codex 0.171 reads TOML 1.1 (`\e` and `\xHH` escapes, an inline table over several
        # lines with a trailing comma): each loaded by it, refused by TOML 1.0 parsers
        data = toml_text.load(text, context.path, max_depth=context.options.max_depth, toml11=True)
        diags = context.diagnostics
        # a role whose name or description comes from `.codex/config.toml` is written anew
        whole = isinstance(data.get("name"), str) and isinstance(data.get("description"), str)
        if not whole:
            data = _with_declared(data, context)
        if context.path.lower().endswith(".toml") and not context.path.endswith(".toml"):
            _say_if_not_loaded(context)
        extra = [k for k in data if k not in _NOT_EXTRA]
        lines = roles.KeyLines(text)
        for why, key, line in roles.refusals(data, lines):
            diags.add(Code.TOOL_REFUSES, f"Codex ignores this role: {why}", line=line, field=key)
        for key, value in data.items():
            kind = RULES.key_types.get(key)
            if kind is not None and not takes(kind, value):  # said again by validate, once
                # (its line only then: finding it reads the whole file)
                targets.say_refused_value(key, value, RULES, diags, lines.of(key))
        for key in extra:
            if key in codex_keys.KINDS:
                continue
            # Codex takes only its own configuration keys ("unknown field `color`")
            near = targets.near_key(key, _SPELLED)
            diags.add(
                Code.TOOL_REFUSES,
                f"Codex ignores this role: it has no key {key!r}"
                + (f"; did you mean {near!r}?" if near else " (a role file takes the keys of "
                   "Codex's configuration only)"),
                line=lines.of(key),
                field=key,
            )  # fmt: skip
        name_read, description_read = data.get("name"), data.get("description")
        if _padded(name_read) or _padded(description_read):  # (most roles: neither)
            data = roles.trimmed(data, lines, diags)
        name = targets.name_or_fallback(data.get("name"), context)
        own = {k: toml_text.plain(v) for k, v in data.items() if k in _KEYS}
        values: dict[str, Any] = {
            "name": name,
            "description": fields.text_field(data.get("description"), "description", diags, None),
            "instructions": fields.text_field(
                data.get("developer_instructions"), "developer_instructions", diags, None
            )
            or "",
            "model": fields.model_field(data.get("model"), diags, None),
            "extensions": {"codex": {**own, **{k: toml_text.plain(data[k]) for k in extra}}}
            if own or extra
            else {},
        }
        for key, value in values["extensions"].get("codex", {}).items():
            if isinstance(value, float | list | dict):  # TOML's `inf`, `nan`: no JSON holds one
                _json_value(value, key, context.path, lines)
        # the file as read (its comments, its quoting) is written back while nothing changed
        provenance = Provenance(
            path=context.path,
            format=self.name,
            raw_header=text if whole else None,
            header_snapshot=own_file.inputs_of(values),
        )
        return Agent(**values, provenance=provenance)

    def write(self, agent: Agent, context: WriteContext) -> str:
        said = Diagnostics(context.diagnostics.path)
        text = self._anew(agent, said)
        back = own_file.written_back(agent, self.name, context, said)
        return text if back is None else back

    def _anew(self, agent: Agent, diags: Diagnostics) -> str:
        own: dict[str, Any] = {}
        handled: list[str] = []  # the role's own keys: written, or said as not written
        unknown: list[str] = []
        for key, value in agent.extensions.get("codex", {}).items():
            if key in _WRITTEN:
                continue
            handled.append(key)
            if key not in codex_keys.KINDS:
                unknown.append(key)
            elif not refused(RULES, key, value, diags):
                # Codex refuses a role whose server holds a number where it takes text
                own[key] = own_servers("codex", value, diags) if key == "mcp_servers" else value
        if unknown:  # Codex would ignore the whole role ("unknown field `color`")
            diags.add(
                Code.FIELD_DROPPED,
                f"Codex ignores a role with a key it does not know: {', '.join(unknown)}; "
                "not written",
                field=f"extensions.codex.{unknown[0]}",
            )
        own.update({k: v for k, v in shared_fields(agent, RULES, diags).items() if k not in own})
        self._tools(agent, own, diags)
        out = [
            f"name = {toml_text.basic(targets.safe_name(agent.name, RULES, diags))}",
            f"description = {toml_text.basic(self._description(agent, diags))}",
        ]
        model = targets.write_model(agent, RULES, diags)
        if model is not None:
            out.append(f"model = {toml_text.basic(str(model))}")
        for key, value in own.items():
            out.append(f"{toml_text.key(key)} = {toml_text.value(value)}")
        out.append(
            f"developer_instructions = {toml_text.multiline(self._instructions(agent, diags))}"
        )
        # the role's own keys are written or said above; what else cannot be carried is said here
        left_out(agent, _rules_keeping(tuple(handled)), diags, metadata=False)
        return "\n".join(out) + "\n"

    @staticmethod
    def _description(agent: Agent, diags: Diagnostics) -> str:
        derived = targets.description_or_derived(agent, RULES, diags) or ""
        if not _padded(derived):
            return derived
        return roles.as_read(derived, "description", diags, Code.VALUE_DERIVED)

    @staticmethod
    def _instructions(agent: Agent, diags: Diagnostics) -> str:
        # Codex 0.171 silently ignores a role whose developer_instructions are blank, as Rust
        # trims them (U+001F is text there, white space to Python's `strip`)
        if agent.instructions.strip(roles.RUST_SPACE):
            return agent.instructions
        diags.add(
            Code.VALUE_DERIVED,
            "Codex ignores a role with no instructions; its description is written as them",
            field="instructions",
        )
        return (agent.description or agent.name) + "\n"

    def _tools(self, agent: Agent, own: dict[str, Any], diags: Diagnostics) -> None:
        if agent.tools is None or "*" in agent.tools:
            self._denied(agent, own, diags)
            return
        tools, foreign = vocabulary.as_canonical(agent.tools)
        targets.say_foreign(RULES, foreign, diags)
        writes = _writes()
        if any(tool.split("(")[0].lower() in writes for tool in tools):
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"Codex has no tool list: {', '.join(agent.tools) or 'no tools'} cannot be expressed; the agent gets the session's tools",
                field="tools",
            )
            return
        mode = own.get("sandbox_mode", "read-only")
        if mode != "read-only":  # the agent's own mode would let a read-only list write
            diags.add(
                Code.FIELD_DROPPED,
                f"sandbox_mode = {mode!r} would let the agent change files, which its tool list "
                'does not: written "read-only"',
                field="extensions.codex.sandbox_mode",
            )
        own["sandbox_mode"] = "read-only"
        mcp = [t for t in tools if t.startswith(mcp_names.canonical_prefix())]
        # the sandbox bounds the commands Codex runs, not its MCP tool calls, which go through
        # approvals (developers.openai.com/codex/agent-approvals-security)
        if mcp:
            diags.add(
                Code.TOOLS_WIDENED,
                "Codex has no tool list, and a read-only sandbox does not hold back MCP tools: "
                f"the role gets every MCP tool of the session's servers, not only {', '.join(mcp)}",
                field="tools",
            )
        unknown = [t for t in tools if not vocabulary.is_known_anywhere(t)]
        # a name no tool's vocabulary has may run commands (`docker`): read-only is a guess
        diags.add(
            Code.TOOLS_NOT_RESTRICTED,
            'Codex has no tool list: a read-only list is written as sandbox_mode = "read-only"'
            + (f" (taking {', '.join(unknown)} to change nothing)" if unknown else ""),
            field="tools",
            severity=Severity.INFO,
        )

    @staticmethod
    def _denied(agent: Agent, own: dict[str, Any], diags: Diagnostics) -> None:
        """Another tool's deny list (Claude Code's disallowedTools, OpenCode's denied
        permissions): read-only when it takes away every tool that changes files; else it
        cannot be said here, and that is said (the deny list is no key of Codex's)."""
        denied = targets.denied_tools(agent, "codex")
        if not denied or "sandbox_mode" in own:
            return
        taken = {tool.lower() for tool in denied}
        if all(any(name.lower() in taken for name in _first_names(c)) for c in _WRITING):
            own["sandbox_mode"] = "read-only"
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"Codex has no deny list: denying {', '.join(denied)} is written as "
                'sandbox_mode = "read-only"',
                field="tools",
                severity=Severity.INFO,
            )
            return
        diags.add(
            Code.TOOLS_NOT_RESTRICTED,
            f"Codex has no deny list: {', '.join(denied)} cannot be taken away; the agent gets "
            "the session's tools",
            field="tools",
        )

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, RULES, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(agent, RULES, diagnostics)


def _json_value(value: Any, key: str, path: str, lines: roles.KeyLines) -> None:
    """Refuse a value of a role's no JSON value holds (`x = inf`), at its line (found only
    then: finding it reads the whole file)."""
    try:
        fields.json_value(value, f"extensions.codex.{key}", path)
    except ValidationError:
        fields.json_value(value, f"extensions.codex.{key}", path, lines.of(key))
        raise
