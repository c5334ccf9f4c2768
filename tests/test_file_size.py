"""Agent files their tool skips for their size: Claude Code 2.1.332 and GitHub Copilot CLI
1.0.102 load none of more than 1 MiB (each checked with its loader at 1,048,576 and
1,048,577 bytes). Read or written, such a file is said; its prompt is never cut."""

from __future__ import annotations

import pytest

from converter import Diagnostics, dumps, loads
from converter.model import Agent

MIB = 1 << 20


def _file(name: str, size: int, newline: str = "\n") -> str:
    head = f"---{newline}name: {name}{newline}description: Reviews.{newline}---{newline}"
    line = "Check every line of the change." + newline
    body = line * (size // len(line) + 1)
    text = head + body
    return text[: size - len(newline)] + newline


def _said(diags: Diagnostics) -> list[str]:
    return [d.message for d in diags if d.code.value == "tool-refuses"]


@pytest.mark.parametrize("path", [".claude/agents/r.md", ".github/agents/r.agent.md"])
@pytest.mark.parametrize(("size", "refused"), [(MIB, False), (MIB + 1, True), (3 * MIB, True)])
def test_a_file_over_one_mib_is_said_skipped(path: str, size: int, refused: bool) -> None:
    text = _file("r", size)
    assert len(text.encode()) == size
    diags = Diagnostics()
    agent = loads(text, path=path, diagnostics=diags)
    assert agent.instructions.startswith("Check every line")  # read whole all the same
    said = [m for m in _said(diags) if "1 MiB" in m]
    assert bool(said) is refused, said
    if refused:
        assert f"this one has {size:,}" in said[0]


def test_line_ends_count_as_the_bytes_they_are() -> None:
    # 1,030,000 characters as read, and over 1 MiB on disk with its CRLF line ends
    text = _file("r", 1_030_000).replace("\n", "\r\n")
    assert len(text.encode()) > MIB
    diags = Diagnostics()
    loads(text, path=".claude/agents/r.md", diagnostics=diags)
    assert [m for m in _said(diags) if "1 MiB" in m]


@pytest.mark.parametrize(
    ("target", "said"), [("claude", True), ("copilot", True), ("gemini", False)]
)
def test_a_written_file_over_one_mib_is_said(target: str, said: bool) -> None:
    prompt = "Check every line of the change.\n" * (MIB // 32 + 10)
    agent = Agent(name="r", description="Reviews.", instructions=prompt)
    diags = Diagnostics()
    written = dumps(agent, target, diagnostics=diags)
    assert prompt in written  # never cut
    assert bool([m for m in _said(diags) if "is written with" in m]) is said


def test_a_file_under_the_limit_written_says_nothing() -> None:
    agent = Agent(name="r", description="Reviews.", instructions="Check.\n" * 1000)
    diags = Diagnostics()
    dumps(agent, "claude", diagnostics=diags)
    assert _said(diags) == []


def test_a_file_written_back_as_read_is_said_once() -> None:
    # said when read; its own file written back byte for byte is the same file, not said again
    text = _file("r", MIB + 100)
    diags = Diagnostics()
    written = dumps(loads(text, path=".claude/agents/r.md", diagnostics=diags), "claude",
                    diagnostics=diags)  # fmt: skip
    assert written == text
    assert len([m for m in _said(diags) if "1 MiB" in m]) == 1
    # written anew (another tool's name for it), it is said as written
    agent = loads(text.replace("name: r", "name: R"), path=".claude/agents/r.md")
    again = Diagnostics()
    dumps(agent, "claude", diagnostics=again)
    assert [m for m in _said(again) if "is written with" in m]
