"""Repair a YAML header the way Claude Code repairs one that strict YAML rejects.

Pure text functions: they return the repaired text and what was re-quoted; parsing is
`yaml12`'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# A top-level `key: value` line. Keys are what real agent files use: letters, digits, _ - .
_KEY_LINE = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t\r]*$")
_TOP_LEVEL_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*[ \t]*:(?:[ \t]|$)")
# Characters that make Claude Code re-quote a value (formats.md §1.1, S1 repair pass).
_NEEDS_QUOTES = re.compile(r"[{}\[\]*&#!|>%@`]|: |:$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*(?:[ \t]+#.*)?")


@dataclass(frozen=True, slots=True)
class Repair:
    """One re-quoted value: its key, its 1-based line in the YAML text, and the text kept."""

    key: str
    line: int
    value: str


def repair(yaml_text: str) -> tuple[str, list[Repair]]:
    """Re-quote the values that strict YAML rejects, keeping every line where it was.

    Claude Code's repair pass (formats.md §1.1, BRIEF §5): a top-level `key: value` line
    whose unquoted value holds `: `, `#`, `*`, `&`, `{`... is taken as plain text, exactly as
    written; following lines that are not `key:` lines continue that value (folded as YAML
    folds plain text); leading tabs become two spaces.
    """
    lines = yaml_text.split("\n")
    repairs: list[Repair] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            stripped = line.lstrip("\t")
            line = lines[index] = "  " * (len(line) - len(stripped)) + stripped
        match = _KEY_LINE.match(line)
        value = match.group(2) if match else None
        if match is None or not value or not _needs_repair(value):
            index += 1
            continue
        key = match.group(1)
        continuation = index + 1
        parts = [value]
        while continuation < len(lines) and _continues(lines[continuation]):
            parts.append(lines[continuation].strip())
            lines[continuation] = ""
            continuation += 1
        text = _fold(parts)
        lines[index] = f"{key}: {json.dumps(text, ensure_ascii=False)}"
        repairs.append(Repair(key, index + 1, text))
        index = continuation
    return "\n".join(lines), repairs


def _needs_repair(value: str) -> bool:
    if value[0] in "\"'#" or _BLOCK_SCALAR.fullmatch(value):
        return False
    if value[0] in "[{" and value[-1] in "]}":
        return False  # a flow collection; if it is broken, the second parse says where
    return _NEEDS_QUOTES.search(value) is not None


def _continues(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    return not (line[0] not in " \t" and (_TOP_LEVEL_KEY.match(line) or stripped.startswith("#")))


def _fold(parts: list[str]) -> str:
    """Join continuation lines as YAML folds a multi-line plain scalar: with single spaces."""
    return " ".join(part.rstrip() for part in parts)
