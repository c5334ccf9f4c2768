"""What each tool's YAML parser makes of a plain scalar that YAML 1.2's core schema reads as text
or as the number we keep as written: its number, a date, or text.

The tools parse headers with different schemas (tool-loaders.md), each checked against its own
loader (conformance/tools.py: some 3,000 random spellings as a `description:`, loaded as the
text or refused; tests/test_schemas.py keeps what each did, and fixtures/conformance its cases):
- Claude Code 2.1.332 (Bun's parser): YAML 1.2's core schema; `017` and `0o17` are numbers.
- GitHub Copilot CLI 1.0.102 (serde_yaml): `0x`, `0o` and `0b` numbers, Rust's floats; a
  number with a leading zero (`017`), `1_000` and dates are text.
- Gemini CLI 0.61 (js-yaml 4's default schema): `_` between digits (`1_000`), `0b`, `0o`,
  `017` (17), dates and timestamps (a JavaScript Date); `-.5` is text.
- OpenCode 1.18.33 (js-yaml 3 in gray-matter): as js-yaml 4 but `017` is octal, `0o17` and
  `08` are text, and base 60 (`1:30` is 90): YAML 1.1's integers.
- Roo Code (the `yaml` package): YAML 1.2's core schema, as Bun's (`CORE`).
YAML's own tags written out (`!!int Writes`, `!!binary`) are each parser's too: `resolves`
(yaml_explicit.py).
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

BUN, SERDE, JS_YAML_4, JS_YAML_3 = "bun", "libyaml", "js-yaml-4", "js-yaml-3"
CORE = BUN  # YAML 1.2's core schema, as Bun's parser and the `yaml` package (Roo's) read it


class _Built:
    """A value a tool's YAML parser builds where we keep the text written: no text to it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.text == self.text

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.text))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r})"

    __str__ = __repr__


class Date(_Built):
    """A plain scalar a js-yaml parser reads as a JavaScript Date (`2024-01-01`)."""

    __slots__ = ()


class Binary(_Built):
    """A `!!binary` value, its base64 text as written: bytes to js-yaml (yaml_explicit.py);
    the text written elsewhere."""

    __slots__ = ()


