"""Keys that are not text: a list or a mapping (`? [a, b]`), a number, `true`, `null`. The
tools' parsers are JavaScript's, whose objects have text keys only: each key is the text
`String(key)` makes of it (Claude Code 2.1.332 reads `? [a, b]` as "a,b", seen with its
loader). PyYAML refused a list key, and made `1` and `true` one key."""

from __future__ import annotations

import pytest

from converter.errors import LimitError
from converter.frontmatter import yaml12


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("? [b, c]\n: d\n", "b,c"),  # Claude Code 2.1.332 reads "b,c" (its debug log)
        ("? {b: c}\n: d\n", "[object Object]"),
        ("[b, [1.0, null, true]]: d\n", "b,1,,true"),
        ("&k [b] : d\nx: *k\n", "b"),
    ],
)
def test_a_key_that_is_a_list_or_a_mapping_is_the_text_javascript_makes_of_it(
    header: str, key: str
) -> None:
    # Bun.YAML (Claude Code) and js-yaml (Gemini CLI, OpenCode) load it, as String(key):
    # PyYAML alone refused the whole header ("found unhashable key")
    data, _ = yaml12.load_mapping("name: a\n" + header, path="x.md", first_line=2)
    assert data is not None and data["name"] == "a" and data[key] == "d"


def test_a_key_that_aliases_expand_past_its_limit_is_refused_with_its_line() -> None:
    # within the count of values (100,000), but each a long text: 1,000 x 2,000 characters
    header = f"name: a\nlong: &t {'x' * 2000}\n? [{', '.join(['*t'] * 1000)}]\n: d\n"
    with pytest.raises(LimitError) as caught:
        yaml12.load_mapping(header, path="x.md", first_line=2)
    assert "expands past 65,536 characters" in caught.value.message
    assert caught.value.span.line == 4


def test_keys_that_are_lists_are_noted_as_other_keys_are_a_line_each_and_a_key_twice() -> None:
    header = "? [a, b]\n: c\n? {x: y}\n: d\n? [e]\n: f\ne: g\n"
    data, notes = yaml12.load_mapping(header, path="x.md", first_line=2)
    assert data == {"a,b": "c", "[object Object]": "d", "e": "g"}
    assert notes.duplicate_keys == [("e", 8)]
    assert notes.key_lines["a,b"] == 2 and notes.key_lines["e"] == 8


def test_a_number_and_true_are_two_keys_as_to_javascript_and_each_said_with_its_line() -> None:
    # to Python `1 == True`: the second took the first's place, and its value
    header = "name: a\n1: x\ntrue: y\nnull: z\n1.5: w\n"
    data, notes = yaml12.load_mapping(header, path="x.md", first_line=2)
    assert data == {"name": "a", "1": "x", "true": "y", "null": "z", "1.5": "w"}
    assert [line for _, line in notes.coerced] == [3, 4, 5, 6]


def test_a_number_key_is_the_text_of_the_number_the_tools_read() -> None:
    # Claude Code and Copilot CLI name `1.50: x` the key "1.5" (seen with their loaders)
    header = "1.50: a\n0x10: b\n0o17: c\n-.inf: d\n1e3: e\n"
    data, _ = yaml12.load_mapping(header, path="x.md", first_line=2)
    assert list(data or {}) == ["1.5", "16", "15", "-Infinity", "1000"]
