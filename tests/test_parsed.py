"""A header's YAML as each tool's parser reads it (converter/frontmatter/parsed.py): Bun's
parser (Claude Code 2.1.332) reads a plain value that starts with a comma as the text written,
which YAML 1.2, js-yaml and libyaml refuse (each seen with the tool's loader)."""

from __future__ import annotations

import pytest

from converter import Diagnostics, loads
from converter.frontmatter import loaders, parsed

#: header lines -> (description, tools) as Claude Code 2.1.332 read them
SEEN = {
    "description: ,x #c": (",x", None),
    "description: ,": (",", None),
    "description: ,x\n  more": (",x more", None),
    'description: ,"x"': (',"x"', None),
    "description: ,x: y": (",x: y", None),
    "description: , x, y": (", x, y", None),
    "description: ,#x": (",#x", None),
    "description: ,x\ntools: Read, Grep": (",x", ("Read", "Grep")),
    'description: ",x"\ntools: ,Read': (",x", ("Read",)),
    "description: Reads\ntools:\n  - ,Read\n  - Grep": ("Reads", ("Read", "Grep")),
}


#: where the comma alone makes the header invalid YAML (said so, and read as written)
SAID_REPAIRED = {
    "description: ,",
    "description: ,x\n  more",
    'description: ,"x"',
    "description: , x, y",
    "description: ,#x",
    "description: ,x\ntools: Read, Grep",
    'description: ",x"\ntools: ,Read',
}


@pytest.mark.parametrize("lines", sorted(SEEN))
def test_claude_code_reads_a_value_that_starts_with_a_comma(lines: str) -> None:
    diags = Diagnostics("c.md")
    agent = loads(
        f"---\nname: c\n{lines}\n---\nBody\n", format="claude", path="c.md", diagnostics=diags
    )
    assert (agent.description, agent.tools) == SEEN[lines]
    assert not [d for d in diags if d.code.value == "tool-cannot-read"]
    repaired = [d.message for d in diags if d.code.value == "frontmatter-repaired"]
    assert any("starts with a comma" in said for said in repaired) == (lines in SAID_REPAIRED)


@pytest.mark.parametrize("tool", ["gemini", "copilot", "opencode", "strict-yaml"])
def test_the_other_parsers_refuse_it(tool: str) -> None:
    text = "---\nname: c\ndescription: , and more\n---\nBody\n"
    meant = loaders.meant(text, path="c.md")
    assert meant is not None and meant.data["description"] == ", and more"
    reading = loaders.read_as(loaders.LOADERS[tool], text, meant.data, path="c.md")
    assert reading.verdict is loaders.Verdict.FAILS
    claude = loaders.read_as(loaders.LOADERS["claude"], text, meant.data, path="c.md")
    assert claude.verdict is loaders.Verdict.AS_MEANT


def test_a_comma_between_a_flow_lists_items_is_left_to_yaml() -> None:
    text = "tools: [Read\n  , Grep]\nx: [a, b]\n"
    data, _, _, commas = parsed.load(text, "bun", path="c.md", first_line=1)
    assert data == {"tools": ["Read", "Grep"], "x": ["a", "b"]} and commas == []
