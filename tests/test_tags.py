"""A value under a YAML tag of the file's own (`description: !Important Reviews code`): Claude
Code 2.1.332 (Bun's parser) and GitHub Copilot CLI 1.0.102 read it untagged ("Reviews code"),
Gemini CLI 0.61.0 and OpenCode 1.18.33 (js-yaml) refuse the header; each seen with the tool's
own loader (fixtures/conformance holds the recorded cases). Its author meant the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import loads
from converter.diagnostics import Code, Diagnostics
from converter.errors import ParseError
from converter.frontmatter import fix, loaders, yaml12
from converter.registry import ReadContext, default_registry

TEXT = "---\nname: notes\ndescription: !Important Writes notes.\nmodel: sonnet\n---\nBody.\n"
MEANT = "!Important Writes notes."


def _read(target: str, text: str = TEXT) -> tuple[str | None, list[tuple[Code, str]]]:
    notes = Diagnostics("x.md")
    agent = (
        default_registry()
        .get(target)
        .read_many(text, ReadContext("x.md", "x", diagnostics=notes))[0]
    )
    return agent.description, [(d.code, d.message) for d in notes]


def test_the_strict_reading_refuses_a_tag_of_no_known_type_with_its_place() -> None:
    with pytest.raises(ParseError) as caught:
        yaml12.load_mapping("a: b\ndescription: !Important x\n", path="x.md", first_line=2)
    error = caught.value
    assert "'!Important' is a YAML tag of no known type" in error.message
    assert (error.span.line, error.span.column) == (3, 14)
    assert not isinstance(error, yaml12.UnsafeTagError)  # the text is taken, never the type


def test_read_untagged_a_tag_is_noted_and_each_kind_of_value_kept() -> None:
    text = "a: !x 12\nb: !x '12'\nc: !x [read, edit]\nd: !x {k: v}\ne: !x\n"
    data, notes = yaml12.load_mapping(text, path="x.md", first_line=2, local_tags=True)
    assert data == {"a": 12, "b": "12", "c": ["read", "edit"], "d": {"k": "v"}, "e": None}
    assert [line for _, line in notes.local_tags] == [2, 3, 4, 5, 6]


def test_a_language_tag_stays_an_error() -> None:
    with pytest.raises(yaml12.UnsafeTagError):
        yaml12.load_mapping(
            "a: !!python/object/apply:os.system [x]\n", path="x", first_line=1, local_tags=True
        )


@pytest.mark.parametrize("target", ["claude", "markdown", "copilot"])
def test_the_tools_that_drop_the_tag_are_read_so_and_the_misreading_said(target: str) -> None:
    description, said = _read(target)
    assert description == "Writes notes."
    misread = [message for code, message in said if code is Code.TOOL_MISREADS]
    assert misread and "takes '!Important' on line 3 for a YAML tag and drops it" in misread[0]


@pytest.mark.parametrize("target", ["gemini", "opencode"])
def test_the_tools_that_refuse_it_are_read_as_meant_and_the_refusal_said(target: str) -> None:
    description, said = _read(target)
    assert description == MEANT
    assert any(code is Code.TOOL_CANNOT_READ for code, _ in said)


def test_validate_says_each_tool_reading() -> None:
    meant = loaders.meant(TEXT, path="x.md")
    assert meant is not None and meant.data["description"] == MEANT
    verdicts = {
        key: loaders.read_as(loaders.LOADERS[key], TEXT, meant.data, path="x.md")
        for key in ("claude", "copilot", "gemini", "opencode")
    }
    assert verdicts["claude"].verdict is loaders.Verdict.DIFFERS
    assert verdicts["copilot"].data == {**meant.data, "description": "Writes notes."}
    assert verdicts["gemini"].verdict is loaders.Verdict.FAILS
    assert "the whole file becomes the prompt" in verdicts["opencode"].detail


def test_fix_quotes_the_text_and_every_tool_then_reads_it_as_meant() -> None:
    fixed = fix.fix_text(TEXT, loaders.YAML_LOADERS, path="x.md")
    assert fixed.text == TEXT.replace(MEANT, f"'{MEANT}'")
    assert fix.fix_text(fixed.text, loaders.YAML_LOADERS, path="x.md").text is None
    assert loads(fixed.text, format="gemini").description == MEANT


_WORD = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True)


@given(tag=_WORD, value=st.lists(_WORD, min_size=1, max_size=4).map(" ".join))
def test_a_tag_dropped_reads_as_the_value_without_it(tag: str, value: str) -> None:
    tagged = yaml12.load_mapping(f"k: !{tag} {value}\n", path="x", first_line=1, local_tags=True)
    plain = yaml12.load_mapping(f"k: {value}\n", path="x", first_line=1)
    assert tagged[0] == plain[0]


def test_roo_reads_a_tagged_value_untagged_and_it_is_said() -> None:
    # Roo Code reads `.roomodes` with the `yaml` package (2.9.1), which reads a value under
    # an unresolved tag without it, warning only in its log (seen with its parser)
    text = "customModes:\n  - slug: r\n    roleDefinition: !Important You review.\n"
    notes = Diagnostics("x.roomodes")
    context = ReadContext("x.roomodes", "x", diagnostics=notes)
    agent = default_registry().get("roo").read_many(text, context)[0]
    assert agent.instructions == "You review."
    said = [(d.code, d.span and d.span.line) for d in notes if "'!Important'" in d.message]
    assert said == [(Code.TOOL_MISREADS, 3)]


@pytest.mark.parametrize("role", ["", " !x"])
def test_a_role_with_no_value_is_no_prompt_not_the_word_none(role: str) -> None:
    # Roo refuses such a mode file (said); converted all the same, its prompt is empty
    text = f"customModes:\n  - slug: r\n    roleDefinition:{role}\n    groups: [read]\n"
    context = ReadContext("x.roomodes", "x", diagnostics=Diagnostics("x.roomodes"))
    assert default_registry().get("roo").read_many(text, context)[0].instructions == ""
