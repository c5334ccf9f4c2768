"""Tabs before a header line's content, read as each tool's YAML parser reads them
(converter/frontmatter/tabs.py): every verdict below was seen with the tool's own loader
(Claude Code 2.1.332, Gemini CLI 0.61.0, GitHub Copilot CLI 1.0.102, OpenCode 1.18.33);
fixtures/conformance holds the recorded cases."""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import ParseError, loads
from converter.diagnostics import Code, Diagnostics
from converter.frontmatter import fix, intent, loaders, tabs
from converter.frontmatter.loaders import Verdict
from converter.options import Limits

TOOLS = ("claude", "gemini", "copilot", "opencode")
L, F = "loads", "fails"

#: header lines (after `name: x`), and each tool's verdict: Claude, Gemini, Copilot, OpenCode
SEEN = [
    ("a key after a text, a tab before it", 'description: d\n\tcolor: "#ff0000"', (F, F, F, L)),
    ("a key after a value, a tab before it", "mode: subagent\n\tdescription: dd", (F, F, F, L)),
    ("two keys, each after a tab", "description: d\n\tmode: subagent\n\ttemperature: 0.5", (F, F, F, L)),
    ("a line of a tab", "description: d\n\t\nmode: subagent", (L, L, F, L)),
    ("a space and a tab", "description: d\n \t\nmode: subagent", (L, L, L, L)),
    ("a comment after a tab", "description: d\n\t# comment\nmode: subagent", (L, L, F, L)),
    ("a tab line ending a block", "description: |\n  line one\n\t\nmode: subagent", (L, L, F, L)),
    ("a tab line ending a kept block", "description: |+\n  a\n\t\nmode: subagent", (L, L, F, L)),
    ("a tab line ending a folded block", "description: >-\n  one\n  two\n\t\t\nmode: subagent", (L, L, F, L)),
    ("a tab line inside a block", "description: |\n  a\n\t\n  b\nmode: subagent", (F, F, F, F)),
    ("a tab as a block's text", "description: |\n  a\n  \t\n  b\nmode: subagent", (L, L, L, L)),
    ("a comment after a tab in a text", "description: a\n\t# c\n  b", (F, F, F, F)),
    ("a tab in a quoted text", 'description: "a\n\t# x\n b"', (L, L, L, L)),
    ("a text continued after spaces and a tab", "description: a\n  \tb\nmode: subagent", (L, L, L, L)),
    ("a sibling after spaces and a tab", "description: d\npermission:\n  edit: deny\n  \tbash: ask", (F, F, F, L)),
    ("a block's first key after spaces and a tab", "description: d\npermission:\n  \tedit: deny\n   bash: ask", (F, F, F, L)),
    ("a list item after a tab", "description: d\ntools:\n\t- read", (L, F, F, L)),
    ("a mapping after a tab", "description: d\npermission:\n\tedit: deny", (L, F, F, L)),
]  # fmt: skip


