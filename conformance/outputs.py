"""What agentmorph wrote, as the judges compare it: a written file's values, plain."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from converter.errors import ConverterError
from converter.frontmatter import tabs, yaml12

#: each tool folder whose tool applies YAML merge keys, and its parser (yaml_merge.py)
_PARSERS = {".claude": tabs.BUN, ".gemini": tabs.JS_YAML_4, ".opencode": tabs.JS_YAML_3}


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
        # YAML 1.2 (NEL, U+2028 and U+2029 are text; `1_000`, `2024-05-01`, `017` are the
        # text written, as a hand-written case means them: PyYAML's YAML 1.1 reads numbers
        # and dates); a number in its own spelling is one
        # merge keys (`<<: *base`) as the tool of the file's folder applies them
        parser = _PARSERS.get(next((p for p in path.parts if p in _PARSERS), ""), "")
        if text.startswith("---\n"):
            header = text[4 : text.index("\n---", 3) + 1]
            found = yaml12.load_mapping_fully(header, path=str(path), first_line=2, parser=parser)
            return found[0] or {}
        found = yaml12.load_mapping_fully(text, path=str(path), first_line=1, parser=parser)
        return found[0] or {}
    except (yaml.YAMLError, ConverterError):  # a hand-written case only Claude Code reads
        from converter import api

        agent = api.loads(text, format="markdown", path=str(path))
        tools = list(agent.tools) if agent.tools is not None else None
        return {
            "name": agent.name,
            "description": agent.description,
            "tools": tools,
            "model": agent.model,  # as written (the run's model is judged by it)
        }


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
