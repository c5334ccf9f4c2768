"""The frontmatter layer: Claude Code's repair pass, YAML 1.2 reading, strict writing, limits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from converter import Diagnostics, LimitError, ParseError, loads
from converter.frontmatter.repair import claude_second_pass
from converter.frontmatter.split import split
from converter.frontmatter.yaml12 import dump_mapping, format_float, load_mapping


def test_claude_second_pass_quotes_only_values_that_need_it() -> None:
    text = "name: a\ndescription: Use when: always\ntools: [Read]\nmodel: 'x: y'"
    second, requoted, untabbed = claude_second_pass(text)
    assert [(r.key, r.line, r.value) for r in requoted] == [("description", 2, "Use when: always")]
    assert yaml.safe_load(second)["description"] == "Use when: always"
    assert not untabbed


def test_claude_second_pass_escapes_and_keeps_lines_in_place() -> None:
    text = 'description: He said "hi" \\n then: left # not a comment\nname: b'
    second, requoted, _ = claude_second_pass(text)
    assert requoted[0].value == 'He said "hi" \\n then: left # not a comment'
    assert yaml.safe_load(second)["description"] == requoted[0].value
    assert len(second.split("\n")) == 2


def test_claude_second_pass_leaves_other_lines_as_they_are() -> None:
    # keys with digits are not key lines to Claude Code; continuation lines stay as written
    text = "k2: a: b\ndescription: first: part\n  second part\n\tteam: x"
    second, requoted, untabbed = claude_second_pass(text)
    assert [r.key for r in requoted] == ["description"]
    assert second.split("\n")[0] == "k2: a: b"
    assert second.split("\n")[2] == "  second part"
    assert second.split("\n")[3] == "  team: x" and untabbed


def test_claude_second_pass_quotes_block_indicators_and_comments_too() -> None:
    # Claude Code 2.1.x quotes any value holding | or # (it runs only after strict YAML
    # failed): a block scalar elsewhere in a broken header is broken by the second pass
    text = "description: |\n  a: b\nhooks: # none yet\n"
    second, requoted, _ = claude_second_pass(text)
    assert second == 'description: "|"\n  a: b\nhooks: "# none yet"\n'
    assert [r.key for r in requoted] == ["description", "hooks"]


def test_claude_second_pass_requotes_nothing_in_a_file_of_crlf_lines() -> None:
    # Claude Code 2.1.332 splits the header at LF: each line keeps its CR, which its
    # pattern does not take, so nothing is re-quoted (its leading tabs still become spaces)
    text = "name: a\ndescription: `x` y\n\tmodel: sonnet\n"
    assert claude_second_pass(text)[1]
    second, requoted, untabbed = claude_second_pass(text, crlf=True)
    assert (second, requoted, untabbed) == (
        "name: a\ndescription: `x` y\n  model: sonnet\n",
        [],
        True,
    )


def test_a_crlf_file_claude_code_cannot_repair_is_said(tmp_path: Path) -> None:
    header = "---\nname: a\ndescription: `x` y\n---\nBody.\n"
    said = {}
    for newline in ("\n", "\r\n"):
        path = tmp_path / f"a{len(newline)}.md"
        path.write_bytes(header.replace("\n", newline).encode())
        diags = Diagnostics()
        agent = loads(
            path.read_bytes().decode(), path=str(path), format="claude", diagnostics=diags
        )
        assert agent.description == "`x` y"
        said[newline] = {d.code.value for d in diags}
    assert "tool-cannot-read" in said["\r\n"]
    assert "tool-cannot-read" not in said["\n"]


def test_split_closes_only_on_a_fence_line() -> None:
    parts = split("---\nname: a --- b\n---\nbody\n---\n", path="x")
    assert parts is not None
    assert parts.yaml_text == "name: a --- b\n"
    assert parts.body == "body\n---\n"


def test_split_without_frontmatter_is_none() -> None:
    assert split("# Title\n", path="x") is None


def test_unterminated_frontmatter_is_a_located_error() -> None:
    with pytest.raises(ParseError) as caught:
        split("---\nname: a\n", path="x.md")
    assert str(caught.value.span) == "x.md:1:1"


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", "yes"), ("off", "off"), ("1.10", "1.10"), ("2025-01-01", "2025-01-01"),
     ("007", "007"), ("0.5", 0.5), ("12", 12), ("true", True), ("~", None), ("1e+20", 1e20)],
)  # fmt: skip
def test_yaml_12_values_keep_their_text(text: str, value: object) -> None:
    data, _ = load_mapping(f"v: {text}\n", path="x", first_line=2)
    assert data == {"v": value}


@pytest.mark.parametrize(
    "value", ["yes", "No", "1.10", "2025-01-01", "0o17", "~", "#x", "a: b", "", "1_000"]
)
def test_written_text_reads_back_as_text_in_yaml_11_and_12(value: str) -> None:
    text = dump_mapping({"v": value})
    assert yaml.safe_load(text) == {"v": value}
    assert load_mapping(text, path="x", first_line=1)[0] == {"v": value}


@pytest.mark.parametrize("number", [1e20, -0.0, 0.1, 1.5e-7, 3.0])
def test_floats_are_written_so_both_yaml_families_read_a_float(number: float) -> None:
    text = dump_mapping({"v": number})
    assert yaml.safe_load(text) == {"v": number}
    assert load_mapping(text, path="x", first_line=1)[0] == {"v": number}
    assert format_float(number) in text


def test_multiline_text_is_a_literal_block() -> None:
    assert dump_mapping({"d": "one\ntwo\n"}) == "d: |\n  one\n  two\n"


def test_alias_bomb_is_refused() -> None:
    text = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        text += f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
    with pytest.raises(LimitError, match="alias bomb"):
        load_mapping(text, path="x", first_line=2)


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(LimitError):
        load_mapping("a: &a [*a]\n", path="x", first_line=2)


def test_deep_block_nesting_is_refused() -> None:
    text = (
        "a:\n"
        + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 100))
        + "  " * 100
        + "v: 1\n"
    )
    with pytest.raises(LimitError, match="nested deeper"):
        load_mapping(text, path="x", first_line=2)


def test_duplicate_keys_are_noted() -> None:
    data, notes = load_mapping("a: 1\na: 2\n", path="x", first_line=2)
    assert data == {"a": 2}
    assert notes.duplicate_keys == [("a", 3)]
