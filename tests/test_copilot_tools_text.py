"""A `tools` text in a Copilot agent, as GitHub Copilot CLI 1.0.102 reads it: cut at every
comma and nowhere else (seen with its loader: `Read Grep` is one name, `Read,Grep` and
`Read, , Grep` are two), where Claude Code also cuts at spaces outside parentheses."""

from __future__ import annotations

import pytest

from converter import dumps, loads
from converter.diagnostics import Code, Diagnostics
from converter.registry import ReadContext, default_registry


def _read(tools: str) -> tuple[tuple[str, ...] | None, list[str], str]:
    text = f"---\nname: x\ndescription: Reviews code.\ntools: {tools}\n---\nYou review.\n"
    notes = Diagnostics("x.agent.md")
    context = ReadContext("x.agent.md", "x", diagnostics=notes)
    agent = default_registry().get("copilot").read_many(text, context)[0]
    said = [d.message for d in notes if d.code is Code.TOOL_MISREADS]
    return agent.tools, said, text


@pytest.mark.parametrize(
    ("tools", "copilot_reads"),
    [
        ("Read Grep", ("Read Grep",)),
        ("Read; Grep", ("Read; Grep",)),
        ("Bash(git add, git commit)", ("Bash(git add", "git commit)")),
    ],
)
def test_copilot_reads_its_own_cut_and_says_so(tools: str, copilot_reads: tuple[str, ...]) -> None:
    read, said, text = _read(tools)
    assert read == copilot_reads
    assert len(said) == 1 and "cuts 'tools' at every comma and nowhere else" in said[0]
    # a list its tool misreads is written back as read (a list), not as it was
    written = dumps(loads(text, format="copilot"), "copilot")
    assert "tools:\n" + "".join(f"- {name}\n" for name in copilot_reads) in written


@pytest.mark.parametrize("tools", ["Read, Grep", "Read,Grep", "Read, , Grep,", '"Read, Grep"'])
def test_a_list_cut_alike_is_read_without_a_word(tools: str) -> None:
    read, said, text = _read(tools)
    assert read == ("Read", "Grep") and said == []
    assert dumps(loads(text, format="copilot"), "copilot") == text  # written back as it was


def test_copilot_names_cut_alike_are_its_tool_sets() -> None:
    # `read, search`, the common Copilot text: its own names, read as its tool sets
    read, said, _ = _read("read, search")
    assert read == ("Read", "Grep", "Glob", "LS") and said == []


@pytest.mark.parametrize("fmt", ["copilot", "claude"])
def test_a_quoted_name_in_a_comma_list_keeps_its_quotes_and_is_said(fmt: str) -> None:
    # `tools: read, 'azure-mcp/*'` (a real Copilot agent): Copilot CLI 1.0.102 reads the
    # name `'azure-mcp/*'`, quotes and all, which is no server's tools; Claude Code cuts
    # its comma text the same way. Kept as the tool reads it, and said; a YAML list is not
    text = "---\nname: x\ndescription: d\ntools: {}\n---\nBody.\n"
    path = "x.agent.md" if fmt == "copilot" else "x.md"
    notes = Diagnostics(path)
    agent = loads(text.format("read, 'azure-mcp/*', \"web\""), format=fmt, path=path,
                  diagnostics=notes)  # fmt: skip
    assert agent.tools is not None and "'azure-mcp/*'" in agent.tools
    said = [d.message for d in notes if d.code is Code.TOOL_MISREADS]
    assert any("'azure-mcp/*', \"web\" keep their quotes" in m for m in said), said
    notes = Diagnostics(path)
    loads(text.format("[read, 'azure-mcp/*']"), format=fmt, path=path, diagnostics=notes)
    assert not [d for d in notes if "keep their quotes" in d.message]
