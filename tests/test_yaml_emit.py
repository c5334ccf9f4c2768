"""The fast writing of simple headers gives libyaml's text wherever it answers."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from converter.frontmatter import yaml12, yaml_emit

from .conftest import SHARED

# what decides a scalar's style: indicators first and inside, colons and '#' with and
# without a space, quotes, words of other types, numbers, line breaks libyaml knows,
# controls, the byte-order mark, spaces at the ends, letters beyond ASCII, "---"
_TRICKY = st.sampled_from(
    [
        ":", ": ", ":x", " #", "#", "'", "''", '"', "\\", "-", "- ", "?", "[", "]", "{", "}",
        ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", "\t", "\r", "\n", "\x85", "\u2028",
        "\ufeff", "\x7f", "\x01", "é", "Ω", "\xa0", " ", "  ", "yes", "No", "on", "OFF", "y",
        "true", "False", "null", "NULL", "1", "0x1F", "1.5", ".5", "1e3", "+1", "0o7", "1:20",
        "2024-01-01", "<<", "=", "---", "...", "😀",
    ]
)  # fmt: skip
_WORDS = st.from_regex(r"[A-Za-z0-9 ,.()/<>=_-]{1,8}", fullmatch=True)
_TEXT = st.lists(st.one_of(_WORDS, _WORDS, _TRICKY, st.text(max_size=3)), max_size=6).map("".join)
_SCALAR = st.one_of(
    _TEXT,
    _WORDS,
    st.booleans(),
    st.none(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.sampled_from(["sonnet", "Read, Write", "a:b", "C# and F#", "x:", "it's", "é", ""]),
)
_VALUE = st.one_of(_SCALAR, st.lists(_SCALAR, max_size=3), st.dictionaries(_WORDS, _SCALAR))
_KEY = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True),
    st.sampled_from(["true", "Null", "yes", "on", "n", "name", "x y", "a:b", "-", "1", ""]),
)


def _same(data: dict[str, Any]) -> bool:
    """True when the fast writer answered (it must then give libyaml's text)."""
    fast = yaml_emit.dump_flat(data)
    if fast is None:
        return False
    assert fast == yaml12.dump_mapping(data), repr(data)
    return True


@given(st.dictionaries(_KEY, _VALUE, max_size=5))
@example({"a": "x: y", "b": "it's: here", "c": "x #y", "d": "x#y", "e": "end:"})
@example({"a": ["Read", "Grep"], "b": True, "c": None, "d": 3})
@example({"a": "yes", "b": "y", "c": "No", "d": "null", "e": "Off"})
@example({"a": "é:", "b": "Ω #", "c": "a\xa0", "d": "a\x85b"})
@example({"a": "an emoji 🔴 here", "b": "x\U00010000"})
def test_fast_writing_is_libyamls_text(data: dict[str, Any]) -> None:
    _same(data)


def test_simple_headers_take_the_fast_path() -> None:
    """The property above would pass if nothing took the fast path: these must."""
    for data in (
        {"name": "a", "description": "Use it when: needed", "model": "sonnet"},
        {"name": "a", "tools": ["Read", "Grep"], "hidden": False, "temperature": 1},
        {"name": "a", "description": "C# isn't F#, it's #1 'quoted'"},
        {"description": "Émile's agent — with unicode ✓"},
    ):
        assert _same(data), data
    assert yaml_emit.dump_flat({"a": "line\nbreak"}) is None
    assert yaml_emit.dump_flat({"a": {"nested": "map"}}) is None


@pytest.mark.corpus
def test_corpus_headers_write_as_libyaml_writes_them() -> None:
    """Every corpus agent written to every Markdown-header target: the fast writer gives
    libyaml's text wherever it answers, and it answers for most."""
    from converter.api import loads
    from converter.diagnostics import Diagnostics
    from converter.errors import ConverterError
    from converter.frontmatter.target import FrontmatterTarget
    from converter.registry import default_registry

    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is absent")
    registry = default_registry()
    writers = [f for f in registry if isinstance(f, FrontmatterTarget)]
    answered = total = 0
    for path in sorted(corpus.rglob("*.md")):
        try:
            agent = loads(path.read_text(encoding="utf-8"), path=str(path))
        except ConverterError:  # unreadable sources are other tests' business
            continue
        for writer in writers:
            total += 1
            answered += _same(writer.header(agent, Diagnostics()))
    assert total and answered * 2 > total, (answered, total)


_ESCAPE_LIKE = st.text(
    st.sampled_from(["\\", "U", "0", "1", "F", "6", "😀", "𐀀", '"', "\n", "\x85", " ", "a", "é"]),
    max_size=40,
)


@given(st.dictionaries(st.sampled_from(["name", "description", "x"]), _ESCAPE_LIKE, min_size=1))
@example({"x": "\\U0001F600 😀"})  # a backslash, then text that looks like an escape
@example({"x": "\\\\U0001F600 😀", "name": "😀"})
@example({"x": "\\U0001F600\n😀\n"})  # in a literal block
def test_emoji_written_as_themselves_read_back_exactly(data: dict[str, str]) -> None:
    """libyaml's `\\U0001F600` escapes become the characters; text that merely looks like one
    (a backslash run, then "U0001F600") stays text."""
    text = yaml12.dump_mapping(data)
    again, _ = yaml12.load_mapping(text, path="<t>", first_line=1)
    assert again == data
    assert yaml.load(text, Loader=yaml.SafeLoader) == data  # a plain YAML 1.1 reader too
