"""Contract test over every registered format, lookup by name and alias, detection, plugins."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import Agent, UnknownFormatError
from converter.io.globs import matches_glob
from converter.model import FIELDS
from converter.registry import Format, ReadContext, Registry, WriteContext, default_registry
from formats import BUILTIN_FORMATS, SURE_BY_CONTENT
from tests.conftest import FIXTURES

REGISTRY = default_registry()
FORMATS = list(REGISTRY)
_SURE = re.compile(SURE_BY_CONTENT)
#: what heads are made of: the openings and key lines formats look for, spacing of every
#: kind (a BOM, Unicode spaces, CRLF), and plain text
_HEAD_PIECES = st.sampled_from(
    ["{", "}", "<agent>", "<agent name=\"a\">\n", "<role>\n", "---", "---\n", "+++\n",
     "customModes:", "\ufeff", " ", "\t", "\n", "\r\n", "\u2028", "\u00a0", "\u3000",
     '"prompt"', '"instructions"', '"name": "a"', '"$schema": "urn:agentmorph:agent:1.0"',
     '{"a": {', '"fs_read"', '"mcpServers"', '"agent": {', "opencode.ai/config", ": ",
     "name = \"a\"", "prompt = \"p\"", "instructions = 1", "developer_instructions =",
     "version = 1", '"$schema" = 1', "description: d\n", "name: a\n", "You are a reviewer.",
     "# Title\n", "= ", "x", "//", "/*"]
)  # fmt: skip
_NAMES = [".claude/agents/a.md", "x.chatmode.md", ".opencode/agent/b/c.md", "a.toml", "abc"]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
class TestContract:
    def test_names_are_lowercase_and_unique(self, fmt: Format) -> None:
        names = [n for f in FORMATS for n in (f.name, *f.aliases)]
        assert len(names) == len(set(names))
        for name in (fmt.name, *fmt.aliases):
            assert name == name.lower()

    def test_carries_only_model_fields(self, fmt: Format) -> None:
        assert fmt.carries <= set(FIELDS)
        assert "name" in fmt.carries

    @pytest.mark.parametrize("junk", ["", "\x00\xff", "}{", "---", "<a>", "\ufeff"])
    def test_sniff_is_a_probability_on_junk(self, fmt: Format, junk: str) -> None:
        assert 0.0 <= fmt.sniff(junk) <= 1.0

    def test_minimal_agent_round_trips(self, fmt: Format) -> None:
        agent = Agent(name="minimal", description="Short.", instructions="Do it.\n")
        text = fmt.write(agent, WriteContext())
        # some tools name an agent by its file (OpenCode): the reader gets the stem, as from a path
        assert fmt.read(text, ReadContext(stem="minimal")) == agent

    def test_has_fixtures(self, fmt: Format) -> None:
        assert any((FIXTURES / fmt.name).iterdir())

    @given(st.lists(_HEAD_PIECES, max_size=8).map("".join))
    @settings(max_examples=300)
    def test_sure_only_of_what_the_registry_expects(self, fmt: Format, head: str) -> None:
        # detection skips every format but the named ones when no built-in can be sure of
        # a head (formats/__init__.py, SURE_BY_CONTENT): a sniff that is sure of another
        # head would be skipped, so none may be
        if fmt.sniff(head) >= 0.8:
            assert _SURE.search(head), head

    def test_sure_only_of_what_the_registry_expects_in_every_fixture(self, fmt: Format) -> None:
        for path in sorted(FIXTURES.rglob("*")):
            if path.is_file() and path.suffix not in (".py", ".pyc"):
                head = path.read_text("utf-8", "replace")[:4096]
                assert fmt.sniff(head) < 0.8 or _SURE.search(head), path

    def test_table_entry_matches_class(self, fmt: Format) -> None:
        target, aliases, filenames, *kind = BUILTIN_FORMATS[fmt.name]
        assert target.rsplit(":", 1)[1] == type(fmt).__name__
        assert (aliases, filenames) == (fmt.aliases, fmt.filenames)
        assert (kind or ["agent"]) == [fmt.kind]


def test_lookup_is_case_insensitive_and_knows_aliases() -> None:
    assert REGISTRY.get("MarkDown").name == "markdown"
    assert REGISTRY.get("md").name == "markdown"


def test_unknown_format_suggests_close_names() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        REGISTRY.get("jsno")
    assert "json" in caught.value.suggestions
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.md", "---\nname: a\n---\n", "markdown"),
        ("a.md", "no frontmatter at all", "markdown"),
        ("a.json", '{"name": "a"}', "json"),
        ("seed.txt", "---\nname: a\ndescription: b\n---\nbody", "markdown"),
        (None, '{"$schema": "x", "name": "a"}', "json"),
        (None, "---\nname: a\n---\n", "markdown"),
        # a Codex agent outside .codex/agents: its prompt must not land in our TOML's metadata
        ("reviewer.toml", 'name = "r"\ndeveloper_instructions = """\nDo.\n"""\n', "codex"),
        ("reviewer.toml", 'name = "r"\ninstructions = "Do."\n', "toml"),
        ("ours.toml", 'name = "r"\ninstructions = "a"\ndeveloper_instructions = "b"\n', "toml"),
        # a Gemini CLI custom command named anything.toml: its prompt is the instructions
        ("review.toml", 'description = "d"\nprompt = """\nDo {{args}}.\n"""\n', "gemini-command"),
        ("ours.toml", 'name = "r"\ninstructions = "a"\nprompt = "b"\n', "toml"),
        # Kiro's one agent and the object `claude --agents` takes, named anything.json
        ("helper.json", '{"name": "h", "prompt": "Do.", "tools": ["*"]}', "kiro"),
        ("team.json", '{"reviewer": {"description": "d", "prompt": "Do."}}', "claude-json"),
        ("ours.json", '{"name": "r", "instructions": "Do.", "metadata": {"prompt": 1}}', "json"),
        ("ours.json", '{"$schema": "urn:agentmorph:agent:1.0", "prompt": 1}', "json"),
    ],
)
def test_detection_by_name_then_content(path: str | None, text: str, expected: str) -> None:
    assert REGISTRY.detect(path, text).name == expected


def test_detection_decided_once_per_folder_still_tells_files_apart() -> None:
    """The per-folder cache keys on the whole ending and never on literal names."""
    fresh = default_registry()
    header = "---\nname: a\ndescription: b\n---\nbody\n"
    cases = [
        ("p/.github/agents/a.agent.md", "copilot"),
        ("p/.github/agents/b.md", "copilot"),
        ("p/docs/a.agent.md", "copilot"),
        ("p/docs/b.md", "markdown"),
        ("p/docs/c.md", "markdown"),
        ("p/.claude/agents/a.md", "claude"),
    ]
    for _ in range(2):  # the second round answers from the cache
        for path, expected in cases:
            assert fresh.detect(path, header).name == expected, path


def test_detection_failure_says_how_to_name_the_format() -> None:
    from converter.errors import DetectionError

    with pytest.raises(DetectionError) as caught:
        REGISTRY.detect("notes.unknown", "plain words")
    assert "--from" in (caught.value.hint or "")


class _FakeFormat(Format):
    name = "fake"
    extension = ".fake"
    filenames = ("*.fake",)
    carries = frozenset({"name"})

    def read(self, text: str, context: ReadContext) -> Agent:
        return Agent(name=text)

    def write(self, agent: Agent, context: WriteContext) -> str:
        return agent.name


class _ClashingFormat(_FakeFormat):
    name = "markdown"


def _entry_points(monkeypatch: pytest.MonkeyPatch, *classes: Any) -> None:
    points = [
        metadata.EntryPoint(
            cls.__name__.lower(), f"tests.test_registry:{cls.__name__}", "agentmorph.formats"
        )
        for cls in classes
    ]

    def fake(**kwargs: Any) -> list[metadata.EntryPoint]:
        return points if kwargs.get("group") == "agentmorph.formats" else []

    monkeypatch.setattr(metadata, "entry_points", fake)


def test_plugins_load_after_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    _entry_points(monkeypatch, _FakeFormat)
    registry = Registry(BUILTIN_FORMATS)
    assert registry.get("fake").name == "fake"
    assert registry.detect("x.fake", "anything").name == "fake"


@pytest.mark.parametrize(
    "output", ["merged.md", "merged.toml", "out/agent.json", "a.agent.md", "x.fake", "x.unknown"]
)
def test_format_by_ending_is_the_first_that_claims_it(
    monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    _entry_points(monkeypatch, _FakeFormat)
    registry = Registry(BUILTIN_FORMATS)
    expected = next(
        (
            fmt
            for fmt in Registry(BUILTIN_FORMATS)
            if any(p.startswith("*.") and output.endswith(p[1:]) for p in fmt.filenames)
        ),
        None,
    )
    found = registry.by_ending(output)
    assert (found and found.name) == (expected and expected.name)
    if found is not None and found.name != "fake":  # only the format found was imported
        assert set(registry._loaded) == {found.name}


def test_plugin_never_replaces_a_builtin_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    _entry_points(monkeypatch, _ClashingFormat)
    registry = Registry(BUILTIN_FORMATS)
    assert type(registry.get("markdown")).__name__ == "MarkdownFormat"
    list(registry)
    assert [d.code for d in registry.diagnostics] == ["plugin-name-clash"]


def test_a_command_format_is_left_out_of_agent_patterns_however_it_is_listed() -> None:
    for row in (BUILTIN_FORMATS["gemini-command"], BUILTIN_FORMATS["gemini-command"][0]):
        registry = Registry({"gemini-command": row, "claude": BUILTIN_FORMATS["claude"]})
        assert ".gemini/commands/*.toml" in registry.patterns()
        assert registry.patterns(kind="agent") == list(BUILTIN_FORMATS["claude"][2])


@settings(max_examples=400)
@given(
    st.text(alphabet="ab.*?[]!/-", max_size=12) | st.sampled_from(REGISTRY.patterns()),
    st.text(alphabet="aAb.*?[]!/-", max_size=14) | st.sampled_from(_NAMES),
)
def test_a_file_name_pattern_matches_as_fnmatch_reads_it(pattern: str, name: str) -> None:
    # The literal ends are checked before the regex (to compile fewer): never a different
    # answer from fnmatch's own reading of the pattern, lowercased as detection reads names.
    expected = re.fullmatch(fnmatch.translate(pattern.lower()), name.lower()) is not None
    assert matches_glob(pattern, name.lower()) is expected


@pytest.mark.corpus
def test_every_corpus_file_is_detected_as_asking_every_format_detects_it() -> None:
    from converter.errors import DetectionError
    from tests.conftest import SHARED

    every = Registry(BUILTIN_FORMATS, plugins=False)  # no shortcut: every built-in is asked
    shortcuts = 0
    for path in sorted((SHARED / "corpus").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text("utf-8", "replace")
        found = []
        for registry in (REGISTRY, every):
            try:
                found.append(registry.detect(str(path), text).name)
            except DetectionError:
                found.append("none")
        assert found[0] == found[1], path
        shortcuts += not REGISTRY._could_be_sure(text[:4096])
    assert shortcuts > 0  # plain prompts and indented headers are in the corpus


@pytest.mark.parametrize(
    "text", ["You are a reviewer.\n\nReview the diff.\n", "    ---\n    name: a\n    ---\n"]
)
def test_a_file_its_named_format_doubts_imports_no_other_format(tmp_path: Path, text: str) -> None:
    # a plain prompt or an indented header: no format could claim it, so none is imported
    # to be asked (each process imported all 17 for one such file)
    (tmp_path / "plain.md").write_text(text)
    script = (
        "import sys; from converter import load; load(sys.argv[1]); "
        "print(sorted(m for m in sys.modules if m.endswith('_format')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "plain.md")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['formats.markdown_format']"
