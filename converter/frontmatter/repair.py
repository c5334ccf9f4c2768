"""Claude Code's second reading of a header that strict YAML rejects, reproduced exactly.

Claude Code 2.1.x (its frontmatter loader, checked against version 2.1.332): when YAML
parsing fails, each line matching `^([a-zA-Z_-]+):\\s+(\\S.*)$` whose value is not already
quoted (`"…"` or `'…'`), is not a flow list that parses as a list, and holds one of
`{ } [ ] * & # ! | > % @` or a backquote or `': '` is rewritten as `key: "value"` (with `\\`
and `"` escaped); then leading tabs become two spaces each, and the text is parsed again.
Lines that are not `key: value` stay as they are. Pure text functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: JavaScript's \\s and \\S, as Claude Code's patterns use them
_SPACE = "\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_KEY_LINE = re.compile(rf"([a-zA-Z_-]+):[{_SPACE}]+([^{_SPACE}][^\n\r\u2028\u2029]*)")
_NEEDS_QUOTES = re.compile(r"[{}\[\]*&#!|>%@`]|: ")
_LEADING_TABS = re.compile(r"^\t+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Requoted:
    """One line Claude Code's second pass re-quoted: its key, 1-based line in the YAML text,
    and the value as text."""

    key: str
    line: int
    value: str


def claude_second_pass(yaml_text: str, *, crlf: bool = False) -> tuple[str, list[Requoted], bool]:
    """The YAML text as Claude Code parses it the second time; the lines it re-quoted; and
    whether any tab indentation was turned into spaces. `crlf`: the file's lines end in CRLF
    (made LF in `yaml_text`): Claude Code splits the header at LF, so each line ends in a CR,
    which its pattern's `.` does not take before `$`: it re-quotes none (2.1.332 leaves out
    `description: `x` y` in such a file, "failed to parse and was ignored", and loads it
    with LF line ends; seen with its loader)."""
    lines = yaml_text.split("\n")
    requoted: list[Requoted] = []
    for number, line in enumerate([] if crlf else lines):
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            continue
        key, value = match.group(1), match.group(2)
        if (value.startswith('"') and value.endswith('"')) or (
            value.startswith("'") and value.endswith("'")
        ):
            continue
        if value.startswith("[") and value.endswith("]") and _is_list(value):
            continue
        if _NEEDS_QUOTES.search(value):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines[number] = f'{key}: "{escaped}"'
            requoted.append(Requoted(key, number + 1, value))
    text = "\n".join(lines)
    untabbed = _LEADING_TABS.sub(lambda m: "  " * len(m.group()), text)
    return untabbed, requoted, untabbed != text


def _is_list(value: str) -> bool:
    from converter.frontmatter.pyyaml import yaml

    try:
        return isinstance(yaml.safe_load(value), list)
    except yaml.YAMLError:
        return False
    except RecursionError:  # a list nested past Python's limit: left as a list, for the
        return True  # strict reading to refuse with its line (yaml_walk.refuse_deep)
