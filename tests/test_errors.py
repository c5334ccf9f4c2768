"""Bad input: one clear error naming the file and line, an input error (exit 1), no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import InputError, load
from tests.conftest import FIXTURES, ROOT
from tests.goldens import assert_golden

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if not p.name.endswith(".error.txt"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_invalid_input_gets_one_located_error(path: Path, update_goldens: bool) -> None:
    relative = path.relative_to(ROOT)
    with pytest.raises(InputError) as caught:
        load(relative)
    error = caught.value
    assert error.exit_code == 1
    assert error.span is not None and error.span.path == str(relative)
    assert error.span.line is not None, "every input error names a line"
    assert_golden(
        error.render() + "\n", path.with_name(path.name + ".error.txt"), update=update_goldens
    )


@pytest.mark.parametrize("tool", ["claude", "copilot", "gemini"])  # (OpenCode repairs it)
def test_a_header_a_tool_cannot_parse_is_said_with_the_line_and_why(tool: str) -> None:
    from converter import Diagnostics, loads

    text = "---\nname: x\ndescription: Use when: reviewing\n  code: yes\n---\nReview.\n"
    diags = Diagnostics("x.md")
    loads(text, format=tool, path="x.md", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "tool-cannot-read"]
    assert said, [d.message for d in diags]
    assert "its YAML is invalid at line 3, column 22: mapping values are not allowed" in said[0]
