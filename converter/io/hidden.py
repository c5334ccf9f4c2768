"""Text a model reads and a person cannot see: Unicode tag characters, bidirectional controls
and runs of invisible characters, said when an input holds them (`hidden-text`).

Agents are collected from public collections and pasted between tools, and an agent's
prompt is an instruction to a model that may edit files and run commands. Hidden text is
the known way to slip an instruction past the person who reviews one: tag characters
(U+E0020-U+E007E) spell ASCII that models read and editors show as nothing ("ASCII
smuggling"), bidirectional overrides show text in another order than it is read (CVE-2021-
42574, "Trojan Source"), and runs of zero-width characters or variation selectors carry bytes
("Rules File Backdoor", Pillar Security, 2025, on Copilot and Cursor rule files). The text
is kept as written, as every prompt is; saying it lets `--strict` refuse it.

What ordinary text holds is not said: one zero-width joiner or space (emoji sequences such
as 👨‍💻, Persian and Indic joiners, a fence escaped inside a code block), an emoji's
variation selector, and the tags of a subdivision flag (🏴 + tags + CANCEL TAG).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from converter.diagnostics import Code, Diagnostics

# The check runs on every input that is not ASCII, so it starts with searches of the UTF-8
# bytes that each begin with a fixed prefix (the regex engine then skips to it): 1.5 ms for
# the 287 of 1,000 corpus agents that are not ASCII, against 12 ms for one search of their
# text. Only an input they match is looked at closely.
_BYTES_E2 = re.compile(rb"\xe2(?:\x80[\x8b-\x8d\xaa-\xae]|\x81[\xa0-\xa4\xa6-\xa9])")
_BYTES_EF = re.compile(
    rb"\xef(?:\xbb\xbf|\xb8[\x80-\x8f](?:\xef[\xb8\xbb]|\xf3\xa0|\xe2[\x80\x81]))"
)
_BYTES_F3 = re.compile(rb"\xf3\xa0[\x80-\x87]")

_TAG_CHARS = "\U000e0000-\U000e007f"
_BIDI_CHARS = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE_CHARS = "\u200b-\u200d\u2060-\u2064\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef"
#: every character of the three kinds, found in one pass of the text (a pattern per kind
#: cost three passes, each slower: 1.5 ms against 0.3 ms for six corpus agents with emoji)
_ANY = re.compile(f"[{_TAG_CHARS}{_BIDI_CHARS}{_INVISIBLE_CHARS}]")
_IS_TAG = re.compile(f"[{_TAG_CHARS}]").fullmatch
_IS_BIDI = re.compile(f"[{_BIDI_CHARS}]").fullmatch
_IS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]").fullmatch
#: an emoji's presentation selector and the joiner to its next part (❤️‍🔥): ordinary text
_EMOJI_JOIN = frozenset({"\ufe0e\u200d", "\ufe0f\u200d"})
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"
#: most characters of a hidden message quoted in a diagnostic
_QUOTED = 60
_KEPT = "kept as written: review it before anyone runs this agent"


def may_hide(data: bytes) -> bool:
    """True when UTF-8 `data` (not ASCII) may hold hidden text; False means it holds none.
    A byte-order mark at the very start is the file's, not hidden text."""
    # the lead bytes 0xEF and 0xF3 are rare (most files have neither), and finding one byte
    # is memchr: only a file that has one is searched for their sequences
    return bool(
        _BYTES_E2.search(data)
        or (data.find(b"\xef", 1) != -1 and _BYTES_EF.search(data, 1))
        or (b"\xf3" in data and _BYTES_F3.search(data))
    )


def say(text: str, diags: Diagnostics, field: str | None = None) -> None:
    """Say each kind of hidden text in `text` (a whole input, decoded), once, at its first
    place, with how often it occurs. With `field`, `text` is that field's value as read
    (its file spelt it with escapes, `\\U000E0049`, which only reading turns into the
    characters): said of the field, with no place in the file."""
    found = [(m.start(), m.group()) for m in _ANY.finditer(text)]
    if found:
        _say_tags(text, _runs(found, _IS_TAG), diags, field)
        _say_bidi(text, [pos for pos, char in found if _IS_BIDI(char)], diags, field)
        _say_invisible(text, _runs(found, _IS_INVISIBLE), diags, field)


