"""A Gemini CLI agent whose `tools` is a text, not a list: Gemini CLI 0.61 refuses it
("tools: Expected array, received string", seen with its loadAgentsFromDirectory). Reading
it said nothing, and writing it for Gemini CLI gave the text back, refused again."""

from __future__ import annotations

import pytest

from converter import Diagnostics, dumps, loads

PATH = ".gemini/agents/scout.md"


@pytest.mark.parametrize("tools", ["read_file, grep_search", "read_file", "'read_file, glob'"])
def test_a_text_of_tools_is_said_refused_and_written_back_as_a_list(tools: str) -> None:
    said = Diagnostics(PATH)
    agent = loads(f"---\nname: scout\ndescription: d\ntools: {tools}\n---\nGo.\n", path=PATH,
                  diagnostics=said)  # fmt: skip
    refused = [d.message for d in said if d.code.value == "tool-refuses" and d.field == "tools"]
    assert refused and refused[0].startswith("Gemini CLI refuses this agent: tools must be a list")
    written = dumps(agent, "gemini")
    assert "tools:\n- " in written, written  # a list, which it loads
    again = Diagnostics(PATH)
    loads(written, path=PATH, diagnostics=again)
    assert not [d for d in again if d.code.value == "tool-refuses"]


def test_a_list_of_tools_is_written_back_byte_for_byte() -> None:
    text = "---\nname: scout\ndescription: d\ntools: [read_file, grep_search]\n---\nGo.\n"
    assert dumps(loads(text, path=PATH), "gemini") == text
