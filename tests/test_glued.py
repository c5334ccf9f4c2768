"""A comment glued to what it follows (`"a"#c`): Claude Code's YAML parser (Bun's) refuses the
header and its second pass reads the line as text; the other tools read a comment
(converter/frontmatter/glued.py; each seen with the tool's loader)."""

from __future__ import annotations

import pytest

from converter import Diagnostics, loads
from converter.frontmatter import glued
from converter.frontmatter.fix import fix_text


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ('description: "a"#c\n', 0),
        ("name: x\ndescription: 'a'#c\n", 1),
        ("tools: [Read]#c\n", 0),
        ("x: {a: 1}#c\n", 0),
        ("description: |#c\n  text\n", 0),
        ("description: >-#c\n  text\n", 0),
        ('tools:\n  - "Read"#c\n', 1),
        # a `#` that is text, or a comment with a space before it
        ("description: a#c\n", None),
        ('description: say "hi"#now\n', None),
        ('description: "a" #c\n', None),
        ('description: "a\\"#c"\n', None),
        ('description: "a"\t#c\n', None),
        ("description: '#a'\n", None),
    ],
)
def test_a_glued_comment_is_found_on_its_line(yaml_text: str, line: int | None) -> None:
    assert glued.glued_line(yaml_text) == line
    separated = glued.separated(yaml_text)
    assert glued.glued_line(separated) is None
    assert (separated == yaml_text) == (line is None)


def test_claude_code_reads_the_line_as_text_and_the_others_read_a_comment() -> None:
    text = '---\nname: a\ndescription: "Reviews code"#c\n---\nBody.\n'
    diags = Diagnostics()
    claude = loads(text, path="a.md", format="claude", diagnostics=diags)
    assert claude.description == '"Reviews code"#c'
    assert "tool-misreads" in {d.code.value for d in diags}
    for other in ("gemini", "copilot", "opencode"):
        assert loads(text, path="a.md", format=other).description == "Reviews code", other


def test_fix_puts_a_space_before_the_comment_and_keeps_it() -> None:
    text = '---\nname: a\ndescription: "Reviews code"#why\ntools: [Read]#c\n---\nBody.\n'
    fixed = fix_text(text, ["claude"], path="a.md")
    assert (
        fixed.text
        == '---\nname: a\ndescription: "Reviews code" #why\ntools: [Read] #c\n---\nBody.\n'
    )
    assert loads(fixed.text or "", path="a.md", format="claude").description == "Reviews code"


def test_gemini_cli_and_opencode_refuse_a_comment_glued_to_a_block_indicator_only() -> None:
    # js-yaml 3 and 4: "a line break is expected" for `|#c`; `"a"#c` is a comment to them
    block = "---\nname: a\ndescription: |#c\n  Reviews code.\n---\nBody.\n"
    quoted = '---\nname: a\ndescription: "Reviews code."#c\n---\nBody.\n'
    for tool in ("gemini", "opencode"):
        diags = Diagnostics()
        loads(block, path="a.md", format=tool, diagnostics=diags)
        assert "tool-cannot-read" in {d.code.value for d in diags}, tool
        diags = Diagnostics()
        assert loads(quoted, path="a.md", format=tool, diagnostics=diags).description == (
            "Reviews code."
        )
        assert "tool-cannot-read" not in {d.code.value for d in diags}, tool
    diags = Diagnostics()  # libyaml (GitHub Copilot CLI) reads the comment
    loads(block, path="a.md", format="copilot", diagnostics=diags)
    assert "tool-cannot-read" not in {d.code.value for d in diags}


def test_fix_for_copilot_keeps_the_last_line_end_of_a_block_that_ends_the_header() -> None:
    # GitHub Copilot CLI reads a header without its last line end (yaml12.py): a `|` text
    # last loses its own; the fix writes it quoted, which every tool reads whole
    text = "---\nname: a\ndescription: |\n  Reviews code.\n---\nBody.\n"
    fixed = fix_text(text, ["copilot", "claude", "gemini"], path="a.md")
    assert fixed.text == '---\nname: a\ndescription: "Reviews code.\\n"\n---\nBody.\n'
    assert fix_text(fixed.text, ["copilot", "claude", "gemini"], path="a.md").text is None
