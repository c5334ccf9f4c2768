"""Line ends a tool loses at a header's end: GitHub Copilot CLI reads a header without its
last one (libyaml), Gemini CLI and OpenCode (js-yaml) one of a `|+` text's that ends it;
Claude Code none (each seen with the tool's loader; tabs.py, yaml12.py)."""

from __future__ import annotations

import pytest

from converter import Agent, dumps, loads
from converter.frontmatter.fix import fix_text

KEPT = "---\nname: a\ndescription: |+\n  Reviews code.\n\n---\nBody.\n"


@pytest.mark.parametrize(
    ("tool", "read"),
    [
        ("claude", "Reviews code.\n\n"),
        ("gemini", "Reviews code.\n"),
        ("opencode", "Reviews code.\n"),
        ("copilot", "Reviews code.\n"),
    ],
)
def test_a_kept_text_ending_the_header_as_each_tool_reads_it(tool: str, read: str) -> None:
    assert loads(KEPT, path="a.md", format=tool).description == read


@pytest.mark.parametrize("tool", ["claude", "gemini", "opencode", "copilot"])
def test_each_writer_writes_a_text_its_tool_reads_whole(tool: str) -> None:
    agent = Agent(name="a", description="Reviews code.\n\n", instructions="Body.\n")
    assert loads(dumps(agent, tool), path="a.md", format=tool).description == "Reviews code.\n\n"


def test_fix_for_gemini_writes_the_text_quoted_not_kept() -> None:
    fixed = fix_text(KEPT, ["gemini"], path="a.md")
    assert fixed.text is not None and "|+" not in fixed.text and "..." not in fixed.text
    assert loads(fixed.text, path="a.md", format="gemini").description == "Reviews code.\n\n"
