"""A value under a YAML tag of the document's own (`description: !Important Reviews code`):
read as if untagged, as Claude Code 2.1.332 (Bun's parser) and GitHub Copilot CLI 1.0.102
read it ("Reviews code"; each seen with its loader), or refused with its place, as js-yaml
(Gemini CLI 0.61.0, OpenCode 1.18.33) refuses a tag of no known type. Its author most
likely meant the text: the readings compare with that (converter/frontmatter/header.py)."""

from __future__ import annotations

from types import GeneratorType
from typing import Any

from converter.errors import ParseError, SourceSpan
from converter.frontmatter.pyyaml import yaml


def construct_untagged(loader: Any, suffix: str, node: yaml.Node) -> Any:
    """A PyYAML multi-constructor for the `!` prefix: the node built as if it had no tag,
    and the tag noted (`LoadNotes.local_tags`, its line 0-based until the load ends)."""
    loader.notes.local_tags.append((node.tag, node.start_mark.line))
    if isinstance(node, yaml.ScalarNode):  # a quoted value is text, a plain one resolved
        tag = loader.resolve(yaml.ScalarNode, node.value, (not node.style, False))
    else:
        tag = loader.resolve(type(node), None, (True, False))
    data = loader.yaml_constructors[tag](loader, node)
    if isinstance(data, GeneratorType):  # a list or map: filled as construct_object does
        generator, data = data, next(data)
        for _ in generator:
            pass
    return data


def unknown_tag(tagged: tuple[str, int], text: str, path: str, first_line: int) -> ParseError:
    """The error of a strict reader: the tag, at its place in the file."""
    tag, line = tagged
    source = text.split("\n")[line - first_line]
    return ParseError(
        f"invalid YAML in frontmatter: {tag!r} is a YAML tag of no known type",
        span=SourceSpan(path, line, source.find(tag) + 1),
        source_line=source,
        hint=f"a value that starts with '!' is written in quotes, e.g. '{tag} ...'",
    )
