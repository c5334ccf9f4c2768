"""Golden-file comparison: compare, or rewrite with `pytest --update-goldens`."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest


def assert_golden(actual: str, golden: Path, *, update: bool) -> None:
    """Fail with a diff when `actual` differs from the golden file (or rewrite it)."""
    if update:
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden}; run: pytest --update-goldens {golden.parent}")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                str(golden),
                "actual",
            )
        )
        pytest.fail(
            f"{golden} differs; if the change is right, run: pytest --update-goldens\n{diff}"
        )
