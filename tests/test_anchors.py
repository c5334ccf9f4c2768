"""An anchor defined again (`&a` twice): YAML 1.2 has an alias name the latest, and every
tool reads such a header (each seen with its loader); libyaml's composer alone refused it
(converter/frontmatter/anchors.py)."""

from __future__ import annotations

import pytest

from converter import loads
from converter.frontmatter import anchors

TEXT = "---\nname: a\ndescription: &d first\nargument-hint: &d second\nx: *d\n---\nBody.\n"


@pytest.mark.parametrize("tool", ["claude", "gemini", "copilot", "opencode"])
def test_an_anchor_defined_again_is_read_and_its_alias_names_the_latest(tool: str) -> None:
    agent = loads(TEXT, path="a.md", format=tool)
    assert agent.description == "first"
    assert agent.metadata.get("x") == "second" or agent.extensions.get(tool, {}).get("x") == (
        "second"
    )


def test_only_an_anchor_defined_again_is_renamed() -> None:
    once = "a: &x 1\nb: *x\n"
    assert anchors.unique(once) == once
    assert anchors.unique("a: &x 1\nb: &x 2\nc: *x\n") == (
        "a: &x 1\nb: &x-agentmorph-2 2\nc: *x-agentmorph-2\n"
    )
    assert anchors.unique("a: [&x 1\n") == "a: [&x 1\n"  # not YAML: libyaml says why
