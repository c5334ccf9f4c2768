"""Recorded cases: hand-written files each tool loads or refuses, judged by the tool's own
loader; the verdicts are kept in fixtures/conformance/verdicts.json, so the offline test
suite (tests/test_conformance_cases.py) checks that `agentmorph validate --target` agrees
with the real tool without running it.

    python conformance/run.py --cases      # re-record the verdicts (needs the tools)
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import judge

from converter.diagnostics import Diagnostics
from converter.errors import ConverterError
from converter.io import textio
from converter.registry import ReadContext, default_registry

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "conformance"
VERDICTS = CASES / "verdicts.json"


class _Source:
    """A case as the judges take a source: its label, the agent, no source format (a case's
    own unknown keys count against it)."""

    def __init__(self, label: str, agent: Any) -> None:
        self.label, self.agent, self.fmt = label, agent, None


def case_files() -> list[tuple[str, Path]]:
    """(target, file) for every case, in a stable order."""
    return [
        (folder.name, path)
        for folder in sorted(p for p in CASES.iterdir() if p.is_dir())
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]


def read_case(target: str, path: Path) -> list[Any]:
    fmt = default_registry().get(target)
    decoded = textio.decode(path.read_bytes(), str(path))  # as a file is: a BOM taken off
    context = ReadContext(
        str(path),
        path.name.split(".")[0],
        diagnostics=Diagnostics(str(path)),
        bom=decoded.bom,
        crlf=decoded.newline == "\r\n",
    )
    return list(fmt.read_many(decoded.text, context))


def record(tools: Path, work: Path) -> dict[str, Any]:
    """Each case placed alone in a project where its tool looks, and the tool's verdict."""
    registry = default_registry()
    found: dict[str, Any] = {}
    for number, (target, path) in enumerate(case_files()):
        fmt = registry.get(target)
        try:
            agent = read_case(target, path)[0]
        except ConverterError as error:  # unreadable by us: nothing to judge it against
            raise SystemExit(f"conformance: {path}: {error.message}") from error
        project = work / f"case-{number}"
        placed = project / judge.layout_path(fmt, agent)
        placed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, placed)
        entry = (_Source(str(path), agent), placed)
        verdict, detail = judge.judge_one(target, tools, project, entry)
        detail = detail.replace(f"{project}/", "").replace(str(work), "")
        found[f"{target}/{path.name}"] = {
            "verdict": "loaded as written" if verdict == "ok" else verdict,
            "detail": detail,
        }
        print(f"conformance: case {target}/{path.name}: {verdict}", file=sys.stderr, flush=True)
    return {"loaders": judge.VERSIONS, "cases": found}


def save(verdicts: dict[str, Any]) -> None:
    VERDICTS.write_text(json.dumps(verdicts, indent=2, ensure_ascii=False) + "\n", "utf-8")
