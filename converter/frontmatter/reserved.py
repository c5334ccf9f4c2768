"""The `x-agentmorph` header key: what a lossless header has no top-level place for (the
agent's metadata that would clash with a key, other tools' extensions), packed and unpacked."""

from __future__ import annotations

from typing import Any

from converter import fields
from converter.errors import SourceSpan, ValidationError

RESERVED = "x-agentmorph"


def pack_reserved(
    mapping: dict[str, Any], metadata: dict[str, Any], extensions: dict[str, Any]
) -> bool:
    """Put what has no top-level place under `x-agentmorph`; True when anything went there."""
    reserved: dict[str, Any] = {}
    if metadata:
        reserved["metadata"] = metadata
    if extensions:
        reserved["extensions"] = extensions
    if reserved:
        mapping[RESERVED] = reserved
    return bool(reserved)


def unpack_reserved(
    value: Any,
    metadata: dict[str, Any],
    extensions: dict[str, dict[str, Any]],
    path: str,
    line: int | None,
) -> None:
    """Merge a header's `x-agentmorph` value into the agent's metadata and extensions."""
    if not isinstance(value, dict):
        raise ValidationError(f"'{RESERVED}' must be a mapping", span=SourceSpan(path, line))
    metadata.update(value.get("metadata") or {})
    for tool, keys in fields.extensions_field(value.get("extensions") or {}, path, line).items():
        extensions.setdefault(tool, {}).update(keys)
