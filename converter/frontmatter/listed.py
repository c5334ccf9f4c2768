"""A `tools` text whose names are quoted, as the YAML list its author meant, for `fix`.

`tools: read, 'azure-mcp/*'` reads as one text in every YAML parser, and Claude Code
2.1.332 and GitHub Copilot CLI 1.0.102 cut that text at its commas without reading it as
YAML (each checked with its own loader; converter/fields.py `say_quoted`): the name keeps
its quotes and is no tool's. The author meant a list: `fix` writes one (`tools: [read,
azure-mcp/*]`), which both read as meant; `validate --for` says why the text is misread.
"""

from __future__ import annotations

from typing import Any

from converter.frontmatter import loaders

#: the loaders that cut a `tools` text at its commas (a strict YAML reader has no opinion)
CUT_AT_COMMAS = frozenset({"claude", "copilot"})


def as_listed(data: dict[str, Any], tools: list[str]) -> dict[str, Any]:
    """`data` with a `tools` text holding a quoted name as the list it means, when one of
    `tools` cuts such a text at its commas (the same mapping otherwise)."""
    names = quoted_names(data.get("tools"))
    if names is None or not CUT_AT_COMMAS.intersection(tools):
        return data
    return {**data, "tools": names}


def quoted_names(value: Any) -> list[str] | None:
    """The names of a comma text of which one at least is quoted, quotes off; else None."""
    if not isinstance(value, str) or ("'" not in value and '"' not in value):
        return None
    pieces = [piece.strip() for piece in value.split(",")]
    if not any(len(p) > 1 and p[0] in "'\"" and p[-1] == p[0] for p in pieces):
        return None
    return [p[1:-1] if len(p) > 1 and p[0] in "'\"" and p[-1] == p[0] else p for p in pieces if p]


def said(reading: loaders.Reading, tool: str, written: dict[str, Any]) -> loaders.Reading:
    """`reading` with why the tool misreads a `tools` text of quoted names, where that is
    what differs (`written`: the header as YAML reads it)."""
    if tool not in CUT_AT_COMMAS or reading.verdict is loaders.Verdict.FAILS:
        return reading
    names = quoted_names(written.get("tools"))
    if names is None:
        return reading
    quoted = [
        p.strip() for p in written["tools"].split(",") if p.strip() and p.strip() not in names
    ]
    why = f"tools is cut at its commas, not read as YAML: {', '.join(quoted)} keep their quotes"
    only = reading.data is not None and {**reading.data, "tools": names} == {
        **written,
        "tools": names,
    }
    detail = why if only or not reading.detail else f"{reading.detail}; {why}"
    return loaders.Reading(reading.loader, loaders.Verdict.DIFFERS, detail, reading.data)
