"""The prose keys of a header (description, when to use): prose YAML cut at ` #`, and the
error for one that is not text."""

from __future__ import annotations

import re
from typing import Any

from converter.errors import ParseError, SourceSpan

#: keys whose value is prose, not structure: their words are what the author meant
TEXT_KEYS = frozenset(("description", "when_to_use", "when-to-use"))


def comment_cut(yaml_text: str, data: dict[str, Any]) -> dict[str, str]:
    """Prose that YAML cut at ` #` (it starts a comment): `description: Fixes issue #12`
    reads "Fixes issue". Key → the text as written, for the prose keys so cut."""
    found: dict[str, str] = {}
    if "#" not in yaml_text:  # most headers: nothing to cut, nothing to search
        return found
    for key in TEXT_KEYS:
        value = data.get(key)
        if not isinstance(value, str):
            continue
        match = re.search(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]+(.*?)[ \t]*$", yaml_text)
        if match is None or match.group(1)[:1] in ("'", '"', "|", ">"):
            continue
        written = match.group(1)
        cut = re.split(r"[ \t]#", written, maxsplit=1)
        if len(cut) == 2 and cut[0].rstrip() == value:
            found[key] = written
    return found


def not_text(data: dict[str, Any], lines: dict[str, int], path: str, tool: str) -> ParseError:
    """The error for a header whose prose `tool` reads as no text (`description: [a, b]`),
    where no other reading of it says what its author meant."""
    key = min(k for k in TEXT_KEYS if not isinstance(data.get(k), str | None))
    return ParseError(
        f"{key!r} is not text, and {tool} takes text there",
        span=SourceSpan(path, lines.get(key)),
        hint=f"write it as text, e.g. {key}: Reviews code",
    )
