"""TOML text that both TOML-based formats write (`toml`, `codex`), and TOML syntax errors
located to a line and column. A private helper: no format knowledge here."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from json.encoder import encode_basestring
from typing import Any

from converter.errors import ParseError, SourceSpan, too_deep
from converter.fields import check_values, located
from converter.options import MAX_DEPTH
from formats._toml_inline import inline

# Control characters a TOML literal string cannot hold (TOML 1.0: only tab is allowed).
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# the same set as bytes: deleting them with bytes.translate (a table lookup per byte) is 4-5x
# faster than a regex search over a long prompt; UTF-8 never uses these bytes inside a
# multi-byte character, so the test is exact
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


#: the last text `_has_control` looked at, and its answer: the self-check reads back the
#: prompt the writer just checked (an equal string; comparing costs a fraction of the 13 us
#: a 10 KB prompt takes to scan, measured on 2 CPUs)
_LAST_CHECKED: tuple[str, bool] = ("", False)


def _has_control(text: str) -> bool:
    """True if `text` holds a control character other than tab and line feed."""
    global _LAST_CHECKED
    last_text, answer = _LAST_CHECKED
    if text == last_text:
        return answer
    encoded = text.encode("utf-8", "surrogatepass")
    answer = len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded)
    _LAST_CHECKED = (text, answer)
    return answer


def basic(text: str) -> str:
    """A one-line basic string ("..."), escaped as JSON escapes it (a subset of TOML's)."""
    # what json.dumps(text, ensure_ascii=False) returns for a string, without making a
    # JSONEncoder per call (two per agent written: a few microseconds each)
    return encode_basestring(text).replace("\x7f", "\\u007f")


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
    # cheap checks first; control characters are found with bytes.translate (see above)
    literal = "'''" not in text and "\r" not in text and not text.endswith("'")
    if literal and not _has_control(text):
        return f"'''\n{text}'''"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"""\n{escaped}"""'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else basic(name)


def plain(item: Any) -> Any:
    """A parsed TOML value as JSON takes it: dates and times as their ISO text."""
    if isinstance(item, dict):
        return {k: plain(v) for k, v in item.items()}
    if isinstance(item, list):
        return [plain(v) for v in item]
    return item.isoformat() if hasattr(item, "isoformat") else item


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


# The shape our writers give most files (tools' files too): `key = "one line"` (or 'one line',
# or ["a", "b"]) lines and one multi-line string. Read in C (a regex, JSON's string scanner,
# str.find), not tomllib's character loop, which cost a third of a Codex conversion in its
# self-check. Anything else,
# valid or not, goes to tomllib: the fast path only ever answers where tomllib would answer
# the same (a property test compares the two).
# A basic string JSON's scanner reads as TOML does (no \U, no \/, no surrogate escape), as
# runs of plain characters between escapes, every repeat possessive: the regex engine then
# keeps no backtracking state per character (a 12 MB string had cost 1.3 GB).
_PLAIN = r"[^\"\\\x00-\x08\x0a-\x1f\x7f]*+"
_ESCAPE = r"\\(?:[\"\\bfnrt]|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})"
_BASIC = rf"\"{_PLAIN}(?:{_ESCAPE}{_PLAIN})*+\""
_FAST_LINE = re.compile(
    # a bare key, or a quoted one without escapes ("$schema")
    r"([A-Za-z0-9_-]+|\"[^\"\\\x00-\x1f\x7f]*+\") = "
    # a basic string, a literal one, an array of basic strings as our writers space one
    rf"(?:({_BASIC})|('[^'\x00-\x08\x0a-\x1f\x7f]*+')|(\[(?:{_BASIC}(?:, {_BASIC})*+)?\])"
    # or the opening of a multi-line literal string, or a basic one, alone at the line's end
    r"|(''')$|(\"\"\")$)"
)
#: a line whose value is an inline table or array, a boolean or an integer
#: (`formats/_toml_inline.py` reads it)
_INLINE_LINE = re.compile(r"([A-Za-z0-9_-]+|\"[^\"\\\x00-\x1f\x7f]*+\") = (?=[{\[tf0-9-])")
#: the body of a multi-line basic string as our writers write one (a prompt that holds ''' or
#: a control character): line feeds and tabs as they are, every quote and backslash escaped,
#: up to the closing quotes. A bare quote, a backslash ending a line, a CR: tomllib decides.
_ML_PLAIN = r"[^\"\\\x00-\x08\x0b-\x1f\x7f]*+"
_ML_BODY = re.compile(rf"{_ML_PLAIN}(?:{_ESCAPE}{_ML_PLAIN})*+\"\"\"")


def fast_load(text: str) -> dict[str, Any] | None:
    """The document, if it has only the simple shape above; `None` sends it to tomllib."""
    # TOML 1.0 lets a parser read CRLF as LF; tomllib does
    source = text.replace("\r\n", "\n") if "\r" in text else text
    data: dict[str, Any] = {}
    position, end = 0, len(source)
    while position < end:
        line_end = source.find("\n", position)
        if line_end < 0:
            line_end = end
        match = _FAST_LINE.fullmatch(source, position, line_end)
        if match is None:
            # an inline table or array as `value()` writes one (a Codex agent's servers),
            # a boolean, an integer
            opening = _INLINE_LINE.match(source, position, line_end)
            found = None if opening is None else inline(source, opening.end(), line_end)
            if opening is None or found is None:
                return None
            name = opening.group(1)
            name = name[1:-1] if name[0] == '"' else name
            if name in data:
                return None
            data[name] = found
            position = line_end + 1
            continue
        name = match.group(1)
        name = name[1:-1] if name[0] == '"' else name
        if name in data:
            return None  # tomllib refuses a key defined twice
        if match.group(5) is None and match.group(6) is None:  # all on this line
            if match.group(2) is not None:
                data[name] = scanstring(source, match.start(2) + 1, False)[0]
            elif match.group(3) is not None:
                data[name] = match.group(3)[1:-1]
            else:  # JSON reads these strings as TOML does (the pattern checked each)
                data[name] = json.loads(match.group(4), strict=False)  # tabs as TOML
            position = line_end + 1
            continue
        start = line_end + 1  # the newline after the opening quotes is not part of it
        if match.group(6) is not None:  # a multi-line basic string
            body = _ML_BODY.match(source, start)
            if body is None or (body.end() < end and source[body.end()] != "\n"):
                return None
            # JSON's scanner reads these escapes as TOML does; strict=False lets the line
            # feeds and tabs through (the pattern has let no other control character by)
            data[name] = scanstring(source, start, False)[0]
            position = body.end() + 1
            continue
        # a multi-line literal string
        close = source.find("'''", start)
        if close < 0 or source.startswith("'", close + 3):
            return None  # unclosed, or quotes just before the closing ones: tomllib decides
        after = close + 3
        if after < end and source[after] != "\n":
            return None
        content = source[start:close]
        if _has_control(content):
            return None
        data[name] = content
        position = after + 1
    return data


def load(
    text: str, path: str, *, max_depth: int = MAX_DEPTH, toml11: bool = False
) -> dict[str, Any]:
    """Parse TOML with the standard library (fast); explain an error with its position.

    `toml11`: read TOML 1.1 too, as Codex does (`\\e` and `\\xHH` escapes, an inline table
    over several lines with a trailing comma): what TOML 1.0 refuses is read by tomlkit,
    which reads TOML 1.1 and refused what Codex refused in every case tried.

    Raises:
        ParseError: invalid TOML, with line and column; an integer too long for Python.
        LimitError: nested deeper than `max_depth`.
    """
    fast = fast_load(text)
    if fast is not None:
        nested = any(isinstance(v, dict | list) for v in fast.values())
        if max_depth < 2 or nested:  # a table of texts and lists: no deeper than 2
            check_values(fast, text, path, max_depth=max_depth, what="TOML")
        return fast
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        if not toml11:
            raise located_error(text, path) from None
        data = _as_toml11(text, path, max_depth)
    except ValueError:  # an integer of more than 4,300 digits
        raise _too_long(text, path) from None
    except RecursionError:  # past Python's limit, so past the ceiling too
        raise too_deep("TOML", max_depth, SourceSpan(path, 1)) from None
    check_values(data, text, path, max_depth=max_depth, what="TOML")
    return data


def _too_long(text: str, path: str) -> ParseError:
    message = "invalid TOML: an integer longer than the 4,300 digits Python reads"
    return located(text, path, r"[-+]?\d{4301,}", message)


def _as_toml11(text: str, path: str, max_depth: int) -> dict[str, Any]:
    """`text` read as TOML 1.1 (what TOML 1.0 refused); its located error when invalid."""
    import tomlkit
    from tomlkit.exceptions import ParseError as TomlError

    try:
        document: dict[str, Any] = tomlkit.parse(text).unwrap()
    except TomlError as error:
        raise _located(error, text, path) from None
    except ValueError:
        raise _too_long(text, path) from None
    except RecursionError:
        raise too_deep("TOML", max_depth, SourceSpan(path, 1)) from None
    return document


def located_error(text: str, path: str) -> ParseError:
    """The error of invalid TOML, located by tomlkit (slower, but with exact positions)."""
    import tomlkit
    from tomlkit.exceptions import ParseError as TomlError

    try:
        tomlkit.parse(text)
    except TomlError as error:
        return _located(error, text, path)
    except Exception:  # failed otherwise
        pass
    else:  # TOML 1.1 (tomlkit's) but not TOML 1.0
        return ParseError(
            "invalid TOML 1.0, read only by a TOML 1.1 parser (a \\e or \\xHH escape, an "
            "inline table over several lines or with a trailing comma, a time without seconds)",
            span=SourceSpan(path, 1, 1),
        )
    return ParseError("invalid TOML", span=SourceSpan(path, 1, 1))


def _located(error: Any, text: str, path: str) -> ParseError:
    rows = text.split("\n")
    line, column = error.line, error.col + 1
    message = str(error).split(" at line ")[0]
    message = message.replace("Unexpected character: '\\x00'", "unexpected end of the file")
    return ParseError(
        f"invalid TOML: {message}",
        span=SourceSpan(path, line, column),
        source_line=rows[line - 1] if 0 < line <= len(rows) else None,
    )
