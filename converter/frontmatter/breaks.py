"""NEL, U+2028 and U+2029 as YAML 1.2 reads them, for libyaml: characters of the text.

YAML 1.2 breaks lines at LF and CR only. Gemini CLI 0.61.0's and OpenCode 1.18.33's js-yaml
and Claude Code 2.1.332's Bun parser keep `description: a<U+2028> b` as written; libyaml, a
YAML 1.1 parser, breaks the line there and reads `a<U+2028>b` (and a NEL as a space), as
GitHub Copilot CLI 1.0.102 does (each seen with its loader). libyaml reads each of them
through a private-use stand-in, which it takes as text, and what it read gets them back.
"""

from __future__ import annotations

from typing import Any

#: the parser (TargetRules.header_parser) that breaks lines at them: GitHub Copilot CLI's
LIBYAML = "libyaml"
_YAML11_BREAKS = "\x85\u2028\u2029"
_STAND_INS = "\uf8fd\uf8fe\uf8ff"
_TO_STAND_INS = str.maketrans(_YAML11_BREAKS, _STAND_INS)
_BACK = str.maketrans(_STAND_INS, _YAML11_BREAKS)


def holds(text: str) -> bool:
    """Whether `text` holds a NEL, U+2028 or U+2029."""
    return not text.isascii() and any(c in text for c in _YAML11_BREAKS)


def stand_in(text: str) -> str | None:
    """`text` with a stand-in for each NEL, U+2028 and U+2029; None when it holds none, or
    holds a stand-in itself (then libyaml reads it as YAML 1.1 does)."""
    if not holds(text):
        return None
    return None if any(c in text for c in _STAND_INS) else text.translate(_TO_STAND_INS)


def restored(value: Any) -> Any:
    """`value`, read from a text with stand-ins, with the characters they stand for."""
    if isinstance(value, str):
        return value.translate(_BACK)
    if isinstance(value, dict):
        return {restored(key): restored(item) for key, item in value.items()}
    return [restored(item) for item in value] if isinstance(value, list) else value
