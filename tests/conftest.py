"""Shared test setup: paths, the --update-goldens option, hypothesis profiles, corpus skipping."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

# `make test` is the gate a change lands through: its examples are the same on every run
# and machine (derandomize: each property's seed comes from the test itself), so a change
# that passes here passes in CI. Searching at random is `make fuzz`'s job, over every
# property: a random CI run once failed on an example a fresh clone had never drawn.
_GATE = {"deadline": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=60, **_GATE)
settings.register_profile("ci", max_examples=200, **_GATE)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite golden files from the current output (review with git diff)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if (SHARED / "corpus").is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED} is absent: corpus tests need ../shared")
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Golden error messages name paths relative to the repository root.
    monkeypatch.chdir(ROOT)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """`root` with each file of `files` (a path relative to it: its text) written in it."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def read_whole(text: str, fmt: str, path: str) -> object:
    """What reading `text` as `fmt` gives a user: the agent, its header as read and every
    diagnostic, or the error's text."""
    from converter import Diagnostics, loads
    from converter.errors import ConverterError

    said = Diagnostics(path)
    try:
        agent = loads(text, format=fmt, path=path, diagnostics=said)
    except ConverterError as error:
        return error.render()
    raw = agent.provenance.raw_header if agent.provenance else None
    return agent, raw, [note.to_json() for note in said]


@contextlib.contextmanager
def declining(module: object, name: str) -> Iterator[None]:
    """`module.name`, a fast path, declines everything meanwhile (its slow path answers)."""
    fast = getattr(module, name)
    setattr(module, name, lambda *_: None)
    try:
        yield
    finally:
        setattr(module, name, fast)


def ctrl_c_as_from_a_terminal() -> None:
    """A `preexec_fn`: the command starts with Ctrl-C at its default, as from a terminal.
    A shell's background job (`make test &`, `nohup ... &`) starts its children with SIGINT
    ignored, which they inherit: there Ctrl-C is meant to reach none of them, and none did."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
