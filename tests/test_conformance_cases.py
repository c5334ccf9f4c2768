"""`validate --target` agrees with each tool's own loader, offline: the verdicts on the
hand-written cases in fixtures/conformance/ were recorded by the real tools
(`python conformance/run.py --cases`, versions in verdicts.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError
from converter.io import textio
from converter.registry import ReadContext, default_registry

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "conformance"
RECORDED = json.loads((CASES / "verdicts.json").read_text(encoding="utf-8"))
FILES = sorted(
    f"{folder.name}/{path.name}"
    for folder in CASES.iterdir()
    if folder.is_dir()
    for path in folder.iterdir()
)


def _rule_issues(case: str, *, misread: bool = False) -> list[str]:
    target, _, name = case.partition("/")
    fmt = default_registry().get(target)
    path = CASES / case
    notes = Diagnostics(str(path))
    # decoded as a file is (a byte-order mark taken off, and remembered)
    decoded = textio.decode(path.read_bytes(), str(path))
    context = ReadContext(
        str(path),
        name.split(".")[0],
        diagnostics=notes,
        bom=decoded.bom,
        crlf=decoded.newline == "\r\n",
    )
    try:
        for agent in fmt.read_many(decoded.text, context):
            fmt.validate(agent, notes)
    except ConverterError as error:
        return [error.message]
    # a refusal said on reading (`tool-refuses`: a Codex role with no instructions) is one
    # validate shows too
    issues = (Code.TARGET_RULE, Code.TOOL_REFUSES, Code.TOOL_CANNOT_READ)
    if misread:  # said, not counted: the agent loads, though not as its author meant
        issues += (Code.TOOL_MISREADS,)
    # an info is advice `validate` shows but does not count (a name style the tool's
    # documentation asks for and the tool does not enforce)
    return [d.message for d in notes if d.code in issues and d.severity is Severity.WARNING]


def test_every_case_has_a_recorded_verdict() -> None:
    assert sorted(RECORDED["cases"]) == FILES
    assert {"loaded as written", "refused", "misread"} >= {
        v["verdict"] for v in RECORDED["cases"].values()
    }
    # each tool with a runnable loader has a file it loads and one it does not
    for target in {case.split("/")[0] for case in FILES}:
        verdicts = {v["verdict"] for k, v in RECORDED["cases"].items() if k.startswith(target)}
        assert "loaded as written" in verdicts and len(verdicts) > 1, target


@pytest.mark.parametrize("case", FILES)
def test_validate_says_what_the_tool_does(case: str) -> None:
    verdict = RECORDED["cases"][case]
    issues = _rule_issues(case, misread=verdict["verdict"] == "misread")
    if verdict["verdict"] == "loaded as written":
        assert issues == [], f"the tool loads {case}, validate says: {issues}"
    else:
        assert issues, f"the tool says {verdict['detail']!r} of {case}; validate called it clean"
