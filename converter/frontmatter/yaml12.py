"""YAML for frontmatter: a safe YAML 1.2-core loader with limits, and the canonical dumper.

Reading follows YAML 1.2 (as Claude Code's Bun.YAML does), so `yes`, `1.10` and dates keep
the text they were written as; writing quotes every string that YAML 1.1 (PyYAML) or 1.2
would read as something else, so both families read our output the same way.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from converter.errors import LimitError, ParseError, SourceSpan, too_deep
from converter.frontmatter import (
    anchors,
    astral,
    breaks,
    schemas,
    yaml_explicit,
    yaml_flat,
    yaml_json,
    yaml_merge,
    yaml_tags,
)
from converter.frontmatter.pyyaml import yaml
from converter.frontmatter.yaml_keys import construct_map
from converter.frontmatter.yaml_walk import refuse_deep, walk
from converter.options import Limits

# The libyaml C parser and emitter when PyYAML was built with them, else the pure-Python ones.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_STR, _CORE_RESOLVERS = "tag:yaml.org,2002:str", yaml_flat.CORE_RESOLVERS
_YAML11_BOOLS, _FIRST, _untagged = yaml_flat.YAML11_BOOLS, schemas.FIRST, schemas.untagged_plain
_CANONICAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_MAX_INT_DIGITS = 4300  # the longest integer Python reads by default: int_max_str_digits
LoadNotes = yaml_flat.LoadNotes
_Loaded = tuple[dict[str, Any] | None, LoadNotes]


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader with the YAML 1.2 core schema; no merge keys, timestamps or 1.1 booleans."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012
    notes: LoadNotes

    def construct_core_int(self, node: yaml.ScalarNode) -> int | str:
        text = node.value
        # Python refuses to read integers of more than 4,300 digits (a guard against slow
        # conversions): such a "number" stays the text it is, like other odd spellings.
        if _CANONICAL_INT.fullmatch(text) and len(text) <= _MAX_INT_DIGITS:
            return int(text)
        self.notes.numbers_kept.append((text, node.start_mark.line))
        return str(text)

    def construct_core_float(self, node: yaml.ScalarNode) -> float | str:
        text = node.value
        try:  # (`.inf`, `.nan` kept; `!!float 0x10`: no float of Python's, a text kept)
            number = float(text) if not text[-1:].isalpha() else None
        except ValueError:
            number = None
        if number is not None and text in (repr(number), format_float(number)):
            return number
        self.notes.numbers_kept.append((text, node.start_mark.line))
        return str(text)

    def construct_plain_aware_str(self, node: yaml.ScalarNode) -> str:
        value = str(node.value)
        if not node.style and value.lower() in _YAML11_BOOLS:  # plain: None or ""
            self.notes.yaml11_words.append((value, node.start_mark.line))
        elif value[:1] in _FIRST and schemas.typed_elsewhere(value) and _untagged(node):
            self.notes.schema_words = [*self.notes.schema_words, (value, node.start_mark.line)]
        return value


for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_Loader.add_multi_constructor("!", yaml_tags.construct_untagged)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_core_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_core_float)
_Loader.add_constructor(_STR, _Loader.construct_plain_aware_str)
_Loader.add_constructor("tag:yaml.org,2002:map", construct_map)  # `? [a, b]`
# as written: the text of a `!!binary` or `!!timestamp`, a `!!set`'s order (yaml_explicit.py)
_Loader.add_constructor("tag:yaml.org,2002:binary", yaml_explicit.construct_binary)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml_explicit.construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:set", yaml_explicit.construct_set)
_Loader.add_constructor("tag:yaml.org,2002:bool", yaml_explicit.construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:null", yaml_explicit.construct_null)


def format_float(number: float) -> str:
    """A float as we write it: Python's shortest repr, with ".0" so YAML 1.1 sees a float."""
    text = repr(number)
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}.0e{exponent}" if e and "." not in mantissa else text