def _libyaml(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # (our strict reader: yaml12.py)


def _file(lines: str) -> str:
    return f"---\nname: x\n{lines}\n---\nbody\n"


@pytest.mark.parametrize(("case", "lines", "seen"), SEEN, ids=[c for c, _, _ in SEEN])
def test_each_tool_loads_what_its_loader_loads(
    case: str, lines: str, seen: tuple[str, ...]
) -> None:
    text = _file(lines)
    for tool, verdict in zip(TOOLS, seen, strict=True):
        reading = loaders.read_as(loaders.LOADERS[tool], text, {}, path="x.md")
        loaded = reading.verdict is not Verdict.FAILS
        assert loaded == (verdict == L), (tool, reading)


@pytest.mark.parametrize(
    ("lines", "tool", "data"),
    [
        ('description: d\n\tcolor: "#ff0000"', "opencode", {"description": "d", "color": "#ff0000"}),
        ("description: d\npermission:\n\tedit: deny", "opencode", {"description": "d", "permission": None, "edit": "deny"}),
        ("description: d\npermission:\n\tedit: deny", "claude", {"description": "d", "permission": {"edit": "deny"}}),
        ("description: d\ntools:\n\t- read", "opencode", {"description": "d", "tools": ["read"]}),
        ("description: d\npermission:\n  edit: deny\n  \tbash: ask", "opencode", {"description": "d", "permission": {"edit": "deny", "bash": "ask"}}),
        ("description: d\npermission:\n  \tedit: deny\n   bash: ask", "opencode", {"description": "d", "permission": {"edit": "deny", "bash": "ask"}}),
        ("description: |+\n  a\n\t\nmode: subagent", "gemini", {"description": "a\n", "mode": "subagent"}),
        ("description: |\n  line one\n\t\nmode: subagent", "claude", {"description": "line one\n", "mode": "subagent"}),
        ("description: >-\n  one\n  two\n\t\t\nmode: subagent", "opencode", {"description": "one two", "mode": "subagent"}),
        ("description: |\n  a\n  \t\n  b\nmode: subagent", "gemini", {"description": "a\n\t\nb\n", "mode": "subagent"}),
    ],
)  # fmt: skip
def test_the_values_are_the_ones_its_loader_read(
    lines: str, tool: str, data: dict[str, object]
) -> None:
    reading = loaders.read_as(loaders.LOADERS[tool], _file(lines), {}, path="x.md")
    assert reading.data == {"name": "x", **data}


def test_a_header_without_tabs_is_left_as_it_is() -> None:
    text = "description: d\npermission:\n  edit: deny\n"
    assert tabs.as_js_yaml_reads(text, tabs.JS_YAML_3) == tabs.AsRead(text)
    assert tabs.as_js_yaml_reads("a:\n\tb: c\n", "") == tabs.AsRead("a:\n\tb: c\n")


def test_js_yaml_3_skips_a_tab_by_the_spaces_before_it() -> None:
    read = tabs.as_js_yaml_reads("description: d\n\tmode: subagent\n", tabs.JS_YAML_3)
    assert read == tabs.AsRead("description: d\nmode: subagent\n", (2,))
    # the first line of a block: its column, each tab one (the header's first line too)
    assert tabs.as_js_yaml_reads("p:\n  \te: d\n", tabs.JS_YAML_3).text == "p:\n   e: d\n"
    assert tabs.as_js_yaml_reads("\td: x\n", tabs.JS_YAML_3).text == " d: x\n"
    # js-yaml 4 leaves it, to fail as it fails
    assert tabs.as_js_yaml_reads("d: x\n\tm: s\n", tabs.JS_YAML_4).text == "d: x\n\tm: s\n"


def test_opencode_reads_a_tabbed_key_and_says_other_tools_refuse_it() -> None:
    notes = Diagnostics("x.md")
    agent = loads(_file("mode: subagent\n\tdescription: dd"), format="opencode", diagnostics=notes)
    assert agent.description == "dd"
    said = [d for d in notes if d.code is Code.FRONTMATTER_REPAIRED]
    assert (
        said
        and said[0].span is not None
        and said[0].span.line == 4
        and "OpenCode reads the line by the spaces" in said[0].message
    )


def test_gemini_reads_a_line_of_a_tab_as_blank_without_a_word() -> None:
    notes = Diagnostics("x.md")
    agent = loads(_file("description: d\n\t\nkind: local"), format="gemini", diagnostics=notes)
    assert agent.description == "d"
    assert not [d for d in notes if d.code in (Code.TOOL_CANNOT_READ, Code.FRONTMATTER_REPAIRED)]


def test_the_author_meant_a_key_after_a_value_and_a_tab() -> None:
    meant = intent.read_intent(
        "mode: subagent\n\tdescription: dd\n\t\ncolor: blue",
        path="x",
        first_line=2,
        limits=Limits(),
    )
    assert meant.data == {"mode": "subagent", "description": "dd", "color": "blue"}
    nested = intent.read_intent(
        "permission:\n\tedit: deny", path="x", first_line=2, limits=Limits()
    )
    assert nested.data == {"permission": {"edit": "deny"}}


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("model:sonnet", "model", "sonnet"),
        ("description:\u00a0Reviews code.", "description", "Reviews code."),  # a no-break space
        ("tools:Read, Grep", "tools", "Read, Grep"),
    ],
)
def test_the_author_meant_a_known_key_before_a_colon_without_a_space(
    line: str, key: str, value: str
) -> None:
    # every tool refuses these headers (YAML reads no key there); OpenCode 1.18.33 makes the
    # whole file the prompt: seen with its loader
    text = f"name: x\n{line}\ncolor: blue"
    meant = intent.read_intent(text, path="x", first_line=2, limits=Limits())
    assert meant.data == {"name": "x", key: value, "color": "blue"}
    fixed = fix.fix_text(f"---\n{text}\n---\nbody\n", ["gemini", "copilot"], path="x.md")
    assert fixed.text is not None and f"\n{key}: " in fixed.text
    unknown = "name: x\nhomepage:https://example.com"  # not a key we know: YAML's reading
    with pytest.raises(ParseError):
        intent.read_intent(unknown, path="x", first_line=2, limits=Limits())


def test_fix_takes_the_tab_out_for_the_tools_that_refuse_it() -> None:
    fixed = fix.fix_text(
        _file('description: d\n\tcolor: "#ff0000"'),
        path="x.md",
        tools=["gemini", "copilot", "claude"],
    )
    assert fixed is not None and "\ncolor: '#ff0000'\n" in fixed.text


#: lines a header is made of: keys, values, blocks, quotes, comments, tabs and spaces
_LINES = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "\t", " \t", "  \t", "\t "]),
        st.sampled_from(["a: b", "c:", "- d", "e: |", "f: >-", "g: |+", "h: 'i", "j'", 'k: "l', 'm"',
                         "# n", "o", "p: [q,", "r]", ""]),
    ),
    max_size=8,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_LINES, st.sampled_from([tabs.JS_YAML_4, tabs.JS_YAML_3]))
def test_what_libyaml_reads_the_rewriting_reads_the_same(
    lines: list[tuple[str, str]], mode: str
) -> None:
    text = "\n".join(blanks + content for blanks, content in lines)
    try:
        before = _libyaml(text)
    except yaml.YAMLError:
        return
    after = tabs.as_js_yaml_reads(text, mode).text
    assert _libyaml(after) == before, (text, after)


@pytest.mark.parametrize(
    "text",
    [
        'description: "a\n  e: |\n\t\n  b"\nmode: x',  # a block's opening inside a quote
        "description: 'a\n  e: >\n\t\n  b'",
        "tools: [\n\tRead,\n\tGrep]",  # tabs in a flow list
        "description: |\n  code\n  \tmore",  # a tab in a block's text
    ],
)
@pytest.mark.parametrize("mode", [tabs.JS_YAML_4, tabs.JS_YAML_3])
def test_a_tab_libyaml_reads_reads_the_same(text: str, mode: str) -> None:
    assert _libyaml(tabs.as_js_yaml_reads(text, mode).text) == _libyaml(text)


def test_a_long_line_of_blanks_is_read_in_linear_time() -> None:
    text = "a: " + " " * 200_000 + "\t\n\t" + " " * 200_000 + "b: " + "c " * 100_000
    start = time.perf_counter()
    tabs.as_js_yaml_reads(text, tabs.JS_YAML_3)
    tabs.as_js_yaml_reads("k" + " " * 200_000 + "\t: |\n\t\n", tabs.JS_YAML_4)
    assert time.perf_counter() - start < 5.0