#: plain scalars no schema reads as other than text start otherwise (cheap to ask first);
#: the patterns are compiled on first use and kept (`_fullmatch`), as few texts start so
FIRST: Final = frozenset("0123456789+-.")
#: YAML 1.2 core schema's integers and floats (yaml_flat.CORE_RESOLVERS is made of them)
CORE_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
CORE_FLOAT = (
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)
#: js-yaml's YAML_DATE_REGEXP and YAML_TIMESTAMP_REGEXP (lib/type/timestamp.js, 3 and 4)
_DATE = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
#: js-yaml 4's lib/type/int.js: a sign, then 0b, 0x, 0o or digits, `_` between (not first
#: or last); js-yaml 3's: 0b, 0x, 0 then octal digits, digits, or base 60 (`1:30`). Each
#: pattern reads a text once (no two ways to match a character: `0b_*[01]`, not
#: `0b[01_]*[01]`, which took half a second for 8,000 digits and grows as their square)
_JS4_INT = (
    r"[-+]?(?:0b_*[01][01_]*|0x_*[0-9a-fA-F][0-9a-fA-F_]*|0o_*[0-7][0-7_]*"
    r"|0|0[0-9][0-9_]*|[1-9][0-9_]*)"
)
_JS3_INT = (
    r"[-+]?(?:0b_*[01][01_]*|0x_*[0-9a-fA-F][0-9a-fA-F_]*|0[0-7_]*"
    r"|[1-9][0-9_]*(?::[0-5]?[0-9])*)"
)
_JS4_FLOAT = (
    r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_JS3_FLOAT = (
    r"[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
#: serde_yaml 0.9: an integer with a 0x, 0o or 0b prefix, or Rust's float syntax
_SERDE_INT = r"[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|0|[1-9][0-9]*)"
_SERDE_FLOAT = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_SERDE_SPECIAL = r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"

Read = int | float | Date | None
_COMPILED: dict[str, re.Pattern[str]] = {}


def _fullmatch(pattern: str, text: str) -> bool:
    # kept here, not in re's cache of 512, which a batch's own patterns churn (+1.2% of the
    # instructions of 1,000 agents to Codex, recompiling)
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled.fullmatch(text) is not None


#: the most decimal digits Python converts by default (sys.get_int_max_str_digits())
_LONGEST = 4300


def reads(plain: str, parser: str) -> Read:
    """What `parser`'s schema makes of `plain`, a plain scalar that YAML 1.2's core schema
    reads as text or as a number: an int, a float, a Date, or None for text. For a parser we
    know only as strict YAML 1.2 (""), what every tool's parser reads alike (`0x10`, not `010`,
    which is 8 to OpenCode's and text to Copilot CLI's)."""
    if plain[:1] not in FIRST:
        return None
    if parser in (JS_YAML_4, JS_YAML_3):
        return _js_yaml(plain, parser == JS_YAML_3)
    if parser == SERDE:
        return _serde(plain)
    if parser == BUN:
        return _core(plain)
    first = _core(plain)
    return first if all(repr(reads(plain, one)) == repr(first) for one in _OTHERS) else None


def _core(plain: str) -> Read:
    if len(plain) > _LONGEST and plain.lstrip("+-").isdigit():
        return math.inf  # more digits than Python converts: a number all the same
    if _fullmatch(CORE_INT, plain):
        base = {"o": 8, "x": 16}.get(plain[1:2], 10)
        return int(plain[2:], base) if base != 10 else int(plain)
    if _fullmatch(CORE_FLOAT, plain):
        return _float(plain)
    return None


def _serde(plain: str) -> Read:
    unsigned = plain.lstrip("+-")
    if len(plain) > _LONGEST and unsigned.isdigit():
        return None if unsigned[0] == "0" else math.inf
    if len(unsigned) > 1 and unsigned[0] == "0" and unsigned.isdigit():
        return None  # "Leading zero(s) followed by numeric characters is a string" (serde_yaml)
    if _fullmatch(_SERDE_INT, plain):
        sign = -1 if plain[0] == "-" else 1
        base = {"x": 16, "o": 8, "b": 2}.get(unsigned[1:2], 10)
        return sign * int(unsigned[2:] if base != 10 else unsigned, base)
    if _fullmatch(_SERDE_SPECIAL, plain):
        return _float(plain)
    if _fullmatch(_SERDE_FLOAT, plain):
        number = float(plain)
        return number if math.isfinite(number) else None  # `1e999` is text to serde_yaml
    return None


def _js_yaml(plain: str, version_3: bool) -> Read:
    if _fullmatch(_DATE, plain):
        return Date(plain)
    if len(plain) > _LONGEST and plain.lstrip("+-").replace("_", "").isdigit():
        return math.inf if plain[-1] != "_" and plain.lstrip("+-")[:1] != "_" else None
    if plain[-1] == "_":  # "should not end with `_`" (int.js, float.js)
        return None
    if _fullmatch(_JS3_INT if version_3 else _JS4_INT, plain):
        return _js_int(plain.replace("_", ""), version_3)
    if _fullmatch(_JS3_FLOAT if version_3 else _JS4_FLOAT, plain):
        return _float(plain.replace("_", ""), base_60=version_3)
    return None


#: js-yaml's bool.js and null.js (3 and 4), serde_yaml's parse_bool and parse_null alike
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
#: js-yaml's binary.js: base64's characters; line ends are skipped, `=` counts as one
_BASE64 = r"[A-Za-z0-9+/=\r\n]*"


def resolves(written: str, kind: str, parser: str) -> bool:
    """Whether `parser` builds its `kind` ("int", "float", "bool", "null", "timestamp" or
    "binary") of a value under that tag written out (`!!int 17`; `!!int Writes` it refuses)."""
    if kind in ("bool", "null"):
        return written in (_BOOLS if kind == "bool" else _NULLS)
    if kind == "timestamp":
        return _fullmatch(_DATE, written)
    if kind == "binary":  # whole bytes: 6 bits a character
        length = len(written) - written.count("\n") - written.count("\r")
        return _fullmatch(_BASE64, written) and length * 6 % 8 == 0
    if parser == SERDE:
        number = _serde(written) if written[:1] in FIRST else None
        return type(number) is int if kind == "int" else number is not None
    if written[-1:] == "_":  # "should not end with `_`" (int.js, float.js)
        return False
    version_3 = parser == JS_YAML_3
    if kind == "int":
        return _fullmatch(_JS3_INT if version_3 else _JS4_INT, written)
    return _fullmatch(_JS3_FLOAT if version_3 else _JS4_FLOAT, written)


def _js_int(digits: str, version_3: bool) -> int:
    sign = -1 if digits[0] == "-" else 1
    unsigned = digits.lstrip("+-")
    if unsigned[:2] in ("0b", "0x", "0o"):
        return sign * int(unsigned[2:], {"b": 2, "x": 16, "o": 8}[unsigned[1]])
    if version_3 and ":" in unsigned:
        return sign * _base_60(unsigned)
    if version_3 and unsigned[:1] == "0" and len(unsigned) > 1:
        return sign * int(unsigned, 8)
    return sign * int(unsigned)


def _float(plain: str, *, base_60: bool = False) -> float:
    text = plain.lower()
    if text.endswith(("inf", "nan")):
        return float(text.replace(".", "", 1))
    if base_60 and ":" in text:
        sign = -1 if text[0] == "-" else 1
        whole, _, fraction = text.lstrip("+-").rpartition(":")
        return sign * (_base_60(whole) * 60 + float(fraction or 0))
    try:
        return float(text)
    except ValueError:  # `._e7`: JavaScript's parseFloat gives NaN, a number all the same
        return math.nan


def _base_60(text: str) -> int:
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


#: every character a number or date of any schema here is spelt with
_SPELLING = frozenset("0123456789_:.+-eEoxbTtZ \tabcdefABCDFinINfnNaA")
#: the parsers whose schema reads more than YAML 1.2's core (Bun's reads just that)
_OTHERS = (SERDE, JS_YAML_4, JS_YAML_3)


def typed_elsewhere(plain: str) -> bool:
    """Whether a plain scalar YAML 1.2's core schema reads as text is something else to one
    of the tools' parsers (`2024-01-01`, `1_000`, `0b1`, `1:30`): noted where it is read, and
    quoted where it is written."""
    # Most texts stop at the first of these (at their first letter): no pattern is compiled
    # for them (compiling the ten costs about 15 million instructions: `version: 1.0.0`)
    if plain[:1] not in FIRST or plain.count(".") > 1 or not all(c in _SPELLING for c in plain):
        return False
    if not any(char.isdigit() for char in plain):  # (`-e`; `.inf` is core YAML's)
        return False
    return any(reads(plain, parser) is not None for parser in _OTHERS)


def untagged_plain(node: Any) -> bool:
    """Whether a YAML scalar node is plain and written with no tag (`!!str 1`), anchor or
    quotes: the only kind a schema resolves (its span is its text)."""
    return not node.style and node.end_mark.index - node.start_mark.index == len(node.value)


def shown(value: Read) -> str:
    """How a message names what a tool reads (`017` read as 15: "the number 15")."""
    if isinstance(value, Date):
        return "a date"
    return f"the number {value}"
