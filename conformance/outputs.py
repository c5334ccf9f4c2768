"""What agentmorph wrote, as the judges compare it: a written file's values, plain."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from converter.frontmatter import breaks


def written_values(path: Path) -> dict[str, Any]:
    """What agentmorph wrote, as plain values (the header of a Markdown file)."""
    text = untagged(path.read_text(encoding="utf-8"))
    if path.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:  # a hand-written Codex case in TOML 1.1, as Codex reads
            import tomlkit

            values: dict[str, Any] = tomlkit.parse(text).unwrap()
            return values
    if path.suffix == ".json":
        data: dict[str, Any] = json.loads(text)
        return data
    try:
        # NEL, U+2028 and U+2029 as YAML 1.2 reads them: text (PyYAML breaks lines there)
        if text.startswith("---\n"):
            header = text[4 : text.index("\n---", 3) + 1]
            return breaks.restored(yaml.safe_load(breaks.stand_in(header) or header) or {})
        return breaks.restored(yaml.safe_load(breaks.stand_in(text) or text) or {})
    except yaml.YAMLError:  # a hand-written case in YAML only Claude Code reads: as meant
        from converter import api

        agent = api.loads(text, format="markdown", path=str(path))
        tools = list(agent.tools) if agent.tools is not None else None
        return {"name": agent.name, "description": agent.description, "tools": tools}


def plain_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def untagged(text: str) -> str:
    """A Markdown file whose first line names its header's language (`---yaml`, `---json`:
    gray-matter's, which OpenCode reads) with `---` there: the header its author meant."""
    from converter.frontmatter import gray_matter

    tagged = gray_matter.language_tag(text)
    if tagged is None or not tagged.read_as_data():
        return text
    return gray_matter.plain(text, tagged)
