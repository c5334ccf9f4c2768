"""Split a section's text into items (list items, paragraphs, code blocks) and compare them.

Items keep their raw text; `key` is the normalised text that similarity works on. The
similarity is rapidfuzz's token-sort ratio: unlike token-set or partial scores, a short item
is not "contained" in a long one (BRIEF §6: `Logging for debugging` must not be swallowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse
from typing import Literal

from rapidfuzz import fuzz

from converter.prompt.sections import fence_mask

ItemKind = Literal["bullet", "ordered", "paragraph", "code", "block"]

_BULLET = re.compile(r"([-*+])[ \t]+")
_ORDERED = re.compile(r"(\d{1,3})[.)][ \t]+")
_BLOCK_TAG = re.compile(r"<([A-Za-z_][\w.\-]*)(?:[ \t][^<>\n]*)?>[ \t]*$")
#: what parts words: anything but a letter or digit. Markup (`*_`~#>[]()|`) is part of it,
#: the underscore included (`snake_case` is two words, as it was when markup went first)
_NON_WORD = re.compile(r"[\W_]+")
#: the same for ASCII text, as a table for bytes.translate (6x faster than str.translate's
#: mapping): what is not a letter or digit becomes a space
_ASCII_NON_WORD = bytes(code if chr(code).isalnum() else 32 for code in range(128)) + bytes(
    range(128, 256)
)
#: words too common in prompts to say anything about what an item means
STOPWORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "in", "include",
        "includes", "including", "into", "is", "it", "its", "must", "of", "on", "or", "should",
        "that", "the", "their", "this", "to", "use", "using", "when", "will", "with", "you", "your",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Item:
    """One point a section makes, as written."""

    kind: ItemKind
    #: the raw text with its list marker and continuation lines, ending in a newline
    text: str
    #: the text without its list marker (derived)
    body: str = field(init=False, compare=False, repr=False)
    #: the normalised words that similarity compares (derived)
    key: str = field(init=False, compare=False, repr=False)
    #: the key's words sorted: rapidfuzz's `ratio` on these is its `token_sort_ratio` on the
    #: keys, without sorting every candidate again on every comparison (derived)
    sorted_key: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # computed once: the merge engine reads them many times per item
        if self.kind == "bullet":
            body = _BULLET.sub("", self.text.lstrip(), count=1)
        elif self.kind == "ordered":
            body = _ORDERED.sub("", self.text.lstrip(), count=1)
        else:
            body = self.text
        object.__setattr__(self, "body", body)
        key = normalise(body)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "sorted_key", " ".join(sorted(key.split())))

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        # sent from a worker process with what it worked out: not worked out again
        return _rebuilt, (self.kind, self.text, self.body, self.key, self.sorted_key)


def _rebuilt(kind: ItemKind, text: str, body: str, key: str, sorted_key: str) -> Item:
    """An item as `Item.__reduce__` sent it, its derived fields set as they came."""
    item = object.__new__(Item)
    put = object.__setattr__  # written out, not looped: a merge receives thousands
    put(item, "kind", kind)
    put(item, "text", text)
    put(item, "body", body)
    put(item, "key", key)
    put(item, "sorted_key", sorted_key)
    return item


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lowercase words without markup, punctuation or stopwords, for comparison."""
    lowered = text.lower()
    if lowered.isascii():  # the usual case: a byte table is many times faster
        words = lowered.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    else:
        words = _NON_WORD.sub(" ", lowered).split()
    return " ".join(filterfalse(STOPWORDS.__contains__, words))  # filtered in C


#: the longest normalised text compared by edit distance. Its cost grows with the product of
#: the two lengths (an item of 6 MB against its copy ran for hours); longer texts are only
#: ever found equal, never near. An agent's item or paragraph is far shorter.
FUZZY_CHARS = 8_000


def fuzzy(key: str) -> bool:
    """Whether `key` is short enough to be compared by edit distance (see FUZZY_CHARS)."""
    return len(key) <= FUZZY_CHARS


def similarity(left: str, right: str) -> float:
    """0..1 similarity of two normalised texts (symmetric, deterministic)."""
    if left == right:
        return 1.0
    if not (fuzzy(left) and fuzzy(right)):
        return 0.0
    return float(fuzz.token_sort_ratio(left, right)) / 100.0


def split(text: str) -> list[Item]:
    """The items of a section's own text, in order; blank lines between them are dropped."""
    lines = text.splitlines(keepends=True)
    fenced = fence_mask(lines)
    items: list[Item] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        if fenced[index]:
            end = index + 1
            while end < len(lines) and fenced[end]:
                end += 1
            items.append(_made("code", _ends(lines[index:end])))
            index = end
            continue
        tag = _BLOCK_TAG.match(stripped) if stripped[0] == "<" and not line[0].isspace() else None
        closing = _tag_end(lines, index, tag.group(1)) if tag else None
        if closing is not None:
            items.append(_made("block", _ends(lines[index : closing + 1])))
            index = closing + 1
            continue
        kind: ItemKind
        # a pattern is tried only on a line that begins as it must (\d: a digit of any
        # script, each of which isdigit() knows)
        if line[0] in "-*+" and _BULLET.match(line):
            kind = "bullet"
        elif line[0].isdigit() and _ORDERED.match(line):
            kind = "ordered"
        else:
            kind = "paragraph"
        end = index + 1
        while end < len(lines) and _continues(kind, lines, end, fenced):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1
        items.append(_made(kind, _ends(lines[index:end])))
        index = end
    return items


@lru_cache(maxsize=65536)
def _made(kind: ItemKind, text: str) -> Item:
    # one Item per distinct text: variants of an agent repeat most items word for word,
    # and an item's derived keys are worth working out once
    return Item(kind, text)


def _continues(kind: ItemKind, lines: list[str], index: int, fenced: list[bool]) -> bool:
    line = lines[index]
    if kind == "paragraph":
        return bool(line.strip()) and not (
            (line[0] in "-*+" and _BULLET.match(line))
            or (line[0].isdigit() and _ORDERED.match(line))
            or fenced[index]
        )
    # A list item goes on with indented lines (nested lists, wrapped text, code), also
    # across blank lines when the next line with text is indented (CommonMark).
    if line.strip():
        return line[0] in " \t"
    following = next((n for n in lines[index + 1 :] if n.strip()), "")
    return following[:1] in (" ", "\t")


def _tag_end(lines: list[str], start: int, name: str) -> int | None:
    closing = f"</{name}>"
    for index in range(start, len(lines)):
        if lines[index].strip().endswith(closing):
            return index
    return None


def _ends(lines: list[str]) -> str:
    text = "".join(lines)
    return text if text.endswith("\n") else text + "\n"


def _written_number(item: Item) -> int:
    digits = item.text.lstrip()[:9]  # CommonMark: at most nine digits
    count = len(digits) - len(digits.lstrip("0123456789"))
    return int(digits[:count]) if count else 1


def render(items: list[Item]) -> str:
    """Items as Markdown: list runs together, paragraphs and blocks apart, lists renumbered."""
    out: list[str] = []
    previous: ItemKind | None = None
    number = 0
    for item in items:
        is_list = item.kind in ("bullet", "ordered")
        if out and not (is_list and previous == item.kind):
            out.append("\n")
        if item.kind == "ordered":
            # a list starts at its first item's number, as written (`2. Structuring
            # content` after prose stays step 2), then counts on
            number = number + 1 if previous == "ordered" else _written_number(item)
            out.append(f"{number}. {item.body}")
        elif item.kind == "bullet":
            out.append(f"- {item.body}")
        else:
            out.append(item.text)
        previous = item.kind
    return "".join(out)
