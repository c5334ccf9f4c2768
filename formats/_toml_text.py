"""TOML text that both TOML-based formats write (`toml`, `codex`), and TOML syntax errors
located to a line and column. A private helper: no format knowledge here."""

from __future__ import annotations

import json
import re
from typing import Any

from converter.errors import LimitError, ParseError, SourceSpan
from converter.fields import check_values, located
from converter.options import MAX_DEPTH

# Control characters a TOML literal string cannot hold (TOML 1.0: only tab is allowed).
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def basic(text: str) -> str:
    """A one-line basic string ("..."), escaped as JSON escapes it (a subset of TOML's)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def string(text: str) -> str:
    """One-line text as a literal or basic string; text with newlines as a multi-line one."""
    if "\n" in text or "\r" in text:
        return multiline(text)
    if "'" not in text and not _NOT_LITERAL.search(text):
        return f"'{text}'"
    return basic(text)


def multiline(text: str) -> str:
    """A multi-line string that reads back exactly.

    The newline right after the opening quotes is not part of the string (TOML 1.0), so one
    is always written: a prompt that starts with a blank line keeps it. Literal strings
    cannot hold ''' or control characters, and a CR might be normalised by a parser, so such
    text goes in a basic string with escapes.
    """
    # two checks: a character class alone scans fast in C, an alternation does not (3x)
    literal = "'''" not in text and "\r" not in text and not text.endswith("'")
    if literal and not _CONTROL.search(text):
        return f"'''\n{text}'''"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"""\n{escaped}"""'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else basic(name)


def value(item: Any) -> str:
    """One TOML value on one line (inline tables and arrays), so output is stable."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        return repr(item)
    if isinstance(item, str):
        return basic(item)
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        return "{" + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + "}"
    return basic(str(item))


def load(text: str, path: str, *, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """Parse TOML with the standard library (fast); explain an error with its position.

    Raises:
        ParseError: invalid TOML, with line and column; an integer too long for Python.
        LimitError: nested deeper than `max_depth`.
    """
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise located_error(text, path) from None
    except ValueError:  # an integer of more than 4,300 digits
        message = "invalid TOML: an integer longer than the 4,300 digits Python reads"
        raise located(text, path, r"[-+]?\d{4301,}", message) from None
    except RecursionError:
        raise LimitError(
            f"TOML nested deeper than {max_depth} levels", span=SourceSpan(path, 1)
        ) from None
    check_values(data, text, path, max_depth=max_depth, what="TOML")
    return data


def located_error(text: str, path: str) -> ParseError:
    """The error of invalid TOML, located by tomlkit (slower, but with exact positions)."""
    import tomlkit
    from tomlkit.exceptions import ParseError as TomlError

    try:
        tomlkit.parse(text)
    except TomlError as error:
        rows = text.split("\n")
        line, column = error.line, error.col + 1
        message = str(error).split(" at line ")[0]
        message = message.replace("Unexpected character: '\\x00'", "unexpected end of the file")
        return ParseError(
            f"invalid TOML: {message}",
            span=SourceSpan(path, line, column),
            source_line=rows[line - 1] if 0 < line <= len(rows) else None,
        )
    except Exception:  # tomlkit accepted what tomllib refused, or failed otherwise
        pass
    return ParseError("invalid TOML", span=SourceSpan(path, 1, 1))
