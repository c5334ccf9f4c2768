"""Headers built of YAML's odd pieces (tags, merge keys, anchors, indented keys, line breaks of
Unicode, fences of every kind), read by every Markdown reader and fixed for every tool: each is
read, or refused with its place, and `fix` writes a header each tool reads as meant or says why
it leaves one; never an internal error ("please report this") nor a traceback. Each example
below was one, found by random headers of these pieces (`make fuzz` draws thousands)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from converter import api
from converter.errors import ConverterError, InternalError, ParseError
from converter.frontmatter import fix, loaders, yaml12

READERS = ("claude", "copilot", "gemini", "opencode", "markdown", "cursor", "kiro-markdown")
_KEYS = ["name", "description", "tools", "model", "maxTurns", "mcpServers", "<<", "'<<'", "1"]
_VALUES = [
    "Reviews code", "''", "[Read, Grep]", "{a: 1}", "{a, b}", "&x a", "*x", "!!str x",
    "!!int 1", "!!set {a}", "!!binary aGk=", "!!timestamp 2024-01-01", "!!float .inf", ".inf",
    "17", "true", "|-\n  t\n  u", ">\n  f", "\n  - Read\n  - Grep", "\n  a: 1\n  b: [x]",
    "\u2028", "\x85a", "---", "[[[", "a #c", ",x", "!x y",
]  # fmt: skip


def _header(lines: list[tuple[str, str, str]], fence: str, close: str, newline: str) -> str:
    body = newline.join(f"{indent}{key}: {value}" for indent, key, value in lines)
    return f"{fence}{newline}{body}{newline}{close}{newline}Body.{newline}"


def _read_or_refuse(text: str) -> None:
    for reader in READERS:
        try:
            api.convert(text, "json", from_format=reader)
        except InternalError:  # "please report this"
            raise
        except ConverterError:
            pass
    try:
        fix.fix_text(text, list(loaders.YAML_LOADERS), path="x.md")
    except InternalError:
        raise
    except ConverterError:
        pass


@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["", "", " ", "  "]), st.sampled_from(_KEYS), st.sampled_from(_VALUES)
        ),
        min_size=1,
        max_size=4,
    ),
    fence=st.sampled_from(["---", "--- ", "---yaml"]),
    close=st.sampled_from(["---", "...", "--- x"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@example([("  ", "description", "\n  - Read\n  - Grep")], "---", "---", "\n")  # an assert
@example([("  ", "description", "!!binary aGk=")], "--- ", "--- x", "\n")  # an assert
@example([("", "name", "17")], "---", "---", "\n")  # fix: "would still be misread"
@example([("", "name", "{a: 1}")], "---", "---", "\n")  # fix: "would still be misread"
@example([("", "<<", "''")], "---", "---", "\n")  # fix: js-yaml merges no text
@example([("", "'<<'", "''"), ("", "model", ".inf")], "---", "---", "\n")  # `!!float inf`
@example([("  ", "description", "\u2028")], "---", "---", "\n")  # keys indented alike
@example([(" ", "maxTurns", "\x85a")], "---", "---", "\n")  # libyaml breaks a line at NEL
@example([(" ", "model", ">\n  f")], "---", "--- x", "\n")  # Copilot CLI cut its end
@example([("  ", "name", "!!set {a}")], "---yaml", "...", "\n")  # a tag in an indented header
def test_odd_headers_are_read_or_refused_and_fixed_cleanly(
    lines: list[tuple[str, str, str]], fence: str, close: str, newline: str
) -> None:
    _read_or_refuse(_header(lines, fence, close, newline))


def test_a_header_whose_prose_is_no_text_and_no_intent_is_refused_with_its_line() -> None:
    text = "---\n  description:\n  - Read\n  - Grep\n---\nBody.\n"
    with pytest.raises(ParseError, match="'description' is not text") as caught:
        api.convert(text, "json", from_format="claude")
    assert caught.value.span is not None and caught.value.span.line == 2


def test_a_name_written_as_a_number_is_fixed_as_its_text() -> None:
    fixed = fix.fix_text("---\nname: 17\ndescription: d\n---\nB\n", ["claude", "gemini"])
    assert fixed.text == "---\nname: '17'\ndescription: d\n---\nB\n"


def test_a_name_written_as_a_list_is_left_with_why() -> None:
    fixed = fix.fix_text("---\nname: [a, b]\ndescription: d\n---\nB\n", ["claude", "gemini"])
    assert fixed.text is None
    assert all("write the text it means" in r.detail for r in fixed.readings)


def test_a_float_that_is_not_finite_is_written_in_yamls_own_spelling() -> None:
    # PyYAML wrote `!!float inf`, which js-yaml refuses (Gemini CLI, OpenCode)
    written = yaml12.dump_mapping({"a": float("inf"), "b": float("-inf"), "c": float("nan")})
    assert written == "a: .inf\nb: -.inf\nc: .nan\n"


def test_a_merge_key_of_text_is_fixed_as_a_quoted_key() -> None:
    # js-yaml refuses `<<: a` (Gemini CLI, OpenCode); a quoted '<<' is a key to every tool
    fixed = fix.fix_text("---\n<<: a\ncolor: red\n---\nB\n", list(loaders.YAML_LOADERS))
    assert fixed.text == "---\n'<<': a\ncolor: red\n---\nB\n"
