"""OpenCode's second reading of a header strict YAML refuses (converter/frontmatter/sanitize.py),
and what OpenCode then does with the agent, as seen with its own loader (OpenCode 1.18.33,
`opencode debug config`; fixtures/conformance/opencode holds the recorded cases)."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import loads
from converter.diagnostics import Code, Diagnostics
from converter.frontmatter import loaders, sanitize
from converter.frontmatter.sanitize import read_again, second_pass
from converter.options import Limits


def test_a_value_holding_a_colon_becomes_a_block_scalar() -> None:
    second = second_pass("description: Use when: always  \nmode: subagent\n")
    assert second.text == "description: |-\n  Use when: always\nmode: subagent\n"
    assert [(r.key, r.line, r.value) for r in second.requoted] == [
        ("description", 1, "Use when: always")
    ]
    assert second.origin == [0, 0, 1] and second.changed


@pytest.mark.parametrize(
    "line",
    [
        "description: 'quoted: already'",
        'description: "quoted: already"',
        "description: no colon here",
        "description: >",
        "description:",
        "  indented: a: b",
        "\tindented: a: b",
        "# comment: a: b",
        "argument-hint: a: b",  # a hyphen: not a key to its pattern
        "2fa: a: b",  # nor a key starting with a digit
    ],
)
def test_other_lines_stay_as_they_are(line: str) -> None:
    second = second_pass(f"{line}\n")
    assert second.text == f"{line}\n" and not second.requoted and not second.changed


def test_it_changes_nothing_after_a_byte_order_mark_or_a_spaced_fence() -> None:
    # its pattern is /^---\r?\n/: a mark or spaces after the dashes, and it leaves the file
    assert not second_pass("a: b: c\n", bom=True).changed
    assert not second_pass("a: b: c\n", opening="---  \n").changed
    assert second_pass("a: b: c\n", opening="---\r\n").changed


def test_crlf_line_ends_change_a_header_of_two_lines() -> None:
    # it joins the lines with LF: the file differs, so gray-matter parses it again
    assert second_pass('a: "b\nc: d\n', crlf=True).changed
    assert not second_pass('a: "b\n', crlf=True).changed
    assert not second_pass('a: "b\nc: d\n').changed


def test_read_again_gives_the_files_lines() -> None:
    second = second_pass("description: Use when: x\ntemperature: 0.50\nmode: subagent\n")
    data, notes = read_again(second, path="a.md", first_line=2, limits=Limits())
    assert data == {"description": "Use when: x", "temperature": "0.50", "mode": "subagent"}
    assert notes is not None
    assert notes.key_lines == {"description": 2, "temperature": 3, "mode": 4}
    assert notes.numbers_kept == [("0.50", 3)]


def test_read_again_refuses_a_repeated_key() -> None:
    second = second_pass("description: Use when: x\nmode: a\nmode: b\n")
    assert read_again(second, path="a.md", first_line=2, limits=Limits()) == (None, None)


_KEY = st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,8}", fullmatch=True)
_TEXT = st.text(string.ascii_letters + string.digits + " .,;()/!?-", min_size=1, max_size=20)


@given(st.dictionaries(_KEY, st.tuples(_TEXT, _TEXT), min_size=1, max_size=5))
def test_every_value_it_rewrites_reads_back_as_written(values: dict[str, tuple[str, str]]) -> None:
    written = {key: f"{a.strip() or 'a'}: {b.strip() or 'b'}" for key, (a, b) in values.items()}
    text = "".join(f"{key}: {value}\n" for key, value in written.items())
    second = second_pass(text)
    data, _ = read_again(second, path="a.md", first_line=2, limits=Limits())
    assert data == written
    assert [r.key for r in second.requoted] == list(written)


_SPACE = sanitize._JS_SPACE
#: the pass's own pattern, /^([a-zA-Z_][a-zA-Z0-9_]*)\s*:\s*(.*)$/, as a Python regex (slow:
#: it backtracks in the square of a line's spaces, which the module avoids)
_PATTERN = re.compile(rf"([a-zA-Z_][a-zA-Z0-9_]*)[{_SPACE}]*:[{_SPACE}]*([^\n\r\u2028\u2029]*)")


def _as_its_pattern(line: str) -> tuple[str, str] | None:
    trimmed = line.strip(_SPACE)
    if not trimmed or trimmed.startswith("#") or line[0] in _SPACE:
        return None
    found = _PATTERN.fullmatch(line)
    if found is None:
        return None
    value = found.group(2).strip(_SPACE)
    if value in ("", ">", "|") or value[0] in "\"'" or ":" not in value:
        return None
    return found.group(1), value


@given(st.text(alphabet="ab_9: \t\r\u2028\u00a0\ufeff#'\">|-", max_size=30))
def test_a_line_is_read_as_its_javascript_pattern_reads_it(line: str) -> None:
    assert sanitize._block_value(line) == _as_its_pattern(line)


def _read(text: str, *, crlf: bool = False) -> tuple[object, list[tuple[Code, str]]]:
    notes = Diagnostics("a.md")
    data = text.encode() if not crlf else text.replace("\n", "\r\n").encode()
    agent = loads(data, format="opencode", path="a.md", diagnostics=notes)
    return agent, [(d.code, d.message) for d in notes]


def test_opencode_reads_a_value_holding_a_colon_as_written() -> None:
    agent, said = _read("---\ndescription: Use when: a review is due\nmode: subagent\n---\nBody\n")
    assert agent.description == "Use when: a review is due"  # type: ignore[attr-defined]
    assert [code for code, _ in said] == [Code.FRONTMATTER_REPAIRED]
    assert "as OpenCode does" in said[0][1]


def test_opencode_reads_what_its_pass_makes_of_a_continued_value() -> None:
    # the next line, indented, joins the block scalar: a line break where YAML folds
    agent, said = _read("---\ndescription: Use when: a review\n  is due\n---\nBody\n")
    assert agent.description == "Use when: a review\nis due"  # type: ignore[attr-defined]
    assert [code for code, _ in said] == [Code.TOOL_MISREADS]


@pytest.mark.parametrize(
    ("text", "crlf", "consequence"),
    [
        # the pass changes nothing: gray-matter's cache gives back the failed reading
        ('---\ndescription: "unclosed\nmode: subagent\n---\nBody\n', False, "whole file"),
        ("---\ndescription: a\nmode: subagent\nmode: subagent\n---\nBody\n", False, "whole file"),
        ("---\nargument-hint: a: b\ndescription: a\n---\nBody\n", False, "whole file"),
        # it changes the file, and the YAML still fails: the agent is left out
        ('---\ndescription: "unclosed\nmode: subagent\n---\nBody\n', True, "not load"),
        ("---\ndescription: a: b\nmode: subagent\nmode: subagent\n---\nBody\n", False, "not load"),
        ("---\ndescription: see http://x\nmode: a\nmode: a\n---\nBody\n", False, "not load"),
    ],
)
def test_what_opencode_does_with_a_header_it_cannot_read(
    text: str, crlf: bool, consequence: str
) -> None:
    _, said = _read(text, crlf=crlf)
    cannot = [message for code, message in said if code is Code.TOOL_CANNOT_READ]
    assert len(cannot) == 1 and consequence in cannot[0], said


def test_validate_for_opencode_reads_as_its_loader_does() -> None:
    opencode = loaders.LOADERS["opencode"]
    text = "---\ndescription: Use when: x\n---\nBody\n"
    meant = loaders.meant(text, path="a.md")
    assert meant is not None
    reading = loaders.read_as(opencode, text, meant.data, path="a.md")
    assert reading.verdict is loaders.Verdict.AS_MEANT and reading.detail == "after its second pass"
    broken = '---\ndescription: "x\nmode: a\n---\nBody\n'
    wanted = {"description": '"x', "mode": "a"}
    assert "whole file" in loaders.read_as(opencode, broken, wanted, path="a.md").detail
    lost = loaders.read_as(opencode, broken, wanted, path="a.md", crlf=True)
    assert lost.verdict is loaders.Verdict.FAILS and "not loaded" in lost.detail
