"""YAML merge keys (`<<: *base`) applied to a composed document, as the tools' parsers do.

YAML 1.2's core schema has no merge key, but the parsers of three tools apply one (each seen
with its loader): js-yaml, in Gemini CLI 0.61 and (through gray-matter) OpenCode 1.18.33,
merges under a plain `<<`; Bun's, in Claude Code 2.1.332, under a quoted `'<<'` too. A key
the mapping gives itself wins over a merged one, wherever it stands, and of two merged
mappings the first wins (js-yaml's `mergeMappings`). GitHub Copilot CLI and Roo (the `yaml`
package, YAML 1.2) keep `<<` as a key of its own, as strict YAML 1.2 does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from converter.diagnostics import Code, Diagnostics
from converter.errors import OutputError, ParseError, SourceSpan
from converter.frontmatter import tabs

if TYPE_CHECKING:  # (PyYAML is loaded by what composes nodes; a writer needs it not)
    from converter.frontmatter.pyyaml import yaml
    from converter.frontmatter.yaml_flat import LoadNotes

PLAIN, QUOTED_TOO = "plain", "quoted too"
#: as its author means a header (loaders.meant): merged under a plain `<<`, and a `<<` of
#: text kept as a key, as Bun's parser keeps it (js-yaml refuses the header)
AS_MEANT = "plain, a text kept"
#: the parser named when a header is read as its author means it (yaml12's `parser`)
MEANT = "as meant"
#: each tool parser that applies merge keys, and which `<<` it merges under (and MEANT)
MERGES = {tabs.JS_YAML_4: PLAIN, tabs.JS_YAML_3: PLAIN, tabs.BUN: QUOTED_TOO, MEANT: AS_MEANT}
_MERGE = "<<"
_STR = "tag:yaml.org,2002:str"


def apply(root: yaml.Node, merge: str, notes: LoadNotes, *, path: str, first_line: int) -> None:
    """Apply every merge key under `root`, in place: each mapping gets the merged keys it does
    not give itself, inner mappings first (a merged mapping's own merges are in it). Run after
    yaml_walk.walk, which counted every value with aliases expanded: the work is bounded.

    Raises:
        ParseError: js-yaml's refusal of a merge of what is not a mapping (`<<: text`);
            Bun's parser keeps such a `<<` as a key (Claude Code loads the agent).
    """
    from converter.frontmatter.pyyaml import yaml

    done: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in done:
            continue
        if not children_done:
            stack.append((node, True))
            if isinstance(node, yaml.MappingNode):
                stack.extend((child, False) for pair in node.value for child in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((child, False) for child in node.value)
            continue
        done.add(id(node))
        if isinstance(node, yaml.MappingNode):
            _merge_into(node, merge, notes, path, first_line, top=node is root)


def _merge_into(
    node: yaml.MappingNode, merge: str, notes: LoadNotes, path: str, first_line: int, *, top: bool
) -> None:
    from converter.frontmatter.pyyaml import yaml

    if not any(_merges(key, merge) for key, _ in node.value):
        return
    pairs: dict[Any, tuple[yaml.Node, yaml.Node]] = {}  # in JavaScript's order of keys
    for key, value in node.value:
        sources = _sources(value) if _merges(key, merge) else None
        if sources is None and _merges(key, merge) and merge == PLAIN:
            raise ParseError(
                "invalid YAML in frontmatter: cannot merge mappings; the provided source "
                "object is unacceptable (a merge key '<<' takes a mapping or a list of them)",
                span=SourceSpan(path, key.start_mark.line + first_line, key.start_mark.column + 1),
                hint="give '<<' a mapping (`<<: *base`), or quote the key to keep it as text",
            )
        if sources is None:  # a key of its own (written twice: the last value, noted)
            pairs[_identity(key)] = (key, value)
            continue
        if top:  # not a key written twice (yaml_walk noted it so)
            line = key.start_mark.line + first_line
            notes.duplicate_keys = [k for k in notes.duplicate_keys if k != (_MERGE, line)]
            notes.key_lines.pop(_MERGE, None)
        for source in sources:
            for merged_key, merged_value in source.value:
                if _identity(merged_key) not in pairs:  # the first merged, or its own, wins
                    pairs[_identity(merged_key)] = (merged_key, merged_value)
                    if top and isinstance(merged_key, yaml.ScalarNode):
                        notes.key_lines.setdefault(
                            str(merged_key.value), merged_key.start_mark.line + first_line
                        )
    node.value = list(pairs.values())


def _merges(key: yaml.Node, merge: str) -> bool:
    if key.tag != _STR or key.value != _MERGE:  # a plain or quoted scalar `<<`
        return False
    return merge == QUOTED_TOO or not getattr(key, "style", None)


def _sources(value: yaml.Node) -> list[yaml.MappingNode] | None:
    """The mappings a merge key takes (one, or a list of them); None for anything else."""
    from converter.frontmatter.pyyaml import yaml

    if isinstance(value, yaml.MappingNode):
        return [value]
    if isinstance(value, yaml.SequenceNode) and all(
        isinstance(item, yaml.MappingNode) for item in value.value
    ):
        return list(value.value)
    return None


def _identity(key: yaml.Node) -> Any:
    """A key as the merge compares keys: a scalar's text; a list or mapping key only itself."""
    return key.value if isinstance(key.value, str) else id(key)


def take_out_merge_key(
    mapping: dict[str, Any], parser: str, tool: str, diags: Diagnostics | None, *, lossless: bool
) -> None:
    """For a tool whose parser merges under a `<<` however it is quoted (Claude Code's), a
    header key that is `<<` or holds one (an agent's metadata, from a tool that keeps it as
    a key) is taken out, and said: written, the keys under it would become the ones beside
    it (Claude Code runs the `model` under it).

    Raises:
        OutputError: `lossless` (our format, read as Claude Code reads it): nothing is left out.
    """
    if MERGES.get(parser) != QUOTED_TOO:
        return
    kinds = set(map(type, mapping.values()))  # (in C: most headers hold text only)
    if _MERGE not in mapping and dict not in kinds and list not in kinds:
        return
    holding = [
        key
        for key, value in mapping.items()
        if key == _MERGE or (value.__class__ in _NESTED and _holds(value))  # (most: text)
    ]
    named = ", ".join("'<<'" if key == _MERGE else f"{key!r} (a '<<' in it)" for key in holding)
    if holding and lossless:
        raise OutputError(
            f"{tool} cannot hold the key {named}: read as Claude Code reads it, a key '<<' is "
            "a YAML merge key, quoted or not, which makes the keys under it the ones beside it",
            span=SourceSpan(diags.path if diags is not None else ""),
            hint="write json or toml, which hold any key",
        )
    for key in holding:
        del mapping[key]
    if holding and diags is not None:
        diags.add(
            Code.FIELD_DROPPED,
            f"{tool} reads a key '<<' as a YAML merge key, quoted or not, which would make "
            f"the keys under it the ones beside it: {named} not written",
        )


_NESTED = (dict, list)


def _holds(value: Any) -> bool:
    """Whether a dict or list holds a key `<<` at any depth (its text items looked at in C)."""
    if value.__class__ is dict and _MERGE in value:
        return True
    items = value.values() if value.__class__ is dict else value
    kinds = set(map(type, items))
    if dict not in kinds and list not in kinds:
        return False
    return any(_holds(item) for item in items if item.__class__ in _NESTED)