def load_mapping(
    text: str,
    *,
    path: str,
    first_line: int,
    limits: Limits = Limits(),
    local_tags: bool = False,
    parser: str = "",
) -> tuple[dict[str, Any] | None, LoadNotes]:
    """Parse one YAML document that should be a mapping; `None` for an empty document.

    Lines in errors and notes are 1-based file lines: `first_line` is where `text` starts.
    A value under a tag of the document's own (`!Important`) is an error, or, with
    `local_tags`, read as if untagged and noted (`LoadNotes.local_tags`). With a tool's
    `parser` (schemas.py), its merge keys (`<<: *base`, yaml_merge.MERGES) are applied and
    YAML's own tags written out (`!!set`) read as it reads them (yaml_explicit.py).

    Raises:
        ParseError: the YAML is invalid (with line and column), or not a mapping.
        LimitError: the document is nested too deep or expands past `limits.max_nodes`.
    """
    # (a merge key is read as libyaml's nodes: yaml_merge.py)
    if not (parser in yaml_merge.MERGES and "<<" in text):
        flat = yaml_flat.read(text, first_line, limits.max_nodes, limits.max_depth)
        if flat is not None:  # the usual header: `key: text` lines only, read without libyaml
            return flat
    return load_mapping_fully(
        text, path=path, first_line=first_line, limits=limits, local_tags=local_tags, parser=parser
    )


def load_mapping_fully(
    text: str,
    *,
    path: str,
    first_line: int,
    limits: Limits = Limits(),
    local_tags: bool = False,
    parser: str = "",
) -> tuple[dict[str, Any] | None, LoadNotes]:
    """`load_mapping` through libyaml, whatever the header (the reference for the fast
    reading of simple headers, converter/frontmatter/yaml_flat.py). NEL, U+2028 and U+2029
    are characters of the text, as YAML 1.2 has them (breaks.py)."""
    swapped = breaks.stand_in(text)
    reading = _Reading(path, first_line, limits, local_tags, parser)
    if swapped is None:
        return _libyaml(text, reading)
    try:
        data, notes = _libyaml(swapped, reading)
    except ParseError as error:  # its line as written
        error.source_line = breaks.restored(error.source_line)
        raise
    notes.key_lines = breaks.restored(notes.key_lines)
    return breaks.restored(data), notes


def load_as_libyaml_reads(
    text: str,
    *,
    path: str,
    first_line: int,
    limits: Limits = Limits(),
    local_tags: bool = True,
    parser: str = breaks.LIBYAML,
) -> tuple[dict[str, Any] | None, LoadNotes]:
    """A header as a tool that parses it with libyaml reads it (GitHub Copilot CLI 1.0.102):
    NEL, U+2028 and U+2029 break lines, as in YAML 1.1, and the text ends before the line end
    of its closing fence, so a `|` text at its end keeps no last line end (seen with it);
    a value under a tag of the document's own is read untagged, as it reads it."""
    text = text.removesuffix("\n")
    return _libyaml(text, _Reading(path, first_line, limits, local_tags, parser))


class _Reading(NamedTuple):
    path: str
    first_line: int
    limits: Limits
    tags: bool
    parser: str = ""  # a tool's (schemas.py): its merge keys and YAML's own tags, as it reads


