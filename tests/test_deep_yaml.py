"""YAML nested deeper than PyYAML's C composer survives is refused with its line before the
composer sees it (100,000 nested `- ` in a 200 KB header crashed the process: in a header,
a `.roomodes` read or one written into), and a prompt full of `[` that nests nothing is
read, not refused (a Roo prompt of 200 `<![CDATA[` lines failed its own self-check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from converter import Diagnostics, LimitError, dumps, loads
from converter.frontmatter.yaml12 import load_mapping_fully, refuse_deep
from converter.frontmatter.yaml_walk import COMPOSER_DEPTH
from converter.options import DEPTH_CEILING, NEVER_DEEPER, Limits

DEEP = 100_000


def _agentmorph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # a child process: were the composer reached, it would crash, not fail
    return subprocess.run(
        [sys.executable, "-m", "converter", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("case", "value", "line"),
    [
        ("block sequences", "\n  " + "- " * DEEP + "x", 5),
        ("explicit keys", "\n  " + "? " * DEEP + "x", 5),
        ("flow sequences", "[" * DEEP + "]" * DEEP, 4),
    ],
)
def test_a_header_nested_past_the_composer_is_refused_with_its_line(
    tmp_path: Path, case: str, value: str, line: int
) -> None:
    (tmp_path / "deep.md").write_text(f"---\nname: deep\ndescription: d\nmeta: {value}\n---\nx\n")
    done = _agentmorph("convert", "deep.md", "--to", "json", "-o", "out/", cwd=tmp_path)
    assert done.returncode == 1, done.stderr[-500:]
    assert f"deep.md:{line}: error: YAML nested deeper than 64 levels" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_roomodes_nested_past_the_composer_is_refused_read_or_written_into(
    tmp_path: Path,
) -> None:
    mode = "customModes:\n  - slug: x\n    name: X\n    roleDefinition: r\n    groups:\n"
    (tmp_path / ".roomodes").write_text(mode + "      " + "- " * DEEP + "read\n")
    (tmp_path / "a.md").write_text("---\nname: a\ndescription: d\n---\nx\n")
    read = _agentmorph("convert", ".roomodes", "--to", "json", cwd=tmp_path)
    assert read.returncode == 1 and ".roomodes:6: error: YAML nested deeper" in read.stderr
    written = _agentmorph("convert", "a.md", "--to", "roo", "-o", ".", cwd=tmp_path)
    assert written.returncode == 1, written.stderr[-500:]
    assert "not YAML we can read: YAML nested deeper than 64 levels at line 6" in written.stderr


def test_a_repaired_line_holding_a_list_past_pythons_limit_is_refused_not_an_internal_error() -> (
    None
):
    text = "---\nname: a\ndescription: needs: repair\ntools: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    with pytest.raises(LimitError) as caught:
        loads(text, format="claude", path="a.md")
    assert caught.value.span is not None and caught.value.span.line == 4


def test_a_prompt_of_unclosed_brackets_is_written_to_roo_and_read_back() -> None:
    prompt = "]]>\n" * 200 + "<![CDATA[\n" * 200
    agent = loads(f"---\nname: cdata\ndescription: d\n---\n{prompt}", format="claude", path="a.md")
    text = dumps(agent, "roo", diagnostics=Diagnostics())  # was: "does not read back"
    assert loads(text, format="roo", path=".roomodes").instructions == agent.instructions


def _depth(value: Any) -> int:
    """Nodes on the longest path from `value` down, itself and a scalar leaf counted (as the
    header's limit counts them: a key is a node one level below its mapping)."""
    if isinstance(value, dict):
        return 1 + max((max(1, _depth(v)) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 1


_NESTED = st.recursive(
    st.sampled_from(["x", "[", "a: b", "- c", "? d", "{"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner),
    max_leaves=40,
)


@given(_NESTED, st.booleans(), st.integers(1, 12), st.booleans())
@example(value=[[[["x"]]]], flow=False, limit=4, long=False)
@example(value=[[[["x"]]]], flow=True, limit=3, long=True)
def test_refused_exactly_when_deeper_than_the_limit(
    value: Any, flow: bool, limit: int, long: bool
) -> None:
    text = yaml.safe_dump({"k": value}, default_flow_style=flow)
    if long:  # past the count that clears a text at once: measured from the parser's events
        text = "# " + "-" * (COMPOSER_DEPTH + 1) + "\n" + text
    deep = _depth({"k": value})  # the header's own mapping is the first level
    limits = Limits(max_depth=limit)
    if deep > limit:
        with pytest.raises(LimitError):
            load_mapping_fully(text, path="h", first_line=1, limits=limits)
    else:
        load_mapping_fully(text, path="h", first_line=1, limits=limits)


def test_the_limit_never_lets_more_than_the_composer_takes_through() -> None:
    text = "k:\n  " + "- " * (COMPOSER_DEPTH + 1) + "x\n"
    with pytest.raises(LimitError, match=f"deeper than {DEPTH_CEILING} levels") as caught:
        refuse_deep(text, path="h", max_depth=10 * COMPOSER_DEPTH)
    assert caught.value.hint == NEVER_DEEPER and DEPTH_CEILING < COMPOSER_DEPTH
    with pytest.raises(LimitError) as within:
        refuse_deep(text, path="h", max_depth=64)
    assert "raise the limit with --max-depth" in (within.value.hint or "")


@pytest.mark.parametrize("count", [100, 500])
def test_a_run_of_unclosed_brackets_is_read_as_the_text_claude_code_reads(count: int) -> None:
    # not YAML, so Claude Code quotes the line and reads the text: the depth it reaches
    # before the error is no reason to refuse (past COMPOSER_DEPTH it is)
    text = f"---\nname: a\ndescription: {'[' * count}\n---\nx\n"
    diags = Diagnostics()
    assert loads(text, format="claude", path="a.md", diagnostics=diags).description == "[" * count
    assert any(d.code.value == "frontmatter-repaired" for d in diags)
