"""Read the simplest YAML headers fast: `key: text` lines, lists of text, booleans, numbers.

Most agent headers are a handful of lines such as `name: my-agent`, `description: "..."` or
`tools: [read, edit]`. Composing them through libyaml, walking the nodes for our limits and
constructing them in Python cost about half of reading an agent. A header made only of such
lines (also a `tools:` key followed by `  - Read` items, numbers in their canonical
spelling: `maxTurns: 8`, `temperature: 0.2`, and `# comment` lines) is read here with a few string operations
instead, to exactly what the full loader (converter/frontmatter/yaml12.py) gives:
the same values, key lines, duplicate keys and YAML 1.1 words (`LoadNotes`, shared by
both). Anything else (another spelling of a number, an escape, a comment after a value, a tab, a nested
mapping, a character YAML treats specially) is declined, and the full loader reads it.
Property tests hold the two to the same answer (tests/test_yaml_flat.py).
"""

from __future__ import annotations

import re

from converter.frontmatter import schemas

#: the YAML 1.2 core schema's implicit types: (tag, pattern, first characters); shared with
#: the full loader, which registers them as its resolvers
CORE_RESOLVERS: tuple[tuple[str, str, str | tuple[str, ...]], ...] = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", "")),
    ("tag:yaml.org,2002:int", rf"^(?:{schemas.CORE_INT})$", "-+0123456789"),
    # and YAML 1.2's infinities and not-a-number, which every tool's parser reads as a
    # number too (Gemini CLI 0.61: "description: Expected string, received number")
    ("tag:yaml.org,2002:float", rf"^(?:{schemas.CORE_FLOAT})$", "-+.0123456789"),
)
#: words YAML 1.1 reads as booleans; YAML 1.2 (and we) keep them as text
YAML11_BOOLS = frozenset(["yes", "no", "on", "off", "y", "n"])

_TYPED_FIRST = frozenset("".join("".join(first) for _, _, first in CORE_RESOLVERS))
#: the four patterns as one (each already demands one of its first characters; this module
#: only asks about text without line breaks, where `$` and the end of the text agree)
_TYPED = re.compile("|".join(f"(?:{pattern[1:-1]})" for _, pattern, _ in CORE_RESOLVERS))

#: characters we leave to libyaml: what YAML does not call printable, what libyaml also
#: reads as a line break (NEL, U+2028, U+2029), the byte-order mark, tab and CR. ASCII text
#: is checked with a small pattern; the full one (slow to compile) only when needed.
_ASCII_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_SPECIAL: list[re.Pattern[str]] = []


def has_special(text: str) -> bool:
    if text.isascii():
        return _ASCII_SPECIAL.search(text) is not None
    if not _SPECIAL:
        _SPECIAL.append(
            re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
        )
    return _SPECIAL[0].search(text) is not None


