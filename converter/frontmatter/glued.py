"""A comment glued to what it follows (`"a"#c`, `'a'#c`, `[a]#c`, `{a: 1}#c`, `|#c`), which
Bun's YAML parser refuses, as YAML 1.2 does ("comments must be separated from other tokens
by white space"), where libyaml reads a comment, and js-yaml 3 and 4 too but after a block
scalar's indicator (`|#c`), which they refuse ("a line break is expected").

Claude Code 2.1.332 reads a header with Bun's parser: such a header fails its first pass, and
its second pass (repair.py) then re-quotes the line, so `description: "a"#c` is the text
`"a"#c` and `|#c` over lines is not loaded (each seen with its loader, through
conformance/tools.py). GitHub Copilot CLI 1.0.102, Gemini CLI 0.61.0 and OpenCode 1.18.33
read `a`; Gemini CLI refuses the agent for `|#c`, OpenCode takes the whole file for its prompt
(each seen with theirs). Roo's `yaml` 2.9.1 refuses a `.roomodes` file for any of them, as
Bun's does (roo_format.py). A `#` inside a plain text (`a#c`, `say "hi"#now`) is text to all.
"""

from __future__ import annotations

import re

from converter.errors import ParseError, SourceSpan
from converter.frontmatter import tabs

#: a `#` right after a quote, a flow collection's end or a block indicator: what a glued
#: comment needs, searched before any YAML is scanned (most headers have none)
_MAYBE = re.compile(r"""["'\]}]#|[|>][-+0-9]{0,2}#""")
_BLOCK = re.compile(r"[|>][-+0-9]{0,2}#")
#: what a glued comment's `#` follows: a quote, a flow end, a block indicator and its own
_BEFORE = frozenset("\"']}|>-+0123456789")
#: the parsers that refuse a glued comment (tabs.py names them)
_REFUSING = frozenset({tabs.BUN, tabs.JS_YAML_4, tabs.JS_YAML_3})


def glued_line(yaml_text: str, *, blocks_only: bool = False) -> int | None:
    """The 0-based line in `yaml_text` of its first comment glued to a quoted text, to the
    end of a flow list or map, or to a block scalar's indicator (only that one when
    `blocks_only`); None when it has none (or it is not YAML, which the caller's parse says)."""
    found = _glued(yaml_text, blocks_only=blocks_only)
    return None if found is None else yaml_text.count("\n", 0, found)


def separated(yaml_text: str) -> str:
    """`yaml_text` with a space before each glued comment: what every reader takes for the
    comment its author wrote."""
    for _ in range(yaml_text.count("#")):
        found = _glued(yaml_text)
        if found is None:
            break
        yaml_text = f"{yaml_text[:found]} {yaml_text[found:]}"
    return yaml_text


def _may_glue(yaml_text: str) -> bool:
    """Whether some `#` follows a character a glued comment can follow (a few `str.find`
    calls: every header read in full passes here, and few hold a `#`)."""
    found = yaml_text.find("#")
    while found > 0:
        if yaml_text[found - 1] in _BEFORE:
            return True
        found = yaml_text.find("#", found + 1)
    return False


def _glued(yaml_text: str, *, blocks_only: bool = False) -> int | None:
    """The index of the first glued comment's `#`, or None."""
    if not _may_glue(yaml_text) or (_BLOCK if blocks_only else _MAYBE).search(yaml_text) is None:
        return None
    from converter.frontmatter.pyyaml import yaml

    try:  # the pure scanner: its marks count characters of this text, as Python does
        for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            ending = isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken)
            glued = (quoted or ending) and yaml_text.startswith("#", token.end_mark.index)
            if glued and not blocks_only:
                return int(token.end_mark.index)
    except yaml.scanner.ScannerError as error:
        # the pure scanner refuses `|#c`, which libyaml reads ("expected chomping or
        # indentation indicators, but found '#'")
        mark = error.problem_mark
        glued = mark is not None and "found '#'" in (error.problem or "")
        return int(mark.index) if glued and mark is not None else None
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def refuse_glued(yaml_text: str, path: str, first_line: int, parser: str = tabs.BUN) -> None:
    """Raise what `parser` says of a header with a glued comment: Bun's refuses every one;
    js-yaml 3 and 4 (OpenCode's, Gemini CLI's) one glued to a block scalar's indicator
    (`|#c`: "a line break is expected"); libyaml none.

    Raises:
        ParseError: the header has one that `parser` refuses.
    """
    if parser not in _REFUSING:
        return
    line = glued_line(yaml_text, blocks_only=parser != tabs.BUN)
    if line is not None:
        raise ParseError(
            "a comment glued to the value before it (YAML wants a space before '#')",
            span=SourceSpan(path, first_line + line),
        )
