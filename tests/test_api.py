"""The library API: `import converter` works as the README shows, and conversions verify."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import converter
from converter import Agent, Diagnostics, InternalError, convert, dump, dumps, load, loads
from converter.registry import Format, ReadContext, Registry, WriteContext
from tests.conftest import FIXTURES
from tests.strategies import agents


def test_public_names() -> None:
    for name in ("load", "loads", "dump", "dumps", "convert", "Agent"):
        assert name in converter.__all__


def test_load_dump_round_trip(tmp_path: Path) -> None:
    agent = load(FIXTURES / "markdown" / "basic.md")
    dump(agent, tmp_path / "basic.json")
    assert load(tmp_path / "basic.json") == agent


def test_convert_returns_text_agent_and_diagnostics() -> None:
    result = convert(
        (FIXTURES / "markdown" / "unquoted-colon.md").read_bytes(), "json", path="a.md"
    )
    assert result.source_format == "markdown" and result.target_format == "json"
    assert [d.code for d in result.diagnostics] == ["frontmatter-repaired"]
    assert loads(result.text, format="json") == result.agent


def test_tools_are_three_valued() -> None:
    inherit = loads("---\nname: a\n---\n")
    none = loads("---\nname: a\ntools: []\n---\n")
    some = loads("---\nname: a\ntools: Read\n---\n")
    assert (inherit.tools, none.tools, some.tools) == (None, (), ("Read",))
    assert inherit.inherits_all_tools and not none.inherits_all_tools
    # Claude Code 2.1.332 starts an agent of an empty list with no tool (its agent list
    # says "All tools"), and refuses to start one of `tools: none` (our older form): both
    # are read as no tools, and said; no tools is written `tools: []`
    for empty in ("tools:", 'tools: ""', "tools: []", "tools: none"):
        notes = Diagnostics()
        agent = loads(f"---\nname: a\n{empty}\n---\n", diagnostics=notes)
        assert agent.tools == () and [d.code for d in notes] == ["tool-misreads"], empty
    assert "tools: []" in dumps(Agent(name="a", tools=()), "markdown")
    assert "tools: []" in dumps(Agent(name="a", description="d", tools=()), "claude")
    # a one-word line meaning every tool: Claude Code 2.1.332 has no such tool and refuses
    # to start the agent ("unrecognized [all]"); read as every tool, as meant, and said
    for every in ("tools: all", "tools: All tools", "tools: inherit", "tools: ANY"):
        notes = Diagnostics()
        agent = loads(f"---\nname: a\n{every}\n---\n", diagnostics=notes)
        assert agent.tools is None and [d.code for d in notes] == ["tool-misreads"], every
        assert "tools" not in dumps(replace(agent, description="d"), "opencode"), every
    # as with "none", a YAML list names its tools: it is how a tool really named "all" is
    # written, so the lossless format gives it back (hypothesis found `tools: ALL` read as
    # every tool: the comma line was written for a one-name list)
    for named in (("ALL",), ("All tools",), ("All", "tools"), ("none",), ("inherit",)):
        written = dumps(Agent(name="a", tools=named), "markdown")
        assert loads(written).tools == named, (named, written)
    assert loads("---\nname: a\ntools: [all]\n---\n").tools == ("all",)
    # a list names its tools in claude --agents JSON too (its only form): a tool named "all" is written, and read back, as
    # itself (it was written ["all"], read back as every tool, and refused as wider)
    for named in (("all",), ("All", "tools")):
        written = dumps(Agent(name="a", description="d", tools=named), "claude-json")
        assert loads(written, format="claude-json").tools == named, written
    for kept in ("tools: allow", "tools: All, Read"):  # a tool of that name, or more than it
        assert loads(f"---\nname: a\n{kept}\n---\n").tools is not None, kept


def test_description_views() -> None:
    agent = Agent(name="a", description="Use it.\\n<example>one</example> <example>two</example>")
    assert agent.examples == ("one", "two")
    assert agent.description_text == "Use it.\n<example>one</example> <example>two</example>"


def test_equality_ignores_provenance() -> None:
    agent = loads("---\nname: a\n---\nbody")
    assert agent == replace(agent, provenance=None)


class _LossyJson(Format):
    """A broken writer: drops the description. The self-check must catch it."""

    name = "lossy"
    extension = ".lossy"
    carries = frozenset({"name", "description", "instructions"})

    def read(self, text: str, context: ReadContext) -> Agent:
        return Agent(name=text.strip())

    def write(self, agent: Agent, context: WriteContext) -> str:
        return agent.name


def test_a_writer_that_loses_data_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {
        "markdown": "formats.markdown_format:MarkdownFormat",
        "lossy": "tests.test_api:_LossyJson",
    }
    registry = Registry(table, plugins=False)
    with pytest.raises(InternalError, match="reads back differently"):
        convert("---\nname: a\ndescription: kept?\n---\n", "lossy", registry=registry)


_FIELDS = ("name", "description", "instructions", "model", "tools", "metadata", "extensions")


@given(
    agent=agents(),
    other=agents(),
    changed=st.sampled_from(_FIELDS),
    carries=st.sets(st.sampled_from(_FIELDS)).map(frozenset),
)
def test_the_self_check_compares_what_a_projection_compares(
    agent: Agent, other: Agent, changed: str, carries: frozenset[str]
) -> None:
    # the self-check compares carried fields in place of building two projected agents
    from converter.api import _same_carried, project

    for again in (other, replace(agent, **{changed: getattr(other, changed)}), agent):
        expected = project(agent, carries) == project(again, carries)
        assert _same_carried(agent, again, carries) is expected


def test_dumps_restores_bom_and_crlf() -> None:
    data = (FIXTURES / "markdown" / "bom-crlf.md").read_bytes()
    assert dumps(loads(data, path="x.md")).encode() == data


def test_merge_is_the_function_whatever_was_imported_first() -> None:
    # the merge engine was the package `converter.merge`: once any of its modules was
    # imported (`from converter import MergeOptions, merge` did it), `converter.merge` was
    # that package, and `merge([...])` raised "'module' object is not callable"
    import subprocess
    import sys

    script = (
        "import converter.merging.types\n"
        "from converter import MergeOptions, merge\n"
        "from converter import Agent\n"
        "a = Agent(name='a', description='d', instructions='x')\n"
        "print(merge([a, a], MergeOptions()).agent.name)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout == "a\n", done.stderr


@pytest.mark.parametrize("version", [1, 1.0, "1.0", "1.3"])
def test_a_model_version_of_this_major_is_read_even_written_as_a_number(version: object) -> None:
    import json

    text = json.dumps({"version": version, "name": "a", "description": "d", "instructions": "x"})
    diags = converter.Diagnostics()
    agent = converter.loads(text, format="json", diagnostics=diags)
    assert agent.name == "a"
    said = [d.code.value for d in diags if d.field == "version"]
    assert said == (["value-coerced"] if not isinstance(version, str) else [])


@pytest.mark.parametrize("version", [2, "2.0", [1], True])
def test_another_model_version_is_refused_with_its_reason(version: object) -> None:
    import json

    text = json.dumps({"version": version, "name": "a", "description": "d", "instructions": "x"})
    with pytest.raises(converter.ValidationError, match="model version"):
        converter.loads(text, format="json")


@pytest.mark.parametrize("target", ["opencode", "codex", "kiro", "gemini", "copilot", "cursor"])
def test_convert_of_a_text_with_no_path_checks_its_output_as_its_tool_would_find_it(
    target: str,
) -> None:
    # OpenCode names an agent by its file alone: with no path, the self-check read the output
    # back with no name and raised "does not read back; please report this" for every agent
    text = "---\nname: reviewer\ndescription: Reviews code\n---\nYou review.\n"
    done = convert(text, target, from_format="claude")
    assert "You review." in done.text