def _libyaml(text: str, reading: _Reading) -> _Loaded:
    path, first_line, limits, tags, parser = reading
    merge = yaml_merge.MERGES.get(parser, "")
    notes = LoadNotes()
    loader = None
    try:
        refuse_deep(text, path=path, first_line=first_line, max_depth=limits.max_depth)
        text = anchors.unique(text)  # `&a` defined again, which libyaml alone refuses
        loader = _Loader(text)
        loader.notes = notes
        node = loader.get_single_node()
        if node is None:
            return None, notes
        if not isinstance(node, yaml.MappingNode):
            raise ParseError(
                "frontmatter is not a mapping of keys to values",
                span=SourceSpan(path, node.start_mark.line + first_line, 1),
                hint="the frontmatter should look like 'name: my-agent' lines",
            )
        walk(node, text, notes, path=path, first_line=first_line, limits=limits)
        if merge and "<<" in text:
            yaml_merge.apply(node, merge, notes, path=path, first_line=first_line)
        if "!!" in text or "!<" in text:  # `!!str [a]`; `!!int Writes`, refused by js-yaml
            yaml_explicit.check(node, text, parser, path=path, first_line=first_line)
        loader.place, loader.root = (path, first_line), node  # (yaml_keys.py)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise _parse_error(error, text, path, first_line) from None
    except yaml.YAMLError as error:
        raise ParseError(f"invalid YAML: {error}", span=SourceSpan(path, first_line)) from None
    except RecursionError:
        raise too_deep("YAML", limits.max_depth, SourceSpan(path, first_line)) from None
    finally:
        if loader is not None:
            loader.dispose()
    for found in ("numbers_kept", "yaml11_words", "local_tags", "schema_words"):  # file lines
        setattr(notes, found, [(t, line + first_line) for t, line in getattr(notes, found)])
    if notes.local_tags and not tags:
        raise yaml_tags.unknown_tag(notes.local_tags[0], text, path, first_line)
    return yaml_json.mapping(data, notes, notes.key_lines, parser), notes


def load_as_tools_read(text: str, parser: str = "") -> Any:
    """A document already read (its limits checked) as the tools' parsers read it: a number
    we keep as written (`name: 1.10`) is one there, and with a `parser` (schemas.py) what its
    schema reads otherwise (`1_000`, `2024-01-01`). For what a tool checks, not the model;
    None where PyYAML cannot read it again (the caller keeps what the tool's reading gave)."""
    # libyaml breaks lines at NEL, U+2028 and U+2029 (breaks.py); an anchor may be defined
    # again (anchors.py): as the reading this follows
    kept = text if parser == breaks.LIBYAML else breaks.stand_in(text) or text
    loader = _Loader(anchors.unique(kept))
    loader.notes, loader.parser = LoadNotes(), parser
    read = {f"tag:yaml.org,2002:{kind}": _tools_read for kind in ("int", "float", "str")}
    loader.yaml_constructors = {**_Loader.yaml_constructors, **read}
    try:
        node = loader.get_single_node()
        merge = yaml_merge.MERGES.get(parser, "")  # merge keys, as its parser applies them
        if merge and node is not None and "<<" in text:
            yaml_merge.apply(node, merge, LoadNotes(), path="", first_line=1)
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ParseError):
        return None
    finally:
        loader.dispose()
    return breaks.restored(
        yaml_json.mapping(data, LoadNotes(), {}, parser) if isinstance(data, dict) else data
    )


def _tools_read(loader: Any, node: yaml.ScalarNode) -> Any:
    plain = node.value  # (no parser: what the tools' parsers all read, schemas.py)
    if node.tag == _STR and not schemas.untagged_plain(node):  # `"1"`, `!!str 1`: text
        return str(plain)
    number = schemas.reads(plain, loader.parser)
    return str(plain) if number is None else number


class UnsafeTagError(ParseError):
    """A YAML tag we never construct (`!!python/...`): an error, never read as text."""


