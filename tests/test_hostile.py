"""Hostile input for every reader: one clear error (or a warning and a correct result when the
input is only odd), within the time and memory bounds each case states, never a traceback."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from converter import Agent, ConverterError, Diagnostics, InputError, LimitError, load, loads

#: generous bounds: they catch runaway expansion or quadratic blow-ups, not slowness
SECONDS = 10.0
MEGABYTES = 256


def bounded(
    action: Callable[[], Any], *, seconds: float = SECONDS, megabytes: float = MEGABYTES
) -> Any:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        return action()
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        assert elapsed < seconds, f"took {elapsed:.1f}s, bound {seconds}s"
        assert peak < megabytes, f"used {peak:.0f} MB, bound {megabytes} MB"


def _bomb() -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    return "---\n" + "\n".join(lines) + "\n---\nbody\n"


REFUSED: list[tuple[str, str, str | bytes, type[ConverterError]]] = [
    ("markdown", "binary", b"---\nname: a\n---\n\x00\x01\xff", InputError),
    ("markdown", "latin-1", "---\nname: caf\xe9\n---\n".encode("latin-1"), InputError),
    ("markdown", "fence only", "---", InputError),
    ("markdown", "unterminated", "---\nname: a\ndescription: b\n", InputError),
    ("markdown", "alias bomb", _bomb(), LimitError),
    ("markdown", "deep flow nesting", "---\nname: a\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n", LimitError),
    ("markdown", "deep block nesting", "---\nname: a\n" + "".join("  " * d + f"k{d}:\n" for d in range(200)) + "---\n", LimitError),
    ("markdown", "python tag", "---\nname: a\nx:\n  y: !!python/object/apply:os.system [echo]\n---\n", InputError),
    ("markdown", "name is a list", "---\nname: [a, b]\n---\n", InputError),
    ("json", "nested 100,000 levels", '{"name": "a", "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}", InputError),
    ("json", "not JSON", "{name: a}", InputError),
    ("json", "wrong types", '{"name": "a", "tools": "Read"}', InputError),
    ("json", "binary", b"\x00\x00\x00", InputError),
    ("toml", "invalid", 'name = "a"\ntools = [', InputError),
    ("toml", "nested 100,000 levels", "x = " + "[" * 100_000 + "]" * 100_000, InputError),
    ("toml", "wrong types", 'name = "a"\ntools = "Read"', InputError),
    ("xml", "unbalanced", '<agent name="a">\n<instructions>\nnever closed\n', InputError),
    ("xml", "stray text", '<agent name="a">\ntext\n</agent>\n', InputError),
    ("xml", "bad metadata", '<agent name="a">\n<metadata>{oops}</metadata>\n<instructions>\nx\n</instructions>\n</agent>\n', InputError),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fmt", "case", "data", "error"), REFUSED, ids=[f"{f}:{c}" for f, c, _, _ in REFUSED]
)
def test_hostile_input_gets_one_located_error(
    fmt: str, case: str, data: str | bytes, error: type[ConverterError]
) -> None:
    with pytest.raises(error) as caught:
        bounded(lambda: loads(data, format=fmt, path=f"hostile.{fmt}"))
    assert caught.value.span is not None and caught.value.span.path == f"hostile.{fmt}"
    assert "Traceback" not in caught.value.render()


ODD: list[tuple[str, str, str]] = [
    ("markdown", "empty file", ""),
    ("markdown", "10 MB single line", "---\nname: a\ndescription: " + "x" * 10_000_000 + "\n---\nbody\n"),
    ("markdown", "10 MB body line", "---\nname: a\n---\n" + "y" * 10_000_000),
    ("markdown", "duplicate keys", "---\nname: a\nname: b\n---\n"),
    ("markdown", "YAML 1.1 words", "---\nname: a\nbackground: yes\nversion: 1.10\n---\n"),
    ("xml", "empty file", ""),
    ("xml", "3,000 nested tags", "".join(f"<t{i}>\n" for i in range(3000)) + "".join(f"</t{i}>\n" for i in reversed(range(3000)))),
    ("toml", "no name", 'instructions = "x"'),
    ("json", "duplicate keys", '{"name": "a", "name": "b"}'),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "case", "text"), ODD, ids=[f"{f}:{c}" for f, c, _ in ODD])
def test_odd_input_reads_with_a_warning_or_cleanly(fmt: str, case: str, text: str) -> None:
    diags = Diagnostics()
    agent = bounded(lambda: loads(text, format=fmt, path=f"odd.{fmt}", diagnostics=diags))
    assert isinstance(agent, Agent)
    assert loads(_round(agent, fmt), format=fmt, path=f"odd.{fmt}") == agent


def _round(agent: Agent, fmt: str) -> str:
    from converter import dumps

    return dumps(agent, fmt)


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(100 * 2**20)  # sparse: no 100 MB written to the test machine's disk
    with pytest.raises(LimitError, match="--max-size"):
        bounded(lambda: load(huge), seconds=2, megabytes=8)


def test_limits_can_be_raised() -> None:
    from converter import ReadOptions

    nested = "---\nname: a\nx: " + "[" * 80 + "]" * 80 + "\n---\n"
    with pytest.raises(LimitError):
        loads(nested, format="markdown")
    assert loads(nested, format="markdown", options=ReadOptions(max_depth=100)).name == "a"


def _nested(fmt: str, depth: int) -> str:
    value = "[" * depth + "]" * depth
    return {
        "markdown": "---\nname: a\ndescription: d\nx:\n  " + "- " * depth + "v\n---\nx\n",
        "json": '{"name": "a", "instructions": "x", "metadata": {"m": ' + value + "}}",
        "toml": 'name = "a"\ninstructions = "x"\n[metadata]\nm = ' + value + "\n",
    }[fmt]


@pytest.mark.parametrize("fmt", ["markdown", "json", "toml"])
def test_a_raised_depth_limit_stops_at_the_ceiling_and_below_it_every_target_writes(
    fmt: str,
) -> None:
    # under --max-depth 100000, values 400 deep ended in "unexpected RecursionError" (exit
    # 70) in the writers and the self-check: what is read past the ceiling is refused
    from converter import ReadOptions, convert
    from converter.options import DEPTH_CEILING, NEVER_DEEPER
    from converter.registry import default_registry

    raised = ReadOptions(max_depth=100_000)
    with pytest.raises(LimitError) as caught:
        loads(_nested(fmt, DEPTH_CEILING + 50), format=fmt, path="a", options=raised)
    assert f"deeper than {DEPTH_CEILING} levels" in caught.value.message
    assert caught.value.hint == NEVER_DEEPER
    text = _nested(fmt, DEPTH_CEILING - 60)
    for target in default_registry():  # each written and read back (XML's metadata too)
        convert(text, target.name, from_format=fmt, path="a", options=raised)


@pytest.mark.parametrize(
    "model", [" " * 200_000 + "x", "(" * 200_000, "Claude Sonnet " * 20_000 + "4.6"]
)
@pytest.mark.parametrize("target", ["claude", "copilot", "opencode", "kiro", "cursor", "codex"])
def test_a_hostile_model_name_is_translated_in_linear_time(model: str, target: str) -> None:
    # a display name's qualifier was cut with `\s*\([^)]*\)`: 200,000 spaces or brackets took
    # about 100 s (a second per 20,000) before any file was written
    from converter import dumps

    agent = Agent(name="a", description="d", instructions="x", model=model)
    bounded(lambda: dumps(agent, target))


def test_opencodes_second_pass_reads_a_line_of_many_spaces_in_linear_time() -> None:
    # its pattern, `\s*:\s*(.*)$` as a Python regex, backtracked over the spaces before a
    # line end `.` does not match: 16,000 took 2.9 s, 200,000 would take minutes
    line = "a:" + " " * 200_000 + "x\u2028y"
    text = f"---\ndescription: d\ntools: [\n{line}\n---\nBody\n"  # invalid: the pass runs
    diags = Diagnostics("a.md")
    bounded(lambda: loads(text, format="opencode", path="a.md", diagnostics=diags))
    assert [d.code.value for d in diags if d.code.value == "tool-cannot-read"]


def test_a_merge_of_more_sections_than_it_aligns_is_refused_before_aligning() -> None:
    # 2 x 20,000 sections that match nothing in the other took a minute (each is aligned
    # against up to a few thousand candidates); 16 MiB of them, hours
    from converter import merge

    variants = [
        Agent(name="a", description="d", instructions="".join(f"## {w}{n}\nx\n" for n in range(20_000)))
        for w in ("alpha", "beta")
    ]  # fmt: skip
    with pytest.raises(LimitError, match="40,000 sections together") as raised:
        bounded(lambda: merge(variants))
    assert "--max-sections" in (raised.value.hint or "")


def test_the_section_limit_can_be_raised() -> None:
    from converter import MergeOptions, merge

    variants = [Agent(name="a", description="d", instructions="## A\nx\n## B\ny\n")] * 2
    with pytest.raises(LimitError):
        merge(variants, MergeOptions(max_sections=3))
    assert "## A" in merge(variants, MergeOptions(max_sections=4)).agent.instructions


def test_a_folder_a_thousand_levels_deep_is_walked_and_written(tmp_path: Path) -> None:
    # the walk recursed twice per level and Path.mkdir(parents=True) once: a checkout 1,100
    # folders deep raised RecursionError (a traceback, then "unexpected RecursionError")
    import os

    from typer.testing import CliRunner

    from converter.cli import build_app

    deepest = tmp_path / "in"
    os.mkdir(deepest)
    for _ in range(1_100):
        deepest = deepest / "x"
        os.mkdir(deepest)
    (deepest / "a.md").write_text("---\nname: a\ndescription: d\n---\nx\n")
    out = tmp_path / "out"
    try:
        result = CliRunner().invoke(
            build_app(), ["convert", str(tmp_path / "in"), "--to", "json", "-o", str(out)]
        )
        assert result.exit_code == 0, result.stderr[-500:]
        assert out.joinpath(*(["x"] * 1_100), "a.json").is_file()
    finally:  # shutil.rmtree (pytest's clean-up) recurses once per level too
        for top in (tmp_path / "in", out):
            _remove_deep(top)


def _remove_deep(top: Path) -> None:
    """Remove a tree of one folder per level, deepest first, without recursion."""
    import os

    chain = [top]
    while chain[-1].is_dir():
        inside = [p for p in chain[-1].iterdir() if p.is_dir()]
        if not inside:
            break
        chain.append(inside[0])
    for folder in reversed(chain):
        if folder.is_dir():
            for entry in folder.iterdir():
                if not entry.is_dir():
                    entry.unlink()
            os.rmdir(folder)


def test_a_setting_of_another_kind_is_left_out_not_an_error() -> None:
    # `background: []` from a Claude file crashed the Cursor target ("unexpected TypeError")
    from converter import dumps

    agent = loads("---\nname: bg\ndescription: d\nbackground: []\n---\nb\n", format="claude")
    said = Diagnostics()
    assert "is_background" not in dumps(agent, "cursor", diagnostics=said)
    assert any("cannot take claude background" in d.message for d in said)


def test_own_permissions_that_restrict_nothing_never_widen_an_explicit_list() -> None:
    # an OpenCode `permission` OpenCode refuses (null), or one restricting nothing, was
    # written instead of the agent's tool list: every tool (the self-check refused it)
    from converter import dumps
    from converter.api import check_round_trip
    from converter.registry import default_registry

    for rules in (None, {"edit": "deny", "bash": {"git *": "allow"}}):
        agent = Agent(name="a", description="d", instructions="x", tools=("Read",),
                      extensions={"opencode": {"permission": rules}})  # fmt: skip
        said = Diagnostics()
        text = dumps(agent, "opencode", diagnostics=said)
        assert "'*': deny" in text and "read: allow" in text
        fmt = default_registry().get("opencode")
        check_round_trip(fmt, agent, text, path=".opencode/agents/a.md", diagnostics=said)


@pytest.mark.parametrize("target", ["claude", "codex", "gemini", "copilot", "kiro", "cursor"])
def test_an_empty_model_list_is_no_model_not_an_error(target: str) -> None:
    # `model: []` crashed every target that takes one model ("unexpected IndexError")
    from converter import dumps

    agent = loads("---\nname: a\ndescription: d\nmodel: []\n---\np\n", format="markdown")
    said = Diagnostics()
    dumps(agent, target, diagnostics=said)
    assert any("empty model list" in d.message for d in said)


def test_a_roo_group_entry_of_another_shape_names_no_group() -> None:
    # `groups: [[false]]` crashed the reader ("unexpected AttributeError")
    text = "customModes:\n- slug: a\n  name: A\n  roleDefinition: p\n  groups:\n  - - false\n"
    assert loads(text, path=".roomodes").tools == ()


def test_a_server_type_of_another_kind_is_left_out_not_an_error() -> None:
    # `type: [null]` beside a url crashed the Gemini target ("unhashable type: 'list'")
    from converter import dumps

    text = "---\nname: a\ndescription: d\nmcpServers:\n  s:\n    type: [null]\n    url: 0\n---\np\n"
    agent = loads(text, format="claude", path="a.md")
    for target in ("gemini", "codex", "kiro", "copilot"):
        dumps(agent, target)


@pytest.mark.parametrize("prefix", ["0b", "0x", "0o", "-0b", "1_", "2024-01-01", "1:"])
@pytest.mark.parametrize("fmt", ["gemini", "opencode", "claude", "copilot"])
def test_a_long_number_like_value_is_read_in_linear_time(prefix: str, fmt: str) -> None:
    # each tool's schema (schemas.py) once matched `0b[01_]*[01][01_]*`, two ways to take
    # each digit: 8,000 digits then a letter took 0.5 s, 200,000 would take minutes
    text = f"---\nname: a\ndescription: {prefix}{'1' * 200_000}x\n---\nBody\n"
    agent = bounded(lambda: loads(text, format=fmt, path="a.md"))
    assert agent.description == f"{prefix}{'1' * 200_000}x"


def test_the_comments_of_a_long_rewritten_value_are_found_in_linear_time() -> None:
    # fix keeps the comments on the lines of a value it writes again (comments.py): each `#`
    # is placed among the block's tokens by bisection, not by a pass over all of them
    from converter.frontmatter import comments

    block = ["tools:", *(f"  - 'a # {n}'  # item #{n}" for n in range(40_000))]
    found = bounded(lambda: comments.found(block))
    assert [note.text for note in found[:2]] == ["# item #0", "# item #1"] and len(found) == 40_000
