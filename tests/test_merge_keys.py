"""YAML merge keys (`<<: *base`), read as each tool's parser reads them, each seen with the
tool's own loader (fixtures/conformance holds the recorded cases): Claude Code 2.1.332
(Bun's parser) merges under `<<` quoted or not, Gemini CLI 0.61 and OpenCode 1.18.33
(js-yaml) under a plain `<<` only, GitHub Copilot CLI 1.0.102 not at all ("unknown field
ignored: <<"). A key the mapping gives itself wins; of two merged mappings, the first."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import api
from converter.diagnostics import Code, Diagnostics
from converter.errors import LimitError, OutputError, ParseError
from converter.frontmatter import fix, tabs, yaml12
from converter.model import Agent
from converter.registry import ReadContext, default_registry


def _read(target: str, header: str) -> tuple[Agent, list[tuple[Code, str]]]:
    notes = Diagnostics("x.md")
    text = f"---\n{header}---\nBody.\n"
    fmt = default_registry().get(target)
    agent = fmt.read_many(text, ReadContext("x.md", "x", diagnostics=notes))[0]
    return agent, [(d.code, d.message) for d in notes]


@pytest.mark.parametrize(
    ("merge", "model"),
    [
        ("<<: {model: haiku}\n", "haiku"),
        ("'<<': {model: haiku}\n", "haiku"),  # Bun's parser merges under a quoted one too
        ('"<<": {model: haiku}\n', "haiku"),
        ("<<: [{model: haiku}, {model: opus}]\n", "haiku"),  # the first merged wins
        ("model: opus\n<<: {model: haiku}\n", "opus"),  # its own key wins, before...
        ("<<: {model: haiku}\nmodel: opus\n", "opus"),  # ...or after
        ("base: &b {model: haiku}\n<<: *b\n", "haiku"),
    ],
)
def test_claude_code_reads_the_merged_keys_as_the_agents_own(merge: str, model: str) -> None:
    agent, said = _read("claude", f"name: a\ndescription: Reviews.\n{merge}")
    assert agent.model == model and "<<" not in agent.metadata
    assert not [message for code, message in said if code is Code.DUPLICATE_KEY]


def test_a_description_given_only_under_a_merge_key_is_read_and_nothing_is_made_up() -> None:
    # Claude Code loads it with that description (we said it did not load it, and wrote the
    # prompt's first sentence as its description)
    agent, said = _read("claude", "name: a\n<<: {description: From the merge.}\n")
    assert agent.description == "From the merge."
    assert not [code for code, _ in said if code in (Code.TOOL_REFUSES, Code.VALUE_DERIVED)]


def test_bun_keeps_a_merge_of_text_as_a_key_and_js_yaml_refuses_it() -> None:
    agent, _ = _read("claude", "name: a\ndescription: d\n<<: text\nmodel: haiku\n")
    assert agent.metadata["<<"] == "text" and agent.model == "haiku"
    with pytest.raises(ParseError) as caught:
        yaml12.load_mapping("a: b\n<<: text\n", path="x", first_line=2, parser=tabs.JS_YAML_4)
    assert "cannot merge mappings" in caught.value.message and caught.value.span.line == 3
    _, said = _read("gemini", "name: a\ndescription: d\n<<: text\n")
    assert any(code is Code.TOOL_CANNOT_READ for code, _ in said)


@pytest.mark.parametrize("target", ["gemini", "opencode"])
def test_js_yaml_merges_under_a_plain_key_only(target: str) -> None:
    agent, _ = _read(target, "name: a\ndescription: d\n<<: {model: x/y, temperature: 0.2}\n")
    assert agent.model is not None and "<<" not in agent.metadata
    quoted, said = _read(target, "name: a\ndescription: d\n'<<': {model: x/y}\n")
    assert quoted.model is None and quoted.metadata["<<"] == {"model": "x/y"}
    if target == "gemini":  # its schema refuses a key it does not know
        assert any("'<<'" in message for code, message in said if code is Code.TARGET_RULE)


def test_copilot_cli_keeps_the_merge_key_as_a_key_of_its_own_and_that_is_said() -> None:
    agent, said = _read("copilot", "name: a\ndescription: d\n<<: {model: GPT-4.1}\n")
    assert agent.model is None and agent.metadata["<<"] == {"model": "GPT-4.1"}
    assert [m for code, m in said if code is Code.TOOL_MISREADS and "'<<'" in m]


def test_a_merge_key_from_copilot_is_not_written_where_claude_code_would_merge_it() -> None:
    agent, _ = _read("copilot", "name: a\ndescription: d\n<<: {model: GPT-4.1}\nteam: x\n")
    said = Diagnostics("x.md")
    text = api.dumps(agent, "claude", diagnostics=said)
    assert "<<" not in text and "team: x" in text
    assert any("'<<'" in d.message for d in said if d.code is Code.FIELD_DROPPED)
    nested = dataclasses.replace(agent, metadata={"team": {"<<": {"model": "opus"}}})
    assert "<<" not in api.dumps(nested, "claude", diagnostics=Diagnostics("x.md"))
    with pytest.raises(OutputError) as caught:  # our format, read as Claude Code reads it
        api.dumps(agent, "markdown")
    assert "'<<'" in caught.value.message and caught.value.hint
    assert api.loads(api.dumps(agent, "json"), format="json").metadata == agent.metadata


def test_merges_are_counted_before_they_are_made_so_a_merge_bomb_is_refused() -> None:
    header = "a: &a {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}\n"
    for level in "bcdefg":  # each level merges the last one ten times over
        header += f"{level}: &{level}\n  <<: [{', '.join([f'*{chr(ord(level) - 1)}'] * 10)}]\n"
    with pytest.raises(LimitError):
        yaml12.load_mapping(header, path="x", first_line=2, parser=tabs.JS_YAML_4)


_KEYS = st.sampled_from(["k1", "k2", "k3"])
_MAPPINGS = st.dictionaries(_KEYS, st.integers(0, 9), min_size=1, max_size=3)
_ENTRIES = st.lists(
    st.one_of(
        st.tuples(st.just("own"), _KEYS, st.integers(10, 19)),
        st.tuples(st.just("merge"), st.lists(_MAPPINGS, min_size=1, max_size=3)),
    ),
    min_size=1,
    max_size=6,
)


def _js_yaml(entries: list[Any]) -> dict[str, int]:
    """js-yaml 4's `storeMappingPair` and `mergeMappings`, for these entries: a merged key
    is set where none is yet, a key of the mapping's own always (the last one written)."""
    result: dict[str, int] = {}
    for entry in entries:
        if entry[0] == "own":
            result[entry[1]] = entry[2]
            continue
        for source in entry[1]:
            for key, value in source.items():
                result.setdefault(key, value)
    return result


