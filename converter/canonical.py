"""The model's canonical JSON form (what `--to json` writes and golden tests compare).

`agent_to_dict` and `agent_from_dict` are exact inverses for every valid agent.
"""

from __future__ import annotations

from typing import Any

from converter import fields
from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.model import MODEL_VERSION, Agent

SCHEMA_ID = f"urn:agentmorph:agent:{MODEL_VERSION}"
_KNOWN = ("$schema", "version", "name", "description", "model", "tools", "metadata",
          "extensions", "instructions")  # fmt: skip


def agent_to_dict(agent: Agent) -> dict[str, Any]:
    """The agent as plain JSON values, keys in a fixed order, the prompt last."""
    model: Any = list(agent.model) if isinstance(agent.model, tuple) else agent.model
    return {
        "$schema": SCHEMA_ID,
        "version": MODEL_VERSION,
        "name": agent.name,
        "description": agent.description,
        "model": model,
        # null: inherit every tool; []: no tools; a list: exactly these
        "tools": None if agent.tools is None else list(agent.tools),
        "metadata": agent.metadata,
        "extensions": agent.extensions,
        "instructions": agent.instructions,
    }


def agent_from_dict(
    data: Any,
    diags: Diagnostics,
    lines: dict[str, int] | None = None,
    fallback_name: str | None = None,
) -> Agent:
    """Build an agent from its canonical JSON form.

    Raises:
        ValidationError: not an object, another major version, or a field of the wrong type.
    """
    lines = lines or {}
    path = diags.path
    if not isinstance(data, dict):
        raise ValidationError("an agent must be a JSON object", span=SourceSpan(path, 1, 1))
    version = data.get("version", MODEL_VERSION)
    if isinstance(version, int | float) and not isinstance(version, bool):
        # `"version": 1` for "1.0": the same model, written as a number by hand
        diags.add(
            Code.VALUE_COERCED,
            f"'version' is the number {version!r}; read as the text {str(version)!r}",
            line=lines.get("version"),
            field="version",
        )
        version = str(version)
    if not isinstance(version, str) or version.split(".")[0] != MODEL_VERSION.split(".")[0]:
        raise ValidationError(
            f"model version {version!r} is not supported; this agentmorph reads {MODEL_VERSION}",
            span=SourceSpan(path, lines.get("version")),
            hint="upgrade agentmorph, or convert the file with the version that wrote it",
        )
    name = fields.text_field(data.get("name"), "name", diags, lines.get("name"))
    if name is None:
        if not fallback_name:
            raise ValidationError(
                "the agent has no 'name'",
                span=SourceSpan(path, 1, 1),
                hint="add a name, or pass --name",
            )
        diags.add(Code.NAME_FROM_FILENAME, f"no 'name'; using {fallback_name!r}", line=1)
        name = fallback_name
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise ValidationError(
            "'metadata' must be an object", span=SourceSpan(path, lines.get("metadata"))
        )
    metadata = fields.json_object(metadata, "metadata", path, lines.get("metadata"))
    for key, value in data.items():
        # another document's `$schema` (a tool's own) is its author's: kept, not dropped
        foreign = key == "$schema" and not str(value).startswith("urn:agentmorph:")
        if key not in _KNOWN or foreign:
            diags.add(
                Code.UNKNOWN_KEY,
                f"unknown key {key!r} kept in metadata"
                if not foreign
                else f"'$schema' names another schema ({str(value)[:80]}); kept in metadata",
                line=lines.get(key),
            )
            metadata[key] = fields.json_value(value, key, path, lines.get(key))
    instructions = data.get("instructions", "")
    if not isinstance(instructions, str):
        raise ValidationError(
            "'instructions' must be text", span=SourceSpan(path, lines.get("instructions"))
        )
    return Agent(
        name=str(name),
        description=fields.text_field(
            data.get("description"), "description", diags, lines.get("description")
        ),
        instructions=instructions,
        model=fields.model_field(data.get("model"), diags, lines.get("model")),
        tools=None
        if data.get("tools") is None
        else _tools(data["tools"], diags, lines.get("tools")),
        metadata=metadata,
        extensions=fields.extensions_field(
            data.get("extensions") or {}, path, lines.get("extensions")
        ),
    )


def _tools(value: Any, diags: Diagnostics, line: int | None) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValidationError(
            "'tools' must be null (inherit all), [] (none) or a list of names",
            span=SourceSpan(diags.path, line),
        )
    return fields.tools_field(value, diags, line)


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the canonical form; `agentmorph schema` prints it."""
    json_value: dict[str, Any] = {}
    text_list = {"type": "array", "items": {"type": "string"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "agentmorph agent",
        "description": "One AI coding-agent definition, independent of any tool's file format.",
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "version": {"type": "string", "pattern": r"^1\.[0-9]+$"},
            "name": {"type": "string", "description": "The agent's identifier."},
            "description": {
                "type": ["string", "null"],
                "description": "When to use the agent, verbatim (may hold <example> blocks).",
            },
            "model": {
                "oneOf": [{"type": "null"}, {"type": "string"}, text_list],
                "description": "A model alias or id, or a prioritised list of them.",
            },
            "tools": {
                "oneOf": [{"type": "null"}, text_list],
                "description": "null: inherit every tool; []: no tools; a list: only these.",
            },
            "metadata": {
                "type": "object",
                "additionalProperties": json_value,
                "description": "Portable extra keys, in source order.",
            },
            "extensions": {
                "type": "object",
                "additionalProperties": {"type": "object"},
                "description": "Keys only one tool understands, by tool name.",
            },
            "instructions": {"type": "string", "description": "The system prompt, verbatim."},
        },
    }