def _parse_error(error: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> ParseError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    if mark is None:
        return ParseError(f"invalid YAML in frontmatter: {problem}", span=SourceSpan(path))
    lines = text.split("\n")
    source = lines[mark.line] if mark.line < len(lines) else None
    kind = ParseError
    if isinstance(error, yaml.constructor.ConstructorError):
        hint = "language-specific tags (!!python/...) are never constructed; remove the tag"
        kind = UnsafeTagError
    else:
        hint = 'quote the value, e.g. description: "text with: colons"'
    return kind(
        f"invalid YAML in frontmatter: {problem}",
        span=SourceSpan(path, mark.line + first_line, mark.column + 1),
        source_line=source,
        hint=hint,
    )


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """SafeDumper that quotes what YAML 1.1 *or* 1.2 would not read back as the same text,
    and writes a value used twice twice: never `&id001` and `*id001` (a default list shared
    by two MCP servers came out so), which no author writes."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Dumper.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _represent_str(dumper: Any, data: str) -> Any:
    # Multi-line text as a literal block; the emitter falls back to quotes when a block
    # cannot hold the text exactly (trailing spaces). Text holding "---" is double-quoted,
    # so the dashes can be escaped (see dump_mapping), and so is text holding NEL, U+2028 or
    # U+2029: libyaml writes them elsewhere as line breaks, which YAML 1.2 reads as text
    # (breaks.py); double-quoted, they are escapes every parser reads alike.
    # A text that a tool's schema reads as a number or a date (schemas.py) is single-quoted.
    quoted = _DASHES in data or (not data.isascii() and breaks.holds(data))
    plain = "'" if data[:1] in _FIRST and schemas.typed_elsewhere(data) else None
    style = '"' if quoted else "|" if "\n" in data else plain
    return dumper.represent_scalar(_STR, data, style=style)


#: Claude Code closes a header on the first "---" anywhere after the opening one, even
#: inside a value (converter/frontmatter/split.py): our headers never hold three dashes
_DASHES = "---"


def _represent_float(dumper: Any, data: float) -> Any:
    # YAML's `.inf` and `.nan`: Python's `inf` is no float to YAML, so PyYAML wrote
    # `!!float inf`, which js-yaml refuses ("cannot resolve", yaml_explicit.py)
    if data != data or data in (math.inf, -math.inf):
        spelt = ".nan" if data != data else ".inf" if data > 0 else "-.inf"
        return dumper.represent_scalar("tag:yaml.org,2002:float", spelt)
    return dumper.represent_scalar("tag:yaml.org,2002:float", format_float(data))


class _Quoted(str):
    """A text written double-quoted whatever it holds (see `_last_text_quoted`)."""


def _represent_quoted(dumper: Any, data: _Quoted) -> Any:
    return dumper.represent_scalar(_STR, str(data), style='"')


def _last_text_quoted(data: Any, lost_end: str) -> Any:
    """`data` with its very last text double-quoted when a literal block would end the header
    on a line end: GitHub Copilot CLI's libyaml reads a header without its closing fence's
    line end (load_as_libyaml_reads), so such a block lost its last line end there
    (`description: "Reviews code\\n"`, not `description: |` last). Other tools read the
    block as written: theirs stays one, easier to read. js-yaml loses one of a `|+` text's
    (`lost_end` "\\n\\n": tabs.py)."""
    if isinstance(data, dict) and data:
        last = next(reversed(data))
        return {**data, last: _last_text_quoted(data[last], lost_end)}
    if isinstance(data, list) and data:
        return [*data[:-1], _last_text_quoted(data[-1], lost_end)]
    if type(data) is str and data.endswith(lost_end):
        return _Quoted(data)
    return data


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)
_Dumper.add_representer(float, _represent_float)


def dump_mapping(data: dict[str, Any], *, lost_end: str = "") -> str:
    """Block-style YAML for `data`, keys in the given order, no line folding; ends in "\\n".
    `lost_end`: the line ends a tool's reading loses at the header's end ("\\n": it reads
    a header without its last one), kept by writing a last text ending in them quoted."""
    text = _dump(_last_text_quoted(data, lost_end) if lost_end else data, _Dumper)
    if "\\U" in text:
        # an emoji as itself, not as the escape tools read back but people cannot. When no
        # text of `data` looks like such an escape, every one in `text` is one (in a
        # double-quoted scalar); else the result must read back as the same data.
        readable = astral.with_astral_characters(text)
        if astral.holds_escape_text(data):
            try:
                again, _ = load_mapping(readable, path="<written>", first_line=1)
            except (ParseError, LimitError):
                again = None
            readable = readable if again == data else text
        text = readable
    # Every "---" is inside a double-quoted scalar now (keys and values alike), where a
    # dash may be written as the escape \x2D: no fence pattern can close there.
    return text.replace(_DASHES, "--\\x2D") if _DASHES in text else text


def _dump(data: dict[str, Any], dumper: Any) -> str:
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "indent": 2}
    return str(yaml.dump(data, Dumper=dumper, width=2**30, default_flow_style=False, **options))
