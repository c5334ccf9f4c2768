"""The `codex` target: Codex CLI custom agents, `.codex/agents/<name>.toml` (formats.md §4.1).

`name`, `description` and `developer_instructions` are required. Codex has no tool list: an
allow-list without editing or shell tools becomes `sandbox_mode = "read-only"`; one with them
cannot be expressed (warned; --strict refuses). The file is a config layer, so only Codex's
own keys are written.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ParseError, SourceSpan
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

_KEYS = (
    "nickname_candidates",
    "model_reasoning_effort",
    "sandbox_mode",
    "mcp_servers",
    "skills",
    "web_search",
    "approval_policy",
)
RULES = targets.TargetRules(
    tool="codex", keys=_KEYS, name_pattern=r"[A-Za-z0-9_-]+", required=("description",), strict=True
)
_WRITES = {"write", "edit", "multiedit", "notebookedit", "bash"}


class CodexFormat(Format):
    name = "codex"
    aliases = ("codex-cli", "codexcli")
    filenames = (".codex/agents/*.toml",)
    extension = ".toml"
    carries = frozenset({"name", "description", "instructions", "model", "extensions"})
    summary = "Codex CLI custom agent: .codex/agents/NAME.toml (developer_instructions)"
    lossless = False
    layout = ".codex/agents/{name}.toml"

    def sniff(self, text: str) -> float:
        return 0.9 if re.search(r"(?m)^developer_instructions\s*=", text) else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"line (\d+), column (\d+)", str(error))
            span = (
                SourceSpan(context.path, int(found.group(1)), int(found.group(2)))
                if found
                else SourceSpan(context.path, 1)
            )
            raise ParseError(f"invalid TOML: {str(error).split(' (at')[0]}", span=span) from None
        except RecursionError:
            raise ParseError("TOML nested too deeply", span=SourceSpan(context.path, 1)) from None
        diags = context.diagnostics
        name = targets.name_or_fallback(data.get("name"), context)
        own = {k: _plain(v) for k, v in data.items() if k in _KEYS}
        extra = [
            k
            for k in data
            if k not in (*_KEYS, "name", "description", "developer_instructions", "model")
        ]
        agent = Agent(
            name=name,
            description=fields.text_field(data.get("description"), "description", diags, None),
            instructions=str(data.get("developer_instructions", "")),
            model=fields.model_field(data.get("model"), diags, None),
            metadata={},
            extensions={"codex": {**own, **{k: _plain(data[k]) for k in extra}}}
            if own or extra
            else {},
        )
        return replace(agent, provenance=Provenance(path=context.path, format=self.name))

    def write(self, agent: Agent, context: WriteContext) -> str:
        diags = context.diagnostics
        own = dict(agent.extensions.get("codex", {}))
        self._tools(agent, own, diags)
        out = [
            f"name = {_string(targets.safe_name(agent.name, RULES, diags))}",
            f"description = {_string(targets.description_or_derived(agent, RULES, diags) or '')}",
        ]
        model = targets.write_model(agent, RULES, diags)
        if model is not None:
            out.append(f"model = {_string(str(model))}")
        for key, value in own.items():
            out.append(f"{key} = {_value(value)}")
        out.append(f"developer_instructions = {_multiline(agent.instructions)}")
        targets.report_left_out(agent, RULES, diags, kept=False)
        return "\n".join(out) + "\n"

    def _tools(self, agent: Agent, own: dict[str, Any], diags: Diagnostics) -> None:
        if agent.tools is None or "*" in agent.tools:
            return
        if any(tool.split("(")[0].lower() in _WRITES for tool in agent.tools):
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"Codex has no tool list: {', '.join(agent.tools) or 'no tools'} cannot be expressed; the agent gets the session's tools",
                field="tools",
            )
            return
        own.setdefault("sandbox_mode", "read-only")
        diags.add(
            Code.TOOLS_NOT_RESTRICTED,
            'Codex has no tool list: a read-only list is written as sandbox_mode = "read-only"',
            field="tools",
            severity=Severity.INFO,
        )

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(agent, RULES, diagnostics)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(k)} = {_value(v)}" for k, v in value.items()) + "}"
    return _string(str(value))


def _multiline(text: str) -> str:
    # As in the toml format: a first newline after the quotes is dropped by TOML, so one is
    # always written; text a literal string cannot hold goes in a basic string with escapes.
    if (
        "'''" not in text
        and "\r" not in text
        and not text.endswith("'")
        and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    ):
        return f"'''\n{text}'''"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"""\n{escaped}"""'
