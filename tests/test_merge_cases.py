"""Merge example folders: fixtures/merge/<case>/ holds variants written by us, the merged
agent a person judged right (`expected.md`, or `expected-conflict.txt` when the merge must
stop), and the report (`report.json`). `pytest --update-goldens` rewrites them; review the
change with git diff before committing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter import dumps
from converter.merging import MergeOptions
from converter.merging import report as merge_report
from converter.merging.files import merge_files
from tests.conftest import FIXTURES
from tests.goldens import assert_golden

CASES = sorted(p for p in (FIXTURES / "merge").iterdir() if p.is_dir())
_OUTPUTS = ("expected.md", "expected-conflict.txt", "report.json", "options.json")


def _variants(case: Path) -> list[str]:
    return [
        str(p.relative_to(FIXTURES.parent))
        for p in sorted(case.iterdir())
        if p.is_file() and p.name not in _OUTPUTS
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_merge_case(case: Path, update_goldens: bool) -> None:
    options_file = case / "options.json"
    options = (
        MergeOptions(**json.loads(options_file.read_text()))
        if options_file.exists()
        else MergeOptions()
    )
    run = merge_files(_variants(case), options)
    assert run.result is not None
    result = run.result
    report = json.dumps(merge_report.to_json(result.report), indent=2, ensure_ascii=False) + "\n"
    assert_golden(report, case / "report.json", update=update_goldens)
    if result.clean:
        assert not (case / "expected-conflict.txt").exists() or update_goldens
        assert_golden(dumps(result.agent, "markdown"), case / "expected.md", update=update_goldens)
    else:
        lines = merge_report.summary(result.report, result.agent.name)
        first = next(n for n, line in enumerate(lines) if line.startswith("CONFLICT"))
        conflicts = "\n".join(lines[first:]) + "\n"
        assert_golden(conflicts, case / "expected-conflict.txt", update=update_goldens)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_merge_case_does_not_depend_on_input_order(case: Path) -> None:
    variants = _variants(case)
    forward = merge_files(variants).result
    backward = merge_files(list(reversed(variants))).result
    assert forward is not None and backward is not None
    assert forward.agent == backward.agent
    assert forward.report == backward.report