_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}+):(?: ++(.++))?")
#: characters that cannot begin a plain scalar (YAML 1.2 c-indicator); quotes are read below
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`")


_FIRST_TYPED = schemas.FIRST
_NONE: list[tuple[str, int]] = []  # never appended to: an empty list every header shares


class LoadNotes:
    """What a YAML reading noticed, for the caller to turn into diagnostics (1-based lines).
    A plain class: a dataclass costs about a millisecond to make at every start."""

    __slots__ = (
        "coerced", "comment_values", "duplicate_keys", "key_lines", "local_tags",
        "numbers_kept", "schema_words", "yaml11_words",
    )  # fmt: skip

    def __init__(
        self,
        key_lines: dict[str, int] | None = None,
        duplicate_keys: list[tuple[str, int]] | None = None,
        *,
        yaml11_words: list[tuple[str, int]] | None = None,
    ) -> None:
        self.key_lines = {} if key_lines is None else key_lines
        self.duplicate_keys = [] if duplicate_keys is None else duplicate_keys
        self.comment_values: list[tuple[str, int]] = []
        self.numbers_kept: list[tuple[str, int]] = []
        #: plain text to YAML 1.2's core schema that a tool's parser reads otherwise
        #: (`2024-01-01`, `1_000`: schemas.py)
        self.schema_words: list[tuple[str, int]] = _NONE  # (made when one is found)
        self.yaml11_words = [] if yaml11_words is None else yaml11_words
        self.coerced: list[tuple[str, int]] = []
        #: (tag, line) of each value under a tag of the document's own (`!Important`)
        self.local_tags: list[tuple[str, int]] = []


#: one item of a flow list (`tools: ['read', "edit", search]`): quoted without escapes, or
#: plain words of the characters tool names use (no flow indicator, colon or '#')
_ITEM = r"""'(?:[^']|'')*+'|"[^"\\]*+"|[A-Za-z0-9_.][\w./*()@+-]*+(?: ++[\w./*()@+-]++)*+"""
_FLOW: list[re.Pattern[str]] = []  # [the whole list, one item]: compiled on first use
#: one item of a block list under a key (`tools:` then `  - Read` lines)
_BLOCK_ITEM = re.compile(r"( *+)- ++(.++)")
_BOOLEANS = {"true": True, "True": True, "TRUE": True}
_BOOLEANS.update({"false": False, "False": False, "FALSE": False})
_NULLS = frozenset(["~", "null", "Null", "NULL"])

Scalar = str | bool | int | float | None
Value = Scalar | list[str] | dict[str, Scalar]


class _Declined:
    """What a line is when it is not simple: the whole header goes to the full loader."""


_NO = _Declined()


def read(
    text: str, first_line: int, max_nodes: int, max_depth: int
) -> tuple[dict[str, Value], LoadNotes] | None:
    """The values of a header of simple lines, and the notes (key lines, duplicate keys,
    YAML 1.1 words) the full loader would take; None to leave the header to that loader.
    Lines are 1-based file lines (`first_line` is where `text` starts)."""
    if max_depth < 2 or has_special(text):
        return None
    values: dict[str, Value] = {}
    lines: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    words: list[tuple[str, int]] = []
    #: YAML 1.1 words in lists and mappings: the full loader constructs those after the
    #: whole mapping; it notes a nested mapping's duplicate keys after the top level's, the
    #: last mapping's first (its node walk is a stack)
    later_words: list[tuple[str, int]] = []
    nested_duplicates: list[list[tuple[str, int]]] = []
    nodes = 1
    rows = text.split("\n")
    row = 0
    while row < len(rows):
        line, number = rows[row], row + first_line
        row += 1
        if not line or line[0] == "#":  # a line that starts with '#' is a comment in YAML
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None or _typed(match[1]) or match[1].lower() in YAML11_BOOLS:
            return None
        key, written = match[1], (match[2] or "").rstrip(" ")
        value: Value | _Declined
        if not written:  # `key:` alone: null, or a block list or mapping on the lines below
            value, row = _block_list(rows, row, first_line, later_words)
            if value is None and row < len(rows) and rows[row][:1] == " ":
                nested_duplicates.append([])
                value, row = _block_map(rows, row, first_line, later_words, nested_duplicates[-1])
        elif written[0] == "[":
            if nodes + 2 + written.count(",") + 1 > max_nodes:
                return None  # past the limit: the full loader says where, and refuses it
            value = _flow_list(written, number, later_words)
        else:
            value = _scalar(written)
            plain = isinstance(value, str) and written[0] not in "'\""
            if plain and str(value).lower() in YAML11_BOOLS:
                words.append((str(value), number))
        if isinstance(value, _Declined):
            return None
        if key in lines:
            duplicates.append((key, number))
        values[key] = value
        lines[key] = number
        if isinstance(value, list | dict) and value and max_depth < 3:
            return None  # its items are a level deeper: the full loader refuses them
        if isinstance(value, list):
            nodes += len(value)
        elif isinstance(value, dict):  # a key written twice is two more nodes to libyaml
            nodes += 2 * (len(value) + len(nested_duplicates[-1]))
        nodes += 2
        if nodes > max_nodes:
            return None
    if not values:
        return None
    duplicates += [found for each in reversed(nested_duplicates) for found in each]
    return values, LoadNotes(lines, duplicates, yaml11_words=words + later_words)


def _block_list(
    rows: list[str], row: int, first_line: int, words: list[tuple[str, int]]
) -> tuple[list[str] | _Declined | None, int]:
    """The items of a block list of simple text starting at `rows[row]` (None when there is
    no item: the key's value is null), and the row after it."""
    items: list[str] = []
    indent = None
    while row < len(rows):
        match = _BLOCK_ITEM.fullmatch(rows[row])
        if match is None:
            break
        if indent is not None and match[1] != indent:
            return _NO, row
        indent, written = match[1], match[2].rstrip(" ")
        value = _scalar(written)
        if not isinstance(value, str):
            return _NO, row
        if written[0] not in "'\"" and value.lower() in YAML11_BOOLS:
            words.append((value, row + first_line))
        items.append(value)
        row += 1
    return (items or None), row


#: one line of a mapping under a key (`permission:` then `  edit: deny`, `  '*': deny` or
#: `  docs_*: allow`; a plain key may hold ':' where no space follows, as YAML reads it)
_NESTED_KEY_LINE = re.compile(
    r"""( ++)('(?:[^']|'')*+'|"[^"\\]*+"|[A-Za-z_](?:[\w.*/@+-]|:(?! |$)){0,127}+)"""
    r":(?: ++(.++))?",
    re.ASCII,
)


def _block_map(
    rows: list[str],
    row: int,
    first_line: int,
    words: list[tuple[str, int]],
    duplicates: list[tuple[str, int]],
) -> tuple[dict[str, Scalar] | _Declined | None, int]:
    """The entries of a mapping of simple scalars starting at `rows[row]`, one indent deeper
    (None when there is none: the key's value is null), and the row after it."""
    items: dict[str, Scalar] = {}
    indent = None
    while row < len(rows):
        match = _NESTED_KEY_LINE.fullmatch(rows[row])
        if match is None:
            break
        key, written = match[2], (match[3] or "").rstrip(" ")
        if (indent is not None and match[1] != indent) or not written:
            return _NO, row  # another indent, a null or a deeper value: the full loader
        if key[0] == "'":
            key = key[1:-1].replace("''", "'")
        elif key[0] == '"':
            key = key[1:-1]
        elif _typed(key) or key.lower() in YAML11_BOOLS:
            return _NO, row
        indent, value = match[1], _scalar(written)
        if isinstance(value, _Declined):
            return _NO, row
        if isinstance(value, str) and written[0] not in "'\"" and value.lower() in YAML11_BOOLS:
            words.append((value, row + first_line))
        if key in items:
            duplicates.append((key, row + first_line))
        items[key] = value
        row += 1
    return (items or None), row


def _flow_list(written: str, line: int, words: list[tuple[str, int]]) -> list[str] | _Declined:
    """The items of a one-line flow list of simple text."""
    if not _FLOW:
        _FLOW.extend(
            (re.compile(rf"\[ *+(?:(?:{_ITEM})(?: *+, *+(?:{_ITEM}))*+ *+)?\]"), re.compile(_ITEM))
        )
    whole, one = _FLOW
    if not whole.fullmatch(written):
        return _NO
    items = []
    for match in one.finditer(written, 1, len(written) - 1):
        item = match[0]
        if item[0] == "'":
            items.append(item[1:-1].replace("''", "'"))
        elif item[0] == '"':
            items.append(item[1:-1])
        elif _typed(item):
            return _NO
        else:
            if item.lower() in YAML11_BOOLS:
                words.append((item, line))
            items.append(item)
    return items


def _scalar(written: str) -> str | bool | int | float | _Declined | None:
    """The value of one single-line scalar: text, a boolean or null as YAML 1.2 reads those
    words, a number in its canonical spelling; declined when it is anything else (another
    spelling of a number, an escape, a comment...)."""
    first = written[:1]
    if first == '"':  # double-quoted, without escapes
        inner = written[1:-1]
        if len(written) < 2 or written[-1] != '"' or '"' in inner or "\\" in inner:
            return _NO
        return inner
    if first == "'":  # single-quoted: '' stands for one quote
        inner = written[1:-1]
        if len(written) < 2 or written[-1] != "'" or "'" in inner.replace("''", ""):
            return _NO
        return inner.replace("''", "'")
    if written in _BOOLEANS:
        return _BOOLEANS[written]
    if written in _NULLS:
        return None
    if not first or first in _INDICATORS or written[-1] == ":":
        return _NO
    if ": " in written or " #" in written:
        return _NO
    if _typed(written):
        return _number(written)
    # text to YAML 1.2 but a number or date to a tool's parser: the full loader notes it
    return _NO if first in _FIRST_TYPED and schemas.typed_elsewhere(written) else written


#: numbers as the full loader gives them back as numbers (`maxTurns: 8`, `temperature: 0.2`);
#: any other spelling (`010`, `1.50`, `1e3`, `0x1F`) is kept as text there, with a note
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,15})\.[0-9]{1,16}")


def _number(written: str) -> int | float | _Declined:
    if _INTEGER.fullmatch(written):
        return int(written)
    if _DECIMAL.fullmatch(written) and repr(float(written)) == written:
        return float(written)
    return _NO


def _typed(plain: str) -> bool:
    """Whether a plain scalar reads as something other than text (bool, null, a number)."""
    if plain[:1] not in _TYPED_FIRST:
        return False
    return _TYPED.fullmatch(plain) is not None
