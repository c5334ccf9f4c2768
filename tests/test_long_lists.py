"""Tool lists of any length: the translation to a tool's names, the merge's union and
intersection, and `diff` keep each name once with set lookups (a list of 50,000 tools took
40 s to Kiro, 83 s to merge and 38 s to diff as `name in list`); these hold them to what
the plain definitions give."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.merging.diff import _tools as diff_tools
from converter.merging.fields import tool_intersection, tool_union
from converter.targets import vocabulary
from converter.targets.vocabulary import translate

_TOOL = st.sampled_from(
    ["Read", "Edit", "Write", "Bash", "Grep", "Glob", "WebFetch", "Task", "Agent", "Foo",
     "mcp__github__x", "mcp__s__t", "read_file", "Bash(git *)", "edit/editFiles", "x"]
)  # fmt: skip
_TOOLS = st.lists(_TOOL, max_size=30).map(tuple)
_TARGETS = ("claude", "codex", "opencode", "copilot", "gemini", "kiro", "roo", "cursor")


@given(st.sampled_from(_TARGETS), _TOOLS)
def test_a_tool_list_is_translated_once_per_name(target: str, tools: tuple[str, ...]) -> None:
    names = translate(target, tools).names
    assert len(names) == len(set(names))
    assert names == translate(target, tuple(dict.fromkeys(tools))).names  # repeats add nothing


def test_a_list_of_thousands_of_tools_keeps_each_name_once() -> None:
    tools = tuple(f"mcp__s{n % 3000}__t" for n in range(6000))
    found = translate("kiro", tools)
    assert len(found.names) == 3000 and found.names[0] == "@s0/t"


def _union_by_definition(lists: list[tuple[str, ...]]) -> tuple[str, ...]:
    """What the merge's union was first written as (each lookup a scan of a list)."""
    counts = Counter(tool for tools in lists for tool in dict.fromkeys(tools))
    earliest = {tool: min(t.index(tool) for t in lists if tool in t) for tool in counts}
    return tuple(sorted(counts, key=lambda t: (-counts[t], earliest[t], t)))


@given(st.lists(_TOOLS, min_size=1, max_size=6))
def test_union_and_intersection_are_their_definitions(lists: list[tuple[str, ...]]) -> None:
    assert tool_union(lists) == _union_by_definition(lists)
    common = tuple(t for t in lists[0] if all(t in other for other in lists[1:]))
    assert tool_intersection(lists) == common


@given(_TOOLS, _TOOLS)
def test_diff_of_tool_lists_is_its_definition(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    assert diff_tools(old, new) == {
        "added": [t for t in new if t not in old],
        "removed": [t for t in old if t not in new],
    }


@pytest.mark.parametrize("target", [*_TARGETS, "claude-json", "gemini-command"])
def test_a_deny_list_is_worked_out_once_however_long_the_tool_list(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenCode's writer worked the deny list out again for every allowed tool: a Claude
    agent of 20,000 tools and 20,000 denied patterns took 82 s to OpenCode (now 1 s)."""
    tools = ", ".join(f"mcp__s{n}__t" for n in range(2000))
    denied = ", ".join(f"Bash(cmd{n}:*)" for n in range(2000))
    text = f"---\nname: long\ndescription: d\ntools: {tools}\ndisallowedTools: {denied}\n---\nx\n"
    agent = loads(text, format="claude", path="long.md")
    asked = Counter[str]()
    real = vocabulary.tools_from

    def counted(source: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        asked[source] += 1
        return real(source, names)

    monkeypatch.setattr(vocabulary, "tools_from", counted)
    dumps(agent, target, diagnostics=Diagnostics())
    assert sum(asked.values()) <= 20, asked  # a few times per conversion, not per tool
