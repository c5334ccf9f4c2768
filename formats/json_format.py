"""The `json` format: the model as canonical JSON with `$schema` and a version; lossless."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from converter import fields
from converter.canonical import agent_from_dict, agent_to_dict
from converter.diagnostics import Code, Diagnostics
from converter.errors import ConverterError
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from formats import _json_text as json_text


class JsonFormat(Format):
    name = "json"
    aliases = ("agentmorph-json", "canonical")
    filenames = ("*.json",)
    extension = ".json"
    carries = frozenset(FIELDS)
    summary = "the model as canonical JSON ($schema + version); the golden format"

    _STARTS_AGENT: ClassVar[re.Pattern[str]] = re.compile(r'\s*\{\s*"(\$schema|name)"')
    _OURS: ClassVar[re.Pattern[str]] = re.compile(r'\s*\{\s*"\$schema"\s*:\s*"urn:agentmorph:')

    def sniff(self, text: str) -> float:
        if self._OURS.match(text):
            return 1.0
        if '"prompt"' in text and '"instructions"' not in text:
            # another tool's agent (Kiro's, or the object `claude --agents` takes) named
            # anything.json: read as ours, its prompt would land in metadata
            return 0.2
        if self._STARTS_AGENT.match(text):
            return 1.0
        return 0.6 if text.lstrip().startswith("{") else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        diags = context.diagnostics
        data, repeated = fields.parse_json_noting_repeats(
            text, context.path, max_depth=context.options.max_depth
        )
        duplicates = [key for key, _ in repeated]
        # Key lines serve diagnostics only: find them when there is something to report.
        fallback = context.options.name or context.stem
        probe = Diagnostics(diags.path)
        try:
            agent = agent_from_dict(data, probe, {}, fallback)
            if not probe.items and not duplicates:
                return _with(agent, Provenance(path=context.path, format=self.name))
        except ConverterError:
            pass
        lines = _key_lines(text, data) if isinstance(data, dict) else {}
        for key in duplicates:
            diags.add(
                Code.DUPLICATE_KEY,
                f"key {key!r} appears more than once; the last one is kept",
                line=lines.get(key),
            )
        agent = agent_from_dict(data, diags, lines, context.options.name or context.stem)
        provenance = Provenance(path=context.path, format=self.name, field_lines=lines)
        return _with(agent, provenance)

    def write(self, agent: Agent, context: WriteContext) -> str:
        return json_text.dumps(agent_to_dict(agent)) + "\n"


# runs between escapes, repeats possessive: the regex engine keeps no state per character
# (the alternation it replaces took about 290 MB for one 3 MB line of a list of strings)
_TOP_KEY = re.compile(r'^[ \t]{0,4}"([^"\\]*+(?:\\.[^"\\]*+)*+)"\s*:', re.MULTILINE)


def _key_lines(text: str, data: dict[str, Any]) -> dict[str, int]:
    """1-based line of each top-level key (the first line that starts with it)."""
    lines: dict[str, int] = {}
    last, line = 0, 1
    for match in _TOP_KEY.finditer(text):
        key = match.group(1)
        if key in data and key not in lines:
            line += text.count("\n", last, match.start())
            last = match.start()
            lines[key] = line
    return lines


def _with(agent: Agent, provenance: Provenance) -> Agent:
    from dataclasses import replace

    return replace(agent, provenance=provenance)
