"""The fast reading of simple headers agrees with the full YAML loader wherever it answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from converter.errors import ConverterError
from converter.frontmatter import yaml12, yaml_flat
from converter.options import Limits

from .conftest import SHARED, declining, read_whole

# characters and pieces that matter to YAML scalars: indicators, quotes, comments, colons,
# typed words, line breaks libyaml knows (NEL, U+2028), controls, the byte-order mark
_TRICKY = st.sampled_from(
    [
        ":", ": ", " #", "#", "'", "''", '"', "\\", "-", "- ", "?", "[", "]", "{", "}", ",", "&",
        "*", "!", "|", ">", "%", "@", "`", "~", "\t", "\r", "\x85", "\u2028", "\ufeff", "\x7f",
        "\x01", "é", " ", "  ", "yes", "No", "on", "true", "False", "null", "NULL", "1", "0x1F",
        "1.5", ".5", "1e3", "+1", "0o7", "---", "...",
    ]
)  # fmt: skip
_WORDS = st.from_regex(r"[A-Za-z0-9 ,.()/<>=_-]{1,8}", fullmatch=True)
_TEXT = st.lists(st.one_of(_WORDS, _WORDS, _WORDS, _TRICKY, st.text(max_size=3)), max_size=6).map(
    "".join
)
_KEY = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True),
    st.sampled_from(["true", "Null", "yes", "on", "n", "name", "name"]),
)
_ITEM = st.one_of(
    _WORDS.map(str.strip).filter(bool),
    _WORDS.map(lambda t: f"'{t}'"),
    _NEAR := st.tuples(_WORDS, _TRICKY).map("".join),
    _NEAR.map(lambda t: f'"{t}"'),
    st.sampled_from(["github/*", "yes", "1", "*x", "a b", "x:y", "[]", "{a}", "'it''s'"]),
)
_FLOW = st.tuples(
    st.lists(_ITEM, max_size=4), st.sampled_from([",", ", ", " , ", ",  "]), st.booleans()
).map(lambda f: ("[ " if f[2] else "[") + f[1].join(f[0]) + ("," if f[2] and f[0] else "") + "]")
_VALUE = st.one_of(
    _FLOW,
    _WORDS.map(str.strip).filter(bool),
    _WORDS.map(lambda t: f'"{t}"'),
    _TEXT,
    _TEXT.map(lambda t: f'"{t}"'),
    _TEXT.map(lambda t: f"'{t}'"),
    st.sampled_from(["sonnet", "Read, Write", "a:b", "C# and F#", "x:", "it's"]),
)
_KEY_LINE = st.tuples(_KEY, st.sampled_from([": ", ": ", ":  ", ":", " : "]), _VALUE).map("".join)
_BLOCK = st.tuples(
    _KEY, st.sampled_from(["", "  ", "    "]), st.lists(_VALUE, min_size=0, max_size=3)
).map(lambda b: "\n".join([f"{b[0]}:", *(f"{b[1]}- {value}" for value in b[2])]))
_QUOTED_KEY = st.one_of(
    _WORDS.map(lambda t: f"'{t}'"),
    _NEAR.map(lambda t: f'"{t}"'),
    st.sampled_from(["'*'", '"rm -rf *"', "'it''s'", "'a: b'", "'yes'", '"x\\y"', "'a'b'"]),
    st.sampled_from(["a:b", "a::", "a:b:c", "x_*", "s.t/u@v+w", "*x", "a:#", "a#b", "a:/"]),
)
_ENTRY = st.tuples(
    st.one_of(_KEY, _QUOTED_KEY), st.sampled_from([": ", ": ", ":  ", ":", " : "]), _VALUE
)
_MAP = st.tuples(
    _KEY, st.sampled_from(["  ", "  ", "    ", " "]), st.lists(_ENTRY, max_size=3), st.booleans()
).map(
    lambda m: "\n".join(
        [f"{m[0]}:", *(f"{m[1] + ' ' * (m[3] and i == 1)}{''.join(e)}" for i, e in enumerate(m[2]))]
    )
)
_LINE = st.one_of(
    _KEY_LINE,
    _KEY_LINE,
    _BLOCK,
    _MAP,
    st.sampled_from(["", "  - item", "# note", "  more", "---", "- x", "  -  true"]),
)


def _full(text: str, limits: Limits) -> Any:
    try:
        data, notes = yaml12.load_mapping_fully(text, path="x.md", first_line=2, limits=limits)
    except ConverterError as error:
        return type(error).__name__
    return data, notes.key_lines, notes.duplicate_keys, notes.yaml11_words, notes.numbers_kept


def _agrees(text: str, limits: Limits = Limits()) -> bool:
    flat = yaml_flat.read(text, 2, limits.max_nodes, limits.max_depth)
    if flat is None:
        return False
    values, notes = flat
    expected = (values, notes.key_lines, notes.duplicate_keys, notes.yaml11_words, [])
    assert _full(text, limits) == expected, repr(text)
    assert not (notes.comment_values or notes.numbers_kept or notes.coerced)
    assert list(values) == list(_full(text, limits)[0])  # the same key order
    return True


@given(st.lists(_LINE, max_size=5))
@example(["name: a", "name: b"])
@example(["a: 'it''s'", 'b: "x: y"', "c: yes", "d: 'yes'"])
@example(["a: x #y"])
@example(["a: [yes, 'on']", "b: no"])  # lists are constructed after the mapping
@example(["a:", "  - yes", "  - 'x'", "b: off", "c: [on]", "d: true", "e: ~", "f:"])
@example(["a:", "  - x", "   - y"])  # another indent: the full loader says what it is
@example(["a: 8", "b: 0.2", "c: 010", "d: 1.50", "e: -0", "f: 1e3", "g: +1", "h: 1.", "i: .5"])
@example(["# a comment", "name: a", "#", "tools:", "# between", "  - x", "b: c # d"])
@example(["a: " + "9" * 19, "b: 0.1000000000000000055511151231257827"])  # long numbers
@example(["permission:", "  edit: deny", "  bash: ask", "  edit: allow", "a: b", "a: c"])
@example(["p:", "  a: 1", "  a: 2", "q:", "  b: on", "  b: 'x'", "r: [yes]", "s: no"])
@example(["permission:", "  '*': deny", '  "rm -rf *": ask', "  'it''s': x", "  '*': allow"])
@example(["p:", "  a: x", "   b: y"])  # another indent
@example(["p:", "  a:", "    b: c"])  # deeper
@example(["p:", "  yes: x", "q:", "  null: y", "r:", "  a: [x]", "s:", "  - x", "  b: c"])
def test_flat_reading_is_the_full_readings_answer(lines: list[str]) -> None:
    _agrees("\n".join(lines))


@given(
    st.lists(_LINE, max_size=4),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=20),
)
@example(["tools:", "  - a"], 2, 100)
@example(["permission:", "  edit: deny"], 2, 100)
@example(["tools: []", "p:", "  a: b", "  c: d"], 3, 7)
@example(["A:\n  name: 0\n  name: 0"], 3, 5)  # a nested key twice: 6 nodes (the fuzz run)
def test_limits_are_the_full_readings_limits(lines: list[str], depth: int, nodes: int) -> None:
    """Depth and node limits: where the full loader refuses, the fast path declines."""
    _agrees("\n".join(lines), Limits(max_nodes=nodes, max_depth=depth))


_NEAR_SIMPLE = st.tuples(_WORDS, _TRICKY, _WORDS).map("".join)


@given(
    st.lists(
        st.tuples(
            _KEY,
            st.one_of(_NEAR_SIMPLE, _NEAR_SIMPLE.map(lambda t: f'"{t}"')).map(str.strip),
            st.sampled_from([": ", ":\n  - ", ":\n- ", ": [", ":\n  - a\n  - "]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_near_simple_lines_read_the_same(entries: list[tuple[str, str, str]]) -> None:
    """Simple lines (values, list items) with one tricky piece each: the fast path's edges."""
    _agrees(
        "\n".join(f"{key}{how}{value}{']' if how == ': [' else ''}" for key, value, how in entries)
    )


