"""vocabulary.json is vocabulary.toml as data: the TOML is what people edit (with its
comments), the JSON what a run reads (no tomllib import or TOML parse at start-up).
`make vocabulary` (this test with --update-goldens) writes the JSON again."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from converter.targets import vocabulary

FOLDER = Path(vocabulary.__file__).parent


def compiled_from_source() -> str:
    with (FOLDER / "vocabulary.toml").open("rb") as source:
        data = tomllib.load(source)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_the_json_is_the_toml(request: pytest.FixtureRequest) -> None:
    wanted = compiled_from_source()
    compiled = FOLDER / vocabulary.COMPILED
    if request.config.getoption("--update-goldens"):
        compiled.write_text(wanted, encoding="utf-8")
    assert compiled.read_text(encoding="utf-8") == wanted, (
        "vocabulary.toml changed: run `make vocabulary` to write vocabulary.json again"
    )
    assert vocabulary.table() == json.loads(wanted)
