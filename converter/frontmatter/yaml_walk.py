"""A composed YAML document checked before anything is built from it: its depth (before the
recursive composer sees it), its values counted with aliases expanded (an alias bomb is
refused, not built), and the notes each key leaves: its line, a key written twice, a
`key: #comment` that YAML reads as no value."""

from __future__ import annotations

import re
from typing import Any

from converter.errors import LimitError, SourceSpan, too_deep
from converter.frontmatter.pyyaml import yaml
from converter.frontmatter.yaml_flat import LoadNotes
from converter.options import DEPTH_CEILING, Limits

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: PyYAML's C composer recurses per level with no check: 100,000 nested `- ` in a 200 KB
#: header crashed the process (its parser does not). Nothing deeper reaches the composer.
COMPOSER_DEPTH = 1000


def refuse_deep(text: str, *, path: str, first_line: int = 1, max_depth: int) -> None:
    """Refuse YAML nested deeper than `max_depth` (and than options.DEPTH_CEILING) before the
    recursive composer sees it. Every collection begins at one of `[ { - ? :`: a text of no
    more of them than COMPOSER_DEPTH is composed at once (`walk` holds it to `max_depth`);
    a longer one is measured from the C parser's events (`[` in a block scalar nests none).

    Raises:
        LimitError: with the line where it goes too deep (past COMPOSER_DEPTH, or the limit).
        yaml.YAMLError: not YAML, no deeper than the composer takes before the error (for the
            caller to repair: Claude Code reads `description: [[[` as text).
    """
    deepest = min(max_depth, DEPTH_CEILING)
    if sum(map(text.count, "[{-?:")) <= COMPOSER_DEPTH:
        return
    depth, deep_at = 0, None
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > deepest and deep_at is None:
                mark = event.start_mark
                deep_at = (mark.line if mark else 0) + first_line
            if depth > COMPOSER_DEPTH:  # refused, valid or not: the composer would crash
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if deep_at is not None:
        raise too_deep("YAML", max_depth, SourceSpan(path, deep_at))


def walk(
    root: yaml.Node, text: str, notes: LoadNotes, *, path: str, first_line: int, limits: Limits
) -> None:
    """Count nodes (aliases expanded), bound depth, and note keys, duplicates and comments."""
    lines = text.split("\n")
    budget = limits.max_nodes
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    deepest = min(limits.max_depth, DEPTH_CEILING)
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            aliases = "*" in text and "&" in text
            raise LimitError(
                f"YAML expands to more than {limits.max_nodes:,} values"
                + (" (an alias bomb?)" if aliases else "; an agent's header is far smaller"),
                span=SourceSpan(path, node.start_mark.line + first_line),
                hint="aliases (*name) that repeat large anchors are refused"
                if aliases
                else "raise the limit with --max-nodes if the header is really this large",
            )
        if depth > deepest:
            raise too_deep("YAML", deepest, SourceSpan(path, node.start_mark.line + first_line))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):  # a list or a mapping: yaml_keys.py
                    key, line = str(key_node.value), key_node.start_mark.line + first_line
                    if key in seen:
                        notes.duplicate_keys.append((key, line))
                    seen.add(key)
                    if node is root:
                        notes.key_lines[key] = line
                        _note_comment_value(key, key_node, value_node, lines, notes, first_line)
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _note_comment_value(
    key: str,
    key_node: yaml.Node,
    value_node: yaml.Node,
    lines: list[str],
    notes: LoadNotes,
    first_line: int,
) -> None:
    # `color: #ff0000` parses as null: YAML starts a comment at " #" (formats.md §12).
    if not (isinstance(value_node, yaml.ScalarNode) and value_node.value == ""):
        return
    if value_node.tag != "tag:yaml.org,2002:null":
        return
    row = key_node.start_mark.line
    rest = lines[row][key_node.end_mark.column :] if row < len(lines) else ""
    if re.match(r"\s*:\s+#", rest):
        notes.comment_values.append((key, row + first_line))
