"""Write simple headers without libyaml: exactly the text `yaml12.dump_mapping` gives, for a
mapping of plain keys to words, one-line texts, booleans, integers and lists of those.

Most headers are `name`, `description`, `tools` and `model` (a few string operations), and
a one-file conversion then need not import PyYAML (about 30 ms) nor build its emitter per
file. Anything this module is not sure of (a value YAML would read as another type, text
starting with an indicator, line breaks, characters libyaml escapes, nested maps) returns
None, and the caller asks libyaml. `tests/test_yaml_emit.py` holds the two to the same text.
"""

from __future__ import annotations

import re
from typing import Any

from converter.frontmatter.yaml_flat import has_special

#: a key libyaml writes as it is (a simple key well under its 128-character limit)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
#: words that some resolver (YAML 1.1's booleans and nulls, or ours) may read as another
#: type; left to libyaml, which quotes them when they would be
_WORDS = frozenset(["yes", "no", "true", "false", "on", "off", "null", "y", "n"])


def dump(data: dict[str, Any], *, parser: str = "") -> str:
    """Block-style YAML for `data`, as `yaml12.dump_mapping` writes it for a tool that reads
    a header with `parser` (TargetRules.header_parser): where it loses line ends at the
    header's end, a last text ending in them is written quoted (a flat header holds no line
    end in a value: that changes none of it)."""
    flat = dump_flat(data)
    if flat is not None:
        return flat
    from converter.frontmatter import breaks, tabs, yaml12  # loaded only when needed

    # libyaml (Copilot CLI) loses the last line end; js-yaml one of a `|+` text's (tabs.py)
    lost = {breaks.LIBYAML: "\n", tabs.JS_YAML_4: "\n\n", tabs.JS_YAML_3: "\n\n"}
    return yaml12.dump_mapping(data, lost_end=lost.get(parser, ""))


def dump_flat(data: dict[str, Any]) -> str | None:
    """`yaml12.dump_mapping(data)` for a simple mapping; None when libyaml must decide."""
    if not data:
        return None
    out: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key) or key.lower() in _WORDS:
            return None
        if isinstance(value, list):
            if not value:
                return None
            items = [_scalar(v) for v in value]
            if None in items:
                return None
            # PyYAML writes a block sequence in a mapping without indenting it
            out.append(f"{key}:\n")
            out.extend(f"- {item}\n" for item in items)
            continue
        text = _scalar(value)
        if text is None:
            return None
        out.append(f"{key}: {text}\n")
    return "".join(out)


def _scalar(value: Any) -> str | None:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        return None
    return _text(value)


def _text(text: str) -> str | None:
    # A plain scalar needs a letter first (no indicator, no number, nothing a resolver of
    # another type starts with), no space at either end, no line break or character libyaml
    # escapes, and none of our "---" (dump_mapping escapes those inside double quotes).
    if not text or not text[0].isalpha() or text[-1] == " " or "---" in text:
        return None
    if "\n" in text or has_special(text) or text.lower() in _WORDS:
        return None
    if not text.isascii() and max(text) > "\uffff":  # libyaml escapes beyond the BMP
        return None
    # ": ", a final ":" and " #" end a plain scalar in block context (libyaml's
    # yaml_emitter_analyze_scalar): then the text is single-quoted, quotes doubled
    if ": " in text or text[-1] == ":" or " #" in text:
        return "'" + text.replace("'", "''") + "'"
    return text