Run = tuple[int, str]  # where a run of characters of one kind starts, and the characters


def _runs(found: list[Run], kind: Callable[[str], object]) -> list[Run]:
    """The characters of one kind among `found`, joined into runs where they are adjacent."""
    runs: list[Run] = []
    for pos, char in found:
        if not kind(char):
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == pos:
            runs[-1] = (runs[-1][0], runs[-1][1] + char)
        else:
            runs.append((pos, char))
    return runs


def _say_tags(text: str, found: list[Run], diags: Diagnostics, field: str | None) -> None:
    runs = [(pos, tags) for pos, tags in found if not _is_flag(text, pos, tags)]
    if not runs:
        return
    count = sum(len(tags) for _, tags in runs)
    spelled = "".join(_spelled(tags) for _, tags in runs)
    quoted = spelled if len(spelled) <= _QUOTED else spelled[: _QUOTED - 1] + "…"
    what = f"spell {quoted!r}" if spelled else "spell nothing"
    _add(
        diags,
        f"{_counted(count, 'invisible Unicode tag character')} {what}: a model reads them, "
        f"an editor shows nothing (ASCII smuggling); {_KEPT}",
        text,
        runs[0][0],
        field,
    )


def _is_flag(text: str, pos: int, tags: str) -> bool:
    """The tags of a subdivision flag (🏴 gb eng CANCEL TAG: England's): ordinary text."""
    return (
        pos > 0
        and text[pos - 1] == _BLACK_FLAG
        and tags.endswith(_CANCEL_TAG)
        and tags.count(_CANCEL_TAG) == 1
        and len(tags) <= 8
    )


def _spelled(tags: str) -> str:
    """What tag characters spell: each is an ASCII character moved to U+E0000."""
    return "".join(chr(ord(c) - 0xE0000) for c in tags if 0xE0020 <= ord(c) <= 0xE007E)


def _say_bidi(text: str, found: list[int], diags: Diagnostics, field: str | None) -> None:
    if not found:
        return
    more = len(found) - 1
    also = f" (and {_counted(more, 'more bidirectional control')})" if more else ""
    _add(
        diags,
        f"{_named(text[found[0]])}{also}: the text after it shows in another order than a "
        f"model reads it (Trojan Source); {_KEPT}",
        text,
        found[0],
        field,
    )


def _say_invisible(text: str, found: list[Run], diags: Diagnostics, field: str | None) -> None:
    runs = [(pos, chars) for pos, chars in found if len(chars) > 1 and chars not in _EMOJI_JOIN]
    if not runs:
        return
    chars = sorted({c for _, run in runs for c in run})
    kinds = ", ".join(_named(c) for c in chars[:3]) + (", …" if len(chars) > 3 else "")
    _add(
        diags,
        f"{_counted(sum(len(run) for _, run in runs), 'invisible character')} in "
        f"{_counted(len(runs), 'run')} ({kinds}): a run can carry a message that a model may "
        f"decode and no editor shows; {_KEPT}",
        text,
        runs[0][0],
        field,
    )


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' * (count != 1)}"


def _named(char: str) -> str:
    import unicodedata  # only when there is something to say

    return f"U+{ord(char):04X} {unicodedata.name(char, 'VARIATION SELECTOR')}"


def _add(diags: Diagnostics, message: str, text: str, index: int, field: str | None) -> None:
    """Said at `index` of `text` (the decoded input: its line and column are the file's), or
    of `field` (a value as read)."""
    if field is not None:
        diags.add(Code.HIDDEN_TEXT, f"{field}, written with escapes: {message}", field=field)
        return
    line_start = text.rfind("\n", 0, index) + 1
    line = text.count("\n", 0, index) + 1
    diags.add(Code.HIDDEN_TEXT, message, line=line, column=index - line_start + 1)
