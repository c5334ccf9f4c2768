"""YAML's own tags written out (`!!binary`, `!!timestamp`, `!!int`, `!!set`) as each tool's
parser reads them; our reading of an agent keeps what was written (the text, a list).

Each seen with the tool's loader (fixtures/conformance/*/*-tag.md):
- js-yaml (Gemini CLI 0.61.0; OpenCode 1.18.33 through gray-matter) builds each: `!!binary`
  bytes, `!!timestamp` a Date, `!!set` a mapping of keys to null ("Expected string, received
  object"), and refuses a value its type does not resolve: "cannot resolve a node with
  !<tag:yaml.org,2002:int> explicit tag" (`description: !!int Writes the notes`);
- GitHub Copilot CLI 1.0.102 (serde_yaml) refuses `!!int`, `!!float`, `!!bool` and `!!null`
  over a value not so spelt ("invalid value: string ..., expected an integer") and reads a
  `!!binary` or `!!timestamp` value as the text written;
- Claude Code 2.1.332 (Bun's parser) reads a scalar under any of them as the text written;
- and all three read a `!!set` as a mapping of keys to null (Claude Code: "given no tool").
A tag on a node of another kind (`!!str [a]`) is refused, as js-yaml refuses it (PyYAML's
constructors failed on it with no error of YAML's).
"""

from __future__ import annotations

import re
from typing import Any

from converter.errors import ParseError, SourceSpan
from converter.frontmatter import schemas
from converter.frontmatter.pyyaml import yaml
from converter.frontmatter.yaml_json import TaggedSet

_YAML = "tag:yaml.org,2002:"
_JS_YAML = (schemas.JS_YAML_4, schemas.JS_YAML_3)
_EVERY = ("int", "float", "bool", "null", "timestamp", "binary", "set")
#: the parsers that refuse a value their type does not resolve, and the types they check
_CHECKED = {
    schemas.JS_YAML_4: _EVERY,
    schemas.JS_YAML_3: _EVERY,
    schemas.SERDE: ("int", "float", "bool", "null"),  # (Copilot CLI's)
}
#: serde_yaml's words for what it expected (its `invalid value` errors)
_SERDE_EXPECTED = {"int": "an integer", "float": "a float", "bool": "a boolean", "null": "unit"}
#: the kind of node each of YAML's own tags takes
_NODE_KIND: dict[str, type] = {
    **dict.fromkeys(
        ("str", "int", "float", "bool", "null", "binary", "timestamp"), yaml.ScalarNode
    ),
    **dict.fromkeys(("seq", "omap", "pairs"), yaml.SequenceNode),
    **dict.fromkeys(("map", "set"), yaml.MappingNode),
}
_KIND_NAMES = {
    yaml.ScalarNode: "scalar",
    yaml.SequenceNode: "sequence",
    yaml.MappingNode: "mapping",
}
#: a node's properties before its value: an anchor and a tag, in either order
_TAG_FIRST = re.compile(r"(?:&[^\s]+[ \t\r\n]+)?!")


def construct_set(loader: Any, node: yaml.MappingNode) -> Any:
    """A PyYAML constructor: the keys of a `!!set` in their written order (PyYAML's own
    makes a Python set, which has none)."""
    found = TaggedSet()
    yield found
    found.update(dict.fromkeys(loader.construct_object(key) for key, _ in node.value))


def construct_bool(loader: Any, node: yaml.ScalarNode) -> bool | str:
    """YAML 1.2's `true` and `false` (PyYAML's own takes 1.1's `yes` too, and fails on a
    word of neither); another word keeps its text."""
    value = str(node.value)
    return value.lower() == "true" if schemas.resolves(value, "bool", "") else value


def construct_null(loader: Any, node: yaml.ScalarNode) -> str | None:
    """YAML 1.2's null (PyYAML's own makes one of any text: `!!null Writes`, a text)."""
    value = str(node.value)
    return None if schemas.resolves(value, "null", "") else value


def construct_binary(loader: Any, node: yaml.ScalarNode) -> schemas.Binary:
    """The base64 text as written (PyYAML's own decodes it, and refuses what is no base64)."""
    return schemas.Binary(node.value)


def construct_timestamp(loader: Any, node: yaml.ScalarNode) -> schemas.Date:
    """The date as written (PyYAML's own makes a datetime, which we wrote otherwise)."""
    return schemas.Date(node.value)


def check(root: yaml.Node, text: str, parser: str, *, path: str, first_line: int) -> None:
    """Refuse a tag of YAML's own on a node of another kind, and what `parser` refuses: a
    value under one that its type does not resolve (its own message, at the value's place).
    Called only for a text holding a `!!` or `!<`; a parser not in _CHECKED refuses only the
    first.

    Raises:
        ParseError: `parser`, or YAML, refuses it.
    """
    kinds = _CHECKED.get(parser, ())
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        kind = node.tag[len(_YAML) :] if node.tag.startswith(_YAML) else ""
        if kind in _NODE_KIND and not isinstance(node, _NODE_KIND[kind]):
            raise _refusal(node, kind, "", text, path, first_line)
        if kind in kinds and _written(node, text) and not _resolves(node, kind, parser):
            raise _refusal(node, kind, parser, text, path, first_line)


def _written(node: yaml.Node, text: str) -> bool:
    """Whether the node's tag was written (`!!int 1`), not resolved from a plain `1`."""
    if node.tag[len(_YAML) :] in ("binary", "timestamp", "set"):
        return True  # (no implicit resolver of ours reads one)
    start = node.start_mark.index
    return _TAG_FIRST.match(text, start, node.end_mark.index) is not None


def _resolves(node: yaml.Node, kind: str, parser: str) -> bool:
    if kind == "set":  # js-yaml: "every value of a set is null"
        return all(value.tag == f"{_YAML}null" and value.value in ("", "~", "null", "Null", "NULL")
                   for _, value in node.value)  # fmt: skip
    return bool(schemas.resolves(str(node.value), kind, parser))


def _refusal(
    node: yaml.Node, kind: str, parser: str, text: str, path: str, first_line: int
) -> ParseError:
    mark = node.start_mark
    if not isinstance(node, _NODE_KIND[kind]):  # js-yaml's words
        wanted, found = _KIND_NAMES[_NODE_KIND[kind]], _KIND_NAMES[type(node)]
        problem = f'unacceptable node kind for !<{_YAML}{kind}> tag; it should be "{wanted}", '
        problem += f'not "{found}"'
    elif parser in _JS_YAML:
        problem = f"cannot resolve a node with !<{_YAML}{kind}> explicit tag"
    else:
        problem = f"invalid value: string {node.value!r}, expected {_SERDE_EXPECTED[kind]}"
    source = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else None
    return ParseError(
        f"invalid YAML in frontmatter: {problem}",
        span=SourceSpan(path, mark.line + first_line, mark.column + 1),
        source_line=source,
        hint=f"take the '!!{kind}' off, or quote the value as text: '!!{kind} ...'",
    )
