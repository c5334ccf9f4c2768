"""YAML's own tags written out (`!!binary`, `!!timestamp`, `!!int`, `!!set`), as each tool's
parser reads them (converter/frontmatter/yaml_explicit.py), each seen with the tool's loader
(fixtures/conformance/*/*-tag.md): Gemini CLI 0.61.0 and OpenCode 1.18.33 (js-yaml) build
bytes, a Date and a mapping of them and refuse `!!int Writes`; GitHub Copilot CLI 1.0.102
refuses `!!int Writes` and reads the text of the others; Claude Code 2.1.332 reads the text
and gives a `!!set` of tools no tool. Our reading keeps what was written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import api, loads
from converter.diagnostics import Code, Diagnostics
from converter.errors import ConverterError, InternalError, ParseError, ValidationError
from converter.frontmatter import fix, loaders, schemas, tabs, yaml12
from converter.registry import ReadContext, default_registry

JS_YAML, LIBYAML = (tabs.JS_YAML_4, tabs.JS_YAML_3), "libyaml"


def _header(line: str) -> str:
    return f"---\nname: notes\ndescription: Writes notes.\n{line}\n---\nBody.\n"


def _load(text: str, parser: str = "") -> dict[str, object] | None:
    return yaml12.load_mapping(text, path="x.md", first_line=2, parser=parser, local_tags=True)[0]


def test_our_reading_keeps_what_was_written() -> None:
    text = (
        "a: !!timestamp 2024-05-01 10:00:00\n"  # (PyYAML's own: '2024-05-01T10:00:00')
        "b: !!binary |\n  aGVs\n  bG8=\n"  # (PyYAML's own decoded it: 'aGVsbG8=')
        "c: !!set {Read, Grep, Edit}\n"  # (PyYAML's own: a Python set, sorted here)
    )
    data, notes = yaml12.load_mapping(text, path="x.md", first_line=2)
    assert data == {"a": "2024-05-01 10:00:00", "b": "aGVs\nbG8=\n", "c": ["Read", "Grep", "Edit"]}
    assert [line for _, line in notes.coerced] == [2, 3, 6]


@pytest.mark.parametrize("parser", JS_YAML)
def test_js_yaml_builds_bytes_a_date_and_a_mapping(parser: str) -> None:
    text = "a: !!binary aGk=\nb: !!timestamp 2024-05-01\nc: !!set {Read, Grep}\n"
    assert _load(text, parser) == {
        "a": schemas.Binary("aGk="),
        "b": schemas.Date("2024-05-01"),
        "c": {"Read": None, "Grep": None},
    }


@pytest.mark.parametrize("parser", [tabs.BUN, LIBYAML])
def test_the_others_read_the_text_and_a_set_as_a_mapping(parser: str) -> None:
    text = "a: !!binary aGk=\nb: !!timestamp 2024-05-01\nc: !!set {Read, Grep}\n"
    assert _load(text, parser) == {
        "a": "aGk=",
        "b": "2024-05-01",
        "c": {"Read": None, "Grep": None},
    }


@pytest.mark.parametrize(
    ("value", "refused_by"),
    [
        ("!!int Writes notes", {*JS_YAML, LIBYAML}),
        ("!!float Writes", {*JS_YAML, LIBYAML}),
        ("!!float 1e3", set()),
        ("!!bool yes", {*JS_YAML, LIBYAML}),  # (YAML 1.1's word; PyYAML's own took it)
        ("!!null Writes", {*JS_YAML, LIBYAML}),
        ("!!int 0o17", {tabs.JS_YAML_3}),  # (octal is `017` to js-yaml 3)
        ("!!timestamp yesterday", set(JS_YAML)),
        ("!!binary not base64", set(JS_YAML)),
        ("!!binary aGk", set(JS_YAML)),  # 18 bits: no whole bytes
        ("!!set {a: b}", set(JS_YAML)),  # a set's values are null
        ("!!int 17", set()),
        ("!!str 017", set()),
    ],
)
def test_a_value_its_tag_does_not_resolve_is_refused_as_each_parser_refuses_it(
    value: str, refused_by: set[str]
) -> None:
    refused = set()
    for parser in (*JS_YAML, LIBYAML, tabs.BUN):
        try:
            _load(f"a: b\nk: {value}\n", parser)
        except ParseError as error:
            assert error.span is not None and error.span.line == 3
            refused.add(parser)
    assert refused == refused_by


@pytest.mark.parametrize(
    "value", ["!!str [a]", "!!int [1]", "!!float {a: 1}", "!!map [a]", "!!set [a]", "!!seq x"]
)
def test_a_tag_on_a_node_of_another_kind_is_invalid_yaml_not_a_crash(value: str) -> None:
    # each was an "unexpected TypeError ...; please report this" (PyYAML's constructors)
    with pytest.raises(ParseError, match="unacceptable node kind") as caught:
        yaml12.load_mapping(f"k: {value}\n", path="x.md", first_line=2)
    assert caught.value.span is not None and caught.value.span.line == 2


def test_bool_and_null_keep_a_word_they_do_not_resolve() -> None:
    # `!!bool maybe` was an "unexpected KeyError", `!!null Writes` read as no description
    data, _ = yaml12.load_mapping(
        "a: !!bool maybe\nb: !!null Writes\nc: !!bool True\n", path="x", first_line=1
    )
    assert data == {"a": "maybe", "b": "Writes", "c": True}


_TAGS = st.sampled_from(["str", "int", "float", "bool", "null", "binary", "timestamp", "set",
                         "map", "seq", "omap", "pairs"])  # fmt: skip
_VALUES = st.sampled_from(["x", "17", "[a, b]", "{a: 1}", "{a, b}", "", "2024-05-01", "aGk=", "~"])


@given(tag=_TAGS, value=_VALUES, key=st.sampled_from(["description", "tools", "model", "x"]))
def test_any_tag_of_yamls_own_on_any_value_is_read_or_refused_cleanly(
    tag: str, value: str, key: str
) -> None:
    text = f"---\nname: notes\n{key}: !!{tag} {value}\n---\nBody.\n"
    for target in ("claude", "gemini", "opencode", "copilot", "markdown"):
        try:
            api.convert(text, "json", from_format=target)
        except InternalError:  # "please report this": never for what a user wrote
            raise
        except ConverterError:
            pass


def _said(target: str, text: str) -> list[tuple[Code, str]]:
    notes = Diagnostics("x.md")
    default_registry().get(target).read_many(text, ReadContext("x.md", "x", diagnostics=notes))
    return [(d.code, d.message) for d in notes]


@pytest.mark.parametrize("target", ["gemini", "opencode"])
def test_a_js_yaml_tool_is_said_to_refuse_a_binary_or_a_dated_description(target: str) -> None:
    for line in ("description: !!binary aGk=", "description: !!timestamp 2024-05-01"):
        text = f"---\nname: notes\n{line}\n---\nBody.\n"
        said = _said(target, text)
        assert (Code.TOOL_CANNOT_READ, "'description' is not text there") in [
            (code, message[message.index("(") + 1 : message.index(")")]) for code, message in said
        ]


def test_copilot_refuses_a_set_of_tools_as_its_cli_does() -> None:
    # "tools: Expected array, received object" (Copilot CLI 1.0.102, seen)
    with pytest.raises(ValidationError, match="not a mapping"):
        _said("copilot", _header("tools: !!set {read, search}"))


def test_claude_code_gives_a_set_of_tools_no_tool_and_it_is_said() -> None:
    said = _said("claude", _header("tools: !!set {Read, Grep}"))
    assert any(code is Code.TOOL_MISREADS and "as no tool" in message for code, message in said)
    assert loads(_header("tools: !!set {Read, Grep}"), format="claude").tools == ()


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("description: !!binary aGk=", "description: aGk="),
        ("description: !!timestamp 2024-05-01", "description: '2024-05-01'"),
        ("description: !!int Writes notes", "description: Writes notes"),
        ("tools: !!set {Read, Grep}", "tools:\n- Read\n- Grep"),
    ],
)
def test_fix_writes_what_was_meant_and_every_tool_then_reads_it(line: str, written: str) -> None:
    text = f"---\nname: notes\n{line}\n---\nBody.\n"
    fixed = fix.fix_text(text, loaders.YAML_LOADERS, path="x.md")
    assert fixed.text == text.replace(line, written)
    assert fix.fix_text(fixed.text, loaders.YAML_LOADERS, path="x.md").text is None


@pytest.mark.parametrize("target", ["gemini", "opencode"])
@pytest.mark.parametrize("key", ["x", "model", "tools", "temperature"])
@pytest.mark.parametrize(
    "value", ["!!binary aGk=", "!!timestamp 2024-01-01", "[!!binary aGk=]", "!!binary"]
)
def test_a_js_yaml_date_or_bytes_under_any_key_is_kept_as_written_and_said(
    target: str, key: str, value: str
) -> None:
    # under a key not of prose, js-yaml's bytes reached the model: "Object of type Binary is
    # not JSON serializable", a traceback, on every conversion (found with CI's examples)
    text = f"---\nname: notes\ndescription: d\n{key}: {value}\n---\nBody.\n"
    done = api.convert(text, "json", from_format=target)
    assert "Binary(" not in done.text and "Date(" not in done.text
    said = [d for d in done.diagnostics if d.field == key and d.code is not Code.FIELD_DROPPED]
    assert said, [d.message for d in done.diagnostics]
