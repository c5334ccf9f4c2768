"""libyaml's escapes of characters beyond U+FFFF (`\\U0001F4DD` for an emoji), read back as
the characters they stand for: its emitter counts only the BMP as printable."""

from __future__ import annotations

import re
from typing import Any

#: libyaml's escape of a character beyond U+FFFF (its emitter counts only the BMP as
#: printable): `\\U0001F4DD` where the text has an emoji (compiled when first used: `re`
#: keeps it by its text)
_ASTRAL_ESCAPE = r"\\U(000[1-9A-F][0-9A-F]{4}|0010[0-9A-F]{4})"


def holds_escape_text(value: Any) -> bool:
    """Whether some text of `value` holds what the unescaping would take for an escape."""
    if isinstance(value, str):
        return "\\U" in value and re.search(_ASTRAL_ESCAPE, value) is not None
    if isinstance(value, dict):
        return any(holds_escape_text(k) or holds_escape_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(holds_escape_text(v) for v in value)
    return False


def with_astral_characters(text: str) -> str:
    """`text` with libyaml's escapes of characters beyond U+FFFF written as the characters
    (an escaped backslash before one leaves it as text)."""

    def character(found: re.Match[str]) -> str:
        before = found.start()
        while before and text[before - 1] == "\\":
            before -= 1
        # after an odd run of backslashes this one is escaped ("\\\\" then "U..."): text
        return found[0] if (found.start() - before) % 2 else chr(int(found[1], 16))

    return re.sub(_ASTRAL_ESCAPE, character, text)