def test_simple_headers_take_the_fast_path() -> None:
    """The property above would pass if nothing took the fast path: these must."""
    for text in (
        "name: a\ndescription: Use it when: never mind\n",
        'name: a\ndescription: "Text with: colons and # signs"\ntools: Read, Grep\n',
        "name: a\ndescription: 'it''s'\nmodel: sonnet\ncolor: blue\n",
        "name: a\nname: b\nflag: yes\n",
        "tools: ['read', \"edit\", search, github/*, on]\nname: a\nmode: no\nmore: [y]\n",
        "name: a\ntools:\n  - Read\n  - 'Grep'\nhidden: false\nmodel: null\nskills:\n",
        "name: a\nmaxTurns: 8\ntemperature: 0.2\nsteps: 0\ntop_p: 1.0\nweight: 12.5\n",
        "# Tags\nname: a\n#\n# model: opus\ntools: [Read]\n",
        "name: a\npermission:\n  edit: deny\n  webfetch: ask\ntools:\n  read: true\n  bash: false\n",
    ):
        if ": never" in text:
            assert yaml_flat.read(text, 2, 100, 10) is None  # ': ' in a plain scalar
        else:
            assert _agrees(text), text


def test_limits_still_apply() -> None:
    text = "".join(f"k{n}: v\n" for n in range(60))
    assert yaml_flat.read(text, 2, 100, 10) is None  # 121 nodes: the full loader refuses
    assert _full(text, Limits(max_nodes=100)) == "LimitError"
    assert _agrees(text, Limits(max_nodes=121))
    listed = "tools: [" + ", ".join(["Read"] * 200) + "]\n"
    assert yaml_flat.read(listed, 2, 100, 10) is None  # declined before reading the items
    assert _full(listed, Limits(max_nodes=100)) == "LimitError"


@pytest.mark.corpus
def test_corpus_headers_read_the_same_both_ways() -> None:
    from converter.frontmatter import split

    fast = 0
    paths = sorted((SHARED / "corpus").rglob("*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = split.split(text, path=str(path), claude=True)
        if parts is not None:
            fast += _agrees(parts.yaml_text)
    assert fast > len(paths) // 2  # most real headers are simple


_READERS = {
    "markdown": "a.md",
    "claude": ".claude/agents/a.md",
    "opencode": ".opencode/agents/a.md",
    "gemini": ".gemini/agents/a.md",
    "copilot": ".github/agents/a.agent.md",
}


@given(st.lists(_LINE, max_size=6), st.sampled_from(sorted(_READERS)))
@example(
    [
        "name: a",
        "permission:",
        "  edit: deny",
        "  '*': ask",
        "  'it''s': x",
        "# note",
        "tools: [Read]",
    ],
    "opencode",
)
@example(["name: a", "description: b", "tools:", "  read: true", "  yes: on"], "claude")
def test_an_agent_read_the_fast_way_is_the_agent_libyaml_gives(lines: list[str], fmt: str) -> None:
    """End to end, through each tool's reading: the same agent, header and diagnostics
    whether the header took the fast path or libyaml (the fast path switched off)."""
    text = "---\n" + "\n".join(lines) + "\n---\nBody.\n"
    fast = read_whole(text, fmt, _READERS[fmt])
    with declining(yaml_flat, "read"):
        assert read_whole(text, fmt, _READERS[fmt]) == fast
