"""A header's YAML loaded as one tool's parser reads it, once the caller has made its text read
alike (tabs.as_js_yaml_reads): libyaml for Copilot CLI (breaks.py), and for Bun's parser
(Claude Code's) what it does otherwise than YAML 1.2: a comment glued to a value refused
(glued.py), a quoted text over CRLF lines keeping its breaks (crlf_quotes.py), and a plain
value that starts with a comma read as the text written, where YAML 1.2, js-yaml and libyaml
refuse it (a comma is a flow indicator). Claude Code 2.1.332 reads `description: ,x #c` as
",x" and `- ,Read` as ",Read" (seen with its loader); libyaml reads such a value through a
private-use stand-in for the comma, which what it read gets back.
"""

from __future__ import annotations

import re
from typing import Any

from converter.frontmatter import breaks, crlf_quotes, glued, tabs, yaml12
from converter.options import Limits

#: a key (plain, at any indentation) or a list's dashes, then a comma starting the value;
#: a comma at a line's start alone may separate a flow list's items, and is left
_KEY = r"[^\s#'\"\[\]{},&*!|>%@`?:-][^\n]*?: +"
_COMMA_FIRST = rf"(?m)^( *(?:(?:- +)+(?:{_KEY})?|{_KEY})),"
_COMPILED: list[re.Pattern[str]] = []  # on first use: few headers hold a comma after a space
_STAND_IN = "\uf8fc"  # (breaks.py stands in with \uf8fd to \uf8ff)


def load(
    text: str,
    parser: str,
    *,
    path: str,
    first_line: int,
    limits: Limits = Limits(),
    crlf: bool = False,
    fully: bool = False,
) -> tuple[dict[str, Any] | None, yaml12.LoadNotes, bool, list[tuple[str, int]]]:
    """`text` as `parser` reads it: its values, the notes, whether it is read otherwise than
    YAML reads it (a quoted text over CRLF lines), and each top-level key whose value starts
    with a comma, with its line in `text` (1-based). `fully`: through libyaml whatever the
    header (the caller has tried yaml_flat).

    Raises:
        ParseError: `parser` refuses it.
        LimitError: it breaks a limit.
    """
    libyaml = parser == breaks.LIBYAML
    tags = libyaml or parser == tabs.BUN  # a value under an unknown tag read untagged
    read = yaml12.load_mapping_fully if fully else yaml12.load_mapping
    read = yaml12.load_as_libyaml_reads if libyaml else read
    bun = parser == tabs.BUN
    swapped = _stand_in(text) if bun and " ," in text else None  # (a comma after a space)
    data, notes = read(
        swapped or text, path=path, first_line=first_line, limits=limits, local_tags=tags,
        parser=parser,  # its merge keys (`<<: *base`) and YAML's own tags (`!!set`), as it reads
    )  # fmt: skip
    glued.refuse_glued(text, path, first_line, parser)  # `"a"#c`, `|#c` (glued.py)
    kept = crlf_quotes.as_bun_reads(text) if bun and crlf else None
    if unfolded := kept is not None:
        again = _stand_in(kept) or kept
        data = read(again, path=path, first_line=first_line, local_tags=tags, parser=parser)[0]
    if swapped is None:
        return data, notes, unfolded, []
    commas = []
    for number, line in enumerate(text.split("\n"), 1):
        key, colon, value = line.partition(": ")
        if colon and line[:1] not in " -" and value.lstrip(" ")[:1] == "," and " " not in key:
            commas.append((key, number))
    return _restored(data), notes, unfolded, commas


def _stand_in(text: str) -> str | None:
    if _STAND_IN in text:  # (then it is read as YAML reads it)
        return None
    if not _COMPILED:
        _COMPILED.append(re.compile(_COMMA_FIRST))
    swapped = _COMPILED[0].sub(lambda found: found[1] + _STAND_IN, text)
    return swapped if swapped != text else None


def _restored(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(_STAND_IN, ",")
    if isinstance(value, dict):
        return {_restored(key): _restored(item) for key, item in value.items()}
    return [_restored(item) for item in value] if isinstance(value, list) else value
