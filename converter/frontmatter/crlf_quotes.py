"""A quoted text over several lines in a file of CRLF lines, as Bun's YAML parser reads it:
each line break is kept, where YAML folds a single one into a space.

Claude Code 2.1.332 reads a header with Bun's parser. In a file whose lines end in CRLF,
`description: "Reviews\r\n  code"` is `Reviews\ncode` to it (YAML, and Bun with LF lines:
`Reviews code`), and a blank line between is two line breaks (YAML: one); the white space
around each break goes, as in YAML. Seen with its loader, for double and single quotes
(conformance/tools.py). A plain text over lines folds as YAML says in both.
"""

from __future__ import annotations

import re

#: a line break and the blank lines after it, inside a quoted text
_BREAKS = re.compile(r"\n(?:[ \t]*\n)*")


def as_bun_reads(yaml_text: str) -> str | None:
    """`yaml_text` (a CRLF file's header, made LF) with one more line break in each run of
    them inside a quoted text over lines, so that YAML reads what Bun's parser reads of the
    file; None when it holds no such text (or is not YAML, which the caller's parse says)."""
    if "\n" not in yaml_text.rstrip("\n") or ('"' not in yaml_text and "'" not in yaml_text):
        return None
    from converter.frontmatter.pyyaml import yaml

    spans: list[tuple[int, int, str]] = []
    try:  # the pure scanner: its marks count characters of this text, as Python does
        for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line != token.end_mark.line
            ):
                spans.append((token.start_mark.index, token.end_mark.index, str(token.style)))
    except (yaml.YAMLError, RecursionError):
        return None
    if not spans:
        return None
    out: list[str] = []
    last = 0
    for start, end, style in spans:
        out += [yaml_text[last:start], _unfolded(yaml_text[start:end], style)]
        last = end
    out.append(yaml_text[last:])
    return "".join(out)


def _unfolded(scalar: str, style: str) -> str:
    """The quoted text with one more line break in each run (an escaped one, `\\` ending a
    line of a double-quoted text, left as YAML reads it)."""

    def more(found: re.Match[str]) -> str:
        before = scalar[: found.start()]
        if style == '"' and (len(before) - len(before.rstrip("\\"))) % 2:
            return found.group()
        return "\n" + found.group()

    return _BREAKS.sub(more, scalar)
