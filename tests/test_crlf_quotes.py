"""A quoted text over several lines in a file of CRLF lines: Claude Code (Bun's YAML parser)
keeps each line break, where YAML folds one into a space (converter/frontmatter/crlf_quotes.py;
seen with its loader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import Diagnostics, loads
from converter.frontmatter import crlf_quotes
from converter.frontmatter.fix import fix_text


@pytest.mark.parametrize(
    ("header", "claude_reads"),
    [
        ('description: "a\n  b"\n', "a\nb"),
        ("description: 'a  \n  b'\n", "a\nb"),
        ('description: "a\n   \n  b\n  c"\n', "a\n\nb\nc"),
        # an escaped line break is YAML's, and a plain text over lines folds for all
        ('description: "a\\\n  b"\n', "ab"),
        ("description: a\n  b\n", "a b"),
    ],
)
def test_claude_code_keeps_the_line_breaks_of_a_quoted_text_in_a_crlf_file(
    tmp_path: Path, header: str, claude_reads: str
) -> None:
    text = f"---\nname: a\n{header}---\nBody.\n"
    crlf = loads(text.replace("\n", "\r\n"), path="a.md", format="claude")
    assert crlf.description == claude_reads
    # with LF lines, and for the other tools, YAML's folding
    folded = loads(text, path="a.md", format="gemini").description
    assert loads(text, path="a.md", format="claude").description == folded
    assert loads(text.replace("\n", "\r\n"), path="a.md", format="gemini").description == folded


def test_only_a_quoted_text_over_lines_is_rewritten() -> None:
    assert crlf_quotes.as_bun_reads('name: a\ndescription: "one line"\n') is None
    assert crlf_quotes.as_bun_reads("name: a\ndescription: a\n  b\n") is None
    assert crlf_quotes.as_bun_reads('d: "a\n  b"\n') == 'd: "a\n\n  b"\n'


def test_validate_says_it_and_fix_writes_one_line_claude_code_reads_as_meant() -> None:
    text = '---\nname: a\ndescription: "Reviews\n  code"\n---\nBody.\n'
    diags = Diagnostics()
    loads(text.replace("\n", "\r\n"), path="a.md", format="claude", diagnostics=diags)
    assert "tool-misreads" in {d.code.value for d in diags}
    fixed = fix_text(text, ["claude"], path="a.md", crlf=True)
    assert fixed.keys == ("description",)
    assert fixed.text is not None
    assert loads(fixed.text.replace("\n", "\r\n"), path="a.md", format="claude").description == (
        "Reviews code"
    )
    assert fix_text(text, ["claude"], path="a.md").text is None  # LF lines: read as meant