@given(_ENTRIES)
def test_merges_read_as_js_yaml_reads_them(entries: list[Any]) -> None:
    lines = []
    for entry in entries:
        if entry[0] == "own":
            lines.append(f"{entry[1]}: {entry[2]}")
        else:
            flows = ", ".join(
                "{" + ", ".join(f"{k}: {v}" for k, v in m.items()) + "}" for m in entry[1]
            )
            lines.append(f"<<: [{flows}]")
    text = "\n".join(lines) + "\n"
    data, _ = yaml12.load_mapping(text, path="x", first_line=1, parser=tabs.JS_YAML_4)
    assert data == _js_yaml(entries)
    assert list(data or {}) == list(_js_yaml(entries))  # in JavaScript's order of keys


def test_fix_leaves_a_quoted_merge_key_for_claude_code_with_why_and_only_that() -> None:
    quoted = "---\nname: a\ndescription: d\n'<<': {model: haiku}\n---\nBody.\n"
    left = fix.fix_text(quoted, ["claude", "strict-yaml"], path="x.md")
    assert left.text is None
    assert any("quoted or not" in r.detail for r in left.readings)
    # a `<<` of text is no merge to Claude Code: fixed for Gemini CLI, no word of merging
    text = "---\nname: a\ndescription: d\n<<: text\n---\nBody.\n"
    fixed = fix.fix_text(text, ["claude", "gemini"], path="x.md")
    assert fixed.text is not None and "'<<': text" in fixed.text
    assert not any("quoted or not" in r.detail for r in fixed.readings)
