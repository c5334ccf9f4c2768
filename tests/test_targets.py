"""Tool targets: round trips within each tool's capabilities, never a widened tool list,
the tools' file layouts, validation, and the real corpus through every target."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from converter import Agent, Diagnostics, ValidationError, dumps, loads
from converter.cli import build_app
from converter.frontmatter import cursor_lines
from converter.registry import ReadContext, default_registry
from converter.targets import file_name, models, spelling, vocabulary
from formats._codex_roles import RUST_SPACE
from tests.conftest import FIXTURES, SHARED
from tests.strategies import agents, hostile_text

TARGETS = [
    "claude",
    "claude-json",
    "opencode",
    "copilot",
    "gemini",
    "gemini-command",
    "codex",
    "kiro",
    "kiro-md",
    "roo",
    "cursor",
]
TOOL_TARGETS = {"opencode", "copilot", "gemini", "kiro", "roo"}
#: names Claude Code has now (LS, MultiEdit... are retired: a Claude file names their successors)
CLAUDE_TOOLS = [
    "Read",
    "Write",
    "Edit",
    "Grep",
    "Glob",
    "Bash",
    "WebFetch",
    "WebSearch",
    "Task",
    "TodoWrite",
]
RUNNER = CliRunner()
APP = build_app()

# names every tool takes as they are (lowercase words joined by single hyphens)
names = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
plain = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@st.composite
def within(draw: st.DrawFn, target: str) -> Agent:
    """An agent the target can carry whole: its tool names, no foreign extras."""
    tools = None
    if target in TOOL_TARGETS and draw(st.booleans()):
        native = sorted(
            {n for row in vocabulary.concepts().values() for n in row.get(target, [])[:1]}
        )
        chosen = draw(st.lists(st.sampled_from(native), unique=True, max_size=4))
        tools = vocabulary.tools_from(target, chosen)
        if target == "opencode" and {"Write", "Edit"} & set(tools):
            # OpenCode's one edit permission allows both: a list with one cannot be written
            at = min(n for n, t in enumerate(tools) if t in ("Write", "Edit"))
            rest = [t for t in tools if t not in ("Write", "Edit")]
            tools = (*rest[:at], "Write", "Edit", *rest[at:])
    elif target in ("claude", "claude-json") and draw(st.booleans()):
        tools = tuple(draw(st.lists(st.sampled_from(CLAUDE_TOOLS), unique=True, max_size=5)))
    # Copilot and Kiro cannot say "the newest Sonnet": an exact model is what they carry
    exact = {"copilot": "Claude Sonnet 4.6", "kiro": "claude-sonnet-4.6"}
    model = (
        draw(st.sampled_from([None, exact.get(target, "sonnet")]))
        if target in ("claude", "claude-json", "opencode", "copilot", "kiro")
        else None
    )
    instructions = draw(hostile_text).replace("\r", "").replace("\x00", "")
    blank = {"codex": RUST_SPACE, "roo": cursor_lines.JS_SPACE, "cursor": cursor_lines.JS_SPACE}
    if target in blank and not instructions.strip(blank[target]):
        # Codex ignores a role with blank instructions, Roo refuses it, Cursor does not load
        # it: blank as each one trims (a lone U+FEFF is blank to JavaScript, not to Python)
        instructions += "x"
    description = draw(plain)
    if target == "cursor":  # one line, as Cursor reads a header (cursor_lines.py): said
        assume(description == cursor_lines.one_line(description))
    if target == "codex":  # Codex reads a description trimmed (_codex_roles.py): said
        assume(description == description.strip(RUST_SPACE))
    if target != "claude":
        # a literal \n is a line break to Claude Code in a .md agent, which is where an
        # agent usually comes from: every other tool is given the line break (said)
        assume("\\n" not in description)
    return Agent(
        name=draw(names),
        description=description,
        instructions=instructions,
        model=model,
        tools=tools,
    )


@pytest.mark.parametrize("target", TARGETS)
@given(data=st.data())
def test_read_write_is_identity_within_the_targets_capabilities(
    target: str, data: st.DataObject
) -> None:
    agent = data.draw(within(target))
    text = dumps(agent, target)
    again = loads(
        text, format=target, path=f"{agent.name}{default_registry().get(target).extension}"
    )
    assert again == agent


claude_lists = st.lists(
    st.one_of(
        st.sampled_from(CLAUDE_TOOLS),
        st.sampled_from(
            ["mcp__github__search", "Bash(git *)", "Custom", "LS", "MultiEdit", "BashOutput"]
        ),
    ),
    unique=True,
    max_size=5,
).map(tuple)


@pytest.mark.parametrize("target", TARGETS)
@given(tools=claude_lists)
def test_an_explicit_tool_list_never_silently_becomes_every_tool(
    target: str, tools: tuple[str, ...]
) -> None:
    agent = Agent(name="a", description="d", instructions="x", tools=tools)
    diags = Diagnostics()
    text = dumps(agent, target, diagnostics=diags)
    again = loads(text, format=target, path="a.md")
    warned = {d.code for d in diags}
    if again.inherits_all_tools:
        assert "tools-not-restricted" in warned or again.extensions.get(target), (
            f"{target} widened {tools} silently"
        )
    else:
        # a name the tool no longer has is written as its successor (LS as Glob), said
        kept = set(again.tools or ()) | {
            old
            for old, now in spelling.successors(vocabulary.canonical()).items()
            if now in (again.tools or ())
        }
        # `Bash(git *)` beside `Bash` says nothing more: Bash allows it already
        lost = {t for t in set(tools) - kept if t.split("(")[0] not in kept}
        assert not lost or warned & {"tool-unmapped", "tools-widened", "tools-not-restricted"}


def test_layout_puts_files_where_the_tool_looks(tmp_path: Path) -> None:
    source = FIXTURES / "markdown" / "basic.md"
    for target, where in [("codex", ".codex/agents/changelog-writer.toml"), ("gemini", ".gemini/agents/changelog-writer.md"),
                          ("copilot", ".github/agents/changelog-writer.agent.md"), ("kiro", ".kiro/agents/changelog-writer.json")]:  # fmt: skip
        out = tmp_path / target
        result = RUNNER.invoke(
            APP,
            [
                "convert",
                str(source),
                str(FIXTURES / "markdown" / "block-scalars.md"),
                "-o",
                str(out),
                "--to",
                target,
            ],
        )
        assert result.exit_code == 0, result.stderr
        assert (out / where).is_file()


def test_an_agent_name_never_chooses_a_path(tmp_path: Path) -> None:
    hostile = tmp_path / "in"
    hostile.mkdir()
    for number, name in enumerate(["../../escape", "/etc/passwd", "C:evil", "NUL", "a/b"]):
        (hostile / f"{number}.md").write_text(
            f"---\nname: {json.dumps(name)}\ndescription: d\n---\nx\n"
        )
    out = tmp_path / "out"
    result = RUNNER.invoke(APP, ["convert", str(hostile), "-o", str(out), "--to", "claude"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert len(written) == 5
    assert all(p.startswith(".claude/agents/") and p.count("/") == 2 for p in written)
    assert not (tmp_path / "escape.md").exists()


def test_roo_file_with_many_modes_converts_to_one_file_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = RUNNER.invoke(
        APP,
        [
            "convert",
            str(FIXTURES / "roo" / "team.roomodes"),
            "-o",
            str(out) + "/",
            "--to",
            "claude",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (out / ".claude" / "agents").iterdir()) == [
        "docs-writer.md",
        "reviewer.md",
    ]


@pytest.mark.parametrize("rules", [".roo/rules-docs-writer/01-style.md", ".roorules-docs-writer"])
def test_a_roo_modes_own_rules_are_said_not_silently_left_behind(
    tmp_path: Path, rules: str
) -> None:
    # Roo adds `.roo/rules-<slug>/` (or `.roorules-<slug>`) to that mode's prompt
    shutil.copyfile(FIXTURES / "roo" / "team.roomodes", tmp_path / ".roomodes")
    (tmp_path / rules).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rules).write_text("Use British spelling.\n")
    result = RUNNER.invoke(
        APP,
        [
            "convert",
            str(tmp_path / ".roomodes"),
            "-o",
            str(tmp_path / "out") + "/",
            "--to",
            "claude",
        ],
    )
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "prompt-in-file" in line]
    assert len(said) == 1 and "docs-writer: Roo adds the instructions in .ro" in said[0]
    # JSON modes, which Roo also takes, are told by their content too
    text = json.dumps(
        {"customModes": [{"slug": "a", "name": "A", "roleDefinition": "R", "groups": []}]}
    )
    assert default_registry().detect("modes.txt", text).name == "roo"


def test_two_names_of_one_roo_slug_are_refused_and_the_others_written(tmp_path: Path) -> None:
    """Roo files a mode under its slug: "Q&A Bot" and "Q/A Bot" are both 'q-a-bot'.
    Those two are refused, naming each other; the rest of the folder is written."""
    source = tmp_path / "in"
    source.mkdir()
    for file, name in [("amp.md", "Q&A Bot"), ("slash.md", "Q/A Bot"), ("go.md", "go-pro")]:
        (source / file).write_text(f"---\nname: {name}\ndescription: d\n---\nHelp.\n")
    out = tmp_path / "out"
    result = RUNNER.invoke(APP, ["convert", str(source), "-o", str(out) + "/", "--to", "roo"])
    assert result.exit_code == 1
    assert "both write the mode 'q-a-bot'; neither is written" in result.stderr
    assert "already has a mode" not in result.stderr  # nothing was there before
    modes = (out / ".roomodes").read_text()
    assert "slug: go-pro" in modes and "q-a-bot" not in modes


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("out", "out/.roomodes"),  # a new name without a suffix: the project, as for codex
        ("modes.yaml", "modes.yaml"),  # a name Roo's file takes
        ("proj/.roomodes", "proj/.roomodes"),
        ("there", "there"),  # a file that is there already is written into
    ],
)
def test_a_folder_to_roo_goes_where_roo_looks_unless_o_names_a_file(
    tmp_path: Path, given: str, written: str
) -> None:
    """`-o out` for a folder of agents wrote a file named `out`, which Roo never reads; every
    other target makes `out` the project and writes where its tool looks."""
    source = tmp_path / "in"
    source.mkdir()
    for name in ("alpha", "beta"):
        (source / f"{name}.md").write_text(f"---\nname: {name}\ndescription: d\n---\nHelp.\n")
    (tmp_path / "proj").mkdir()
    (tmp_path / "there").write_text("customModes: []\n")
    result = RUNNER.invoke(
        APP, ["convert", str(source), "-o", str(tmp_path / given), "--to", "roo", "--force"]
    )
    assert result.exit_code == 0, result.stderr
    modes = (tmp_path / written).read_text()
    assert "slug: alpha" in modes and "slug: beta" in modes


def test_many_agents_to_stdout_is_a_usage_error() -> None:
    result = RUNNER.invoke(
        APP, ["convert", str(FIXTURES / "roo" / "team.roomodes"), "--to", "json"]
    )
    assert result.exit_code == 1
    assert "need an output folder" in result.stderr


def test_strict_refuses_a_restriction_the_target_cannot_express(tmp_path: Path) -> None:
    out = tmp_path / "a.toml"
    result = RUNNER.invoke(
        APP,
        [
            "convert",
            str(FIXTURES / "markdown" / "basic.md"),
            "-o",
            str(out),
            "--to",
            "codex",
            "--strict",
        ],
    )
    assert result.exit_code == 3
    assert "tools-not-restricted" in result.stderr
    assert not out.exists()


def test_validate_reports_every_rule_with_its_line(tmp_path: Path) -> None:
    agents = tmp_path / ".gemini" / "agents"
    agents.mkdir(parents=True)
    (agents / "x.md").write_text("---\nname: Bad Name\ncolor: red\n---\nbody\n")
    result = RUNNER.invoke(APP, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "x.md:2: warning[target-rule]: gemini needs a name" in result.stderr
    assert "x.md:3: warning[target-rule]: gemini rejects the unknown key 'color'" in result.stderr
    assert "requires 'description'" in result.stderr
    ok = RUNNER.invoke(
        APP, ["validate", str(FIXTURES / "gemini" / "researcher.md"), "--target", "gemini"]
    )
    assert ok.exit_code == 0, ok.stderr


def test_validate_names_the_key_a_near_spelling_meant(tmp_path: Path) -> None:
    """A key the tool does not read but nearly spells one it does is named with the key it
    reads: OpenCode applies none of a `permissions:` block (it sends it to the provider),
    Claude Code ignores `disallowed-tools`. Short keys a letter apart are other keys."""
    opencode = tmp_path / ".opencode" / "agent" / "x.md"
    opencode.parent.mkdir(parents=True)
    opencode.write_text(
        "---\ndescription: d\npermissions:\n  edit: deny\nmode: primary\n---\nDo.\n"
    )
    claude = tmp_path / ".claude" / "agents" / "y.md"
    claude.parent.mkdir(parents=True)
    claude.write_text(
        "---\nname: y\ndescription: d\ndisallowed-tools: Bash\ndescripton: x\nmode: fast\n---\nDo.\n"
    )
    said = RUNNER.invoke(APP, ["validate", str(tmp_path)]).stderr
    assert (
        "x.md:3: warning[target-rule]: opencode sends the unknown key 'permissions' to the model "
        "provider with every request (a provider may refuse it); did you mean 'permission'?"
    ) in said
    assert (
        "y.md:4: warning[target-rule]: claude ignores the key 'disallowed-tools'; did you mean 'disallowedTools'?"
        in said
    )
    assert (
        "y.md:5: warning[target-rule]: claude ignores the key 'descripton'; did you mean 'description'?"
        in said
    )
    assert "'mode'" not in said  # OpenCode's own key; for Claude Code not a spelling of model
    # reading says it too, as the tool misreading the author
    read = RUNNER.invoke(APP, ["convert", str(opencode), "--to", "json"]).stderr
    assert (
        "x.md:3: warning[tool-misreads]: opencode has no key 'permissions'; did you mean "
        "'permission'? (kept as written)"
    ) in read


def test_validate_says_how_to_check_a_file_of_another_format(tmp_path: Path) -> None:
    """--target reads each file as that tool's file: a Markdown agent is no Codex TOML, and
    the message says how to check it against Codex's rules as it would be converted."""
    agent = FIXTURES / "markdown" / "basic.md"
    result = RUNNER.invoke(APP, ["validate", str(agent), "--target", "codex"])
    assert result.exit_code == 1
    assert "hint: this is a markdown file, not a codex one; --from markdown" in result.stderr
    again = RUNNER.invoke(APP, ["validate", str(agent), "--target", "codex", "--from", "markdown"])
    assert "0 unreadable" in again.stderr
    broken = tmp_path / ".codex" / "agents" / "x.toml"  # the tool's own file, broken: no hint
    broken.parent.mkdir(parents=True)
    broken.write_text('name = "x\n')
    result = RUNNER.invoke(APP, ["validate", str(broken), "--target", "codex"])
    assert result.exit_code == 1 and "invalid TOML" in result.stderr
    assert "hint: this is" not in result.stderr


# --- the real corpus -------------------------------------------------------------------

CLAUDE_CORPUS = sorted(
    p
    for p in (SHARED / "corpus").glob("*/*.md")
    if p.name != "SOURCES.md"
    and "awesome-copilot" not in str(p)
    and "OpenAgents" not in str(p)
    and "gemini-cli" not in str(p)
)
LOSS_CODES = {
    "field-dropped",
    "model-unmapped",
    "tool-unmapped",
    "tools-widened",
    "tools-not-restricted",
    "name-changed",
    "value-derived",
    "field-in-extension",
}


def _same_exact_model(one: str, other: str) -> bool:
    """One exact model in two tools' spellings (`claude-sonnet-4-20250514`, Copilot's "Claude
    Sonnet 4"): written so on purpose, not a loss."""
    ours = models.exact_spellings(vocabulary.canonical(), one)
    return bool(ours) and ours[-1:] == models.exact_spellings(vocabulary.canonical(), other)[-1:]


@pytest.mark.corpus
@pytest.mark.parametrize("target", TARGETS)
def test_every_claude_corpus_agent_converts_to_the_target_and_back(target: str) -> None:
    fmt = default_registry().get(target)
    for path in CLAUDE_CORPUS:
        agent = loads(path.read_bytes(), path=str(path), format="markdown")
        diags = Diagnostics()
        text = dumps(agent, target, diagnostics=diags)
        back = loads(text, format=target, path=f"{file_name(agent.name)}{fmt.extension}")
        codes = {str(d.code) for d in diags}
        assert back.instructions == agent.instructions, path
        assert back.name == agent.name or "name-changed" in codes, path
        assert back.description == agent.description or "value-derived" in codes, path
        if back.model != agent.model:
            assert (
                codes & {"model-unmapped", "field-dropped"}
                or agent.model in vocabulary.table()["models"]  # an alias: the row there
                or target == "opencode"
                or _same_exact_model(str(agent.model), str(back.model))
            ), path
        # a name Claude Code no longer has comes back as its successor (MultiEdit as Edit)
        retired = spelling.successors(vocabulary.canonical())
        # ... and one whose work its successor does is no wider (LS comes with Glob)
        done_by = {old for old, new in retired.items() if new in (agent.tools or ())}
        if (
            agent.tools is not None
            and set(back.tools or ()) - done_by != set(agent.tools) - done_by
        ):
            changed = set(back.tools or ()) ^ set(agent.tools)
            assert codes & {"tools-widened", "tool-unmapped", "tools-not-restricted"} or (
                "value-coerced" in codes
                and target in ("claude", "claude-json")
                and changed <= set(retired) | set(retired.values())
            ), path
        if agent.tools is not None and back.inherits_all_tools:
            assert "tools-not-restricted" in codes, (
                f"{path}: widened to every tool without a warning"
            )
        if agent.extensions.get("claude") and target not in ("claude", "claude-json"):
            assert codes & LOSS_CODES, path


OWN_TARGET = [
    ("github__awesome-copilot", "*.agent.md", "copilot"),
    ("darrenhinde__OpenAgentsControl", ".opencode__*.md", "opencode"),
    ("jtgsystems__Custom-Modes-Roo-Code", "*.yaml", "roo"),
    ("google-gemini__gemini-cli", "*__agents__*.md", "gemini"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("folder", "pattern", "target"), OWN_TARGET, ids=[t for _, _, t in OWN_TARGET]
)
def test_tool_files_in_the_corpus_read_through_their_own_target(
    folder: str, pattern: str, target: str
) -> None:
    files = sorted((SHARED / "corpus" / folder).glob(pattern))
    assert files
    fmt = default_registry().get(target)
    for path in files:
        text = path.read_bytes()
        from converter.io import textio

        agents = fmt.read_many(textio.decode(text, str(path)).text, _context(path))
        assert agents and all(a.name for a in agents), path


def _context(path: Path):  # type: ignore[no-untyped-def]
    from converter.registry import ReadContext

    return ReadContext(path=str(path), stem=path.stem.removesuffix(".agent"))


@pytest.mark.parametrize("spelling", ["'*'", '"*"', "['*']"])
def test_tools_star_reads_the_same_through_markdown_and_claude(spelling: str) -> None:
    # One Markdown reader (docs/architecture.md): `tools: '*'` is kept as written, ("*",),
    # which every writer reads as "inherit every tool".
    text = f"---\nname: all-tools\ndescription: d\ntools: {spelling}\n---\nBody.\n"
    found = {}
    for fmt in ("markdown", "claude"):
        notes = Diagnostics()
        agent = loads(text, format=fmt, diagnostics=notes)
        found[fmt] = (agent.tools, [d.render() for d in notes])
        assert agent.tools == ("*",)
        assert agent.inherits_all_tools
    assert found["markdown"] == found["claude"]
    for target in ("claude", "gemini", "copilot", "kiro", "opencode", "codex"):
        written = dumps(loads(text, format="markdown"), target)
        assert loads(written, format=target, path="all-tools.x").inherits_all_tools, target


server_tools = st.sampled_from([["*"], ["search"], ["search", "fetch"]])
servers = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    st.one_of(
        st.fixed_dictionaries(
            {"command": names},
            optional={
                "args": st.lists(names, max_size=2),
                "env": st.sampled_from([{"TOKEN": "${TOKEN}"}, {"A": "1"}]),
                "tools": server_tools,
            },
        ),
        st.fixed_dictionaries(
            {"url": st.just("https://mcp.example/x")},
            optional={
                "type": st.sampled_from(["http", "sse"]),
                "headers": st.sampled_from(
                    [{"x-key": "k"}, {"Authorization": "Bearer ${TOKEN}"}, {"x-key": "$KEY"}]
                ),
                "tools": server_tools,
            },
        ),
    ),
    min_size=1,
    max_size=2,
)
codex_servers = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    st.fixed_dictionaries(
        {"url": st.just("https://mcp.example/x")},
        optional={
            "bearer_token_env_var": st.just("TOKEN"),
            "env_http_headers": st.just({"x-key": "KEY"}),
            "enabled_tools": st.just(["search"]),
            "disabled_tools": st.just(["drop"]),
        },
    ),
    min_size=1,
    max_size=2,
)


@st.composite
def from_other_tools(draw: st.DrawFn) -> Agent:
    """An agent as another tool wrote it: any name, foreign models and tools, settings
    under other tools' keys (max turns, MCP servers, effort)."""
    source = draw(st.sampled_from(["claude", "gemini", "copilot", "codex"]))
    key = {"claude": "mcpServers", "gemini": "mcp_servers", "copilot": "mcp-servers"}.get(
        source, "mcp_servers"
    )
    settings: dict[str, object] = {}
    if draw(st.booleans()):
        settings[key] = draw(codex_servers if source == "codex" else servers)
    if source == "claude" and draw(st.booleans()):
        settings["maxTurns"] = draw(st.integers(1, 50))
    return Agent(
        name=draw(plain),
        description=draw(st.none() | plain),
        instructions=draw(plain),
        model=draw(st.sampled_from([None, "sonnet", "opus", "gpt-5", "gemini-2.5-pro"])),
        tools=draw(st.none() | claude_lists),
        extensions={source: settings} if settings else {},
    )


@pytest.mark.parametrize("target", TARGETS)
@given(agent=from_other_tools())
def test_what_a_target_writes_its_own_validate_calls_clean(target: str, agent: Agent) -> None:
    """validate --target agrees with the tools (tests/test_conformance_cases.py): so a file
    it calls clean is one the tool loads as written. (A tool's own settings are the
    author's, written back as they are: validate is there to judge those.)"""
    assume(target.split("-")[0] not in agent.extensions)
    fmt = default_registry().get(target)
    written = Diagnostics()
    text = dumps(agent, target, diagnostics=written)
    notes = Diagnostics()
    stem = file_name(fmt.file_stem(agent) or agent.name)
    path = Path(fmt.layout.format(name=stem) if fmt.layout else f"{stem}{fmt.extension}")
    context = ReadContext(path=str(path), stem=stem, diagnostics=notes)
    for again in fmt.read_many(text, context):
        fmt.validate(again, notes)
    # a name the tool has no tool for, written as is, was already said when it was written
    said = " ".join(d.message for d in written if str(d.code) == "tool-unmapped")
    rules = [d.message for d in notes if str(d.code) == "target-rule"]
    assert [m for m in rules if not ("has no tool 'Custom'" in m and "Custom" in said)] == []


@pytest.mark.parametrize("ends", ["\n\n", "\n\n\n", "\n\nMore.\n\n"])
@pytest.mark.parametrize("where", [0, 1, 2])
def test_a_prompt_ending_in_blank_lines_joins_into_one_valid_roomodes(
    ends: str, where: int
) -> None:
    """libyaml ends a document whose last block scalar keeps its final newlines (`|+`) with
    `...`: one mode's file may end so, and a `...` inside the joined file would end its YAML
    there (Roo then refuses the whole file)."""
    roo = default_registry().get("roo")
    agents = [
        Agent(
            name=f"mode-{n}",
            description="d",
            instructions=f"Do {n}.{ends if n == where else ''}\n",
        )
        for n in range(3)
    ]
    parts = [dumps(agent, "roo") for agent in agents]
    assert parts[where].endswith("\n...\n")  # the case itself
    fast = roo.combine(parts, None, replace=False)  # type: ignore[attr-defined]
    slow = roo.combine(parts, "customModes: []\n", replace=False)  # type: ignore[attr-defined]
    assert fast == slow
    assert "\n...\n" not in fast[: -len("...\n")]  # no end of the YAML before its end
    assert fast.endswith("\n...\n") == (where == 2)  # as libyaml writes the whole list
    again = roo.read_many(fast, ReadContext())
    assert [a.name for a in again] == ["mode-0", "mode-1", "mode-2"]
    assert again[where].instructions == agents[where].instructions


@given(
    agents=st.lists(from_other_tools(), min_size=1, max_size=6),
    # prompts that end in blank lines (written `|+`, after which libyaml ends with `...`)
    endings=st.lists(st.sampled_from(["", "\n", "\n\n", "\n\n\n"]), min_size=6, max_size=6),
)
def test_roomodes_joined_without_parsing_equals_the_parsed_and_dumped_file(
    agents: list[Agent], endings: list[str]
) -> None:
    """Roo's fast join of our own one-mode outputs gives the file the general path gives."""
    from dataclasses import replace

    roo = default_registry().get("roo")
    named = [
        replace(agent, name=f"mode-{n}", instructions=agent.instructions + endings[n])
        for n, agent in enumerate(agents)
    ]
    parts = [dumps(agent, "roo") for agent in named]
    fast = roo.combine(parts, None, replace=False)  # type: ignore[attr-defined]
    slow = roo.combine(parts, "customModes: []\n", replace=False)  # type: ignore[attr-defined]
    assert fast == slow
    assert [a.name for a in roo.read_many(fast, ReadContext())] == [a.name for a in named]


def test_every_name_rule_is_said_in_words() -> None:
    """A name a tool refuses is explained in words, never as the pattern we check it with."""
    for fmt in default_registry():
        rules = getattr(fmt, "rules", None)
        if rules is None or rules.name_pattern is None:
            continue
        assert rules.name_rule, f"{fmt.name}: name_pattern without name_rule"
    notes = Diagnostics()
    dumps(
        Agent(name="Code Reviewer", description="d", instructions="x\n"),
        "claude",
        diagnostics=notes,
    )
    said = [n.message for n in notes if str(n.code) == "name-changed"]
    assert said == [
        "Claude Code loads the name 'Code Reviewer' as written, but its documentation asks for "
        "a name of lowercase letters and digits, words joined by single hyphens; it is written "
        "'code-reviewer'"
    ]


@pytest.mark.parametrize(
    "path", [".github/chatmodes/planner.chatmode.md", "modes/planner.chatmode.md"]
)
def test_a_legacy_copilot_chat_mode_is_read_as_copilot_reads_it(path: str) -> None:
    # VS Code still reads .github/chatmodes/NAME.chatmode.md (formats.md §5.2): its tools are
    # Copilot's names, its name the file's without .chatmode.md
    text = "---\ndescription: Plans.\ntools: ['codebase', 'search', 'fetch']\n---\nPlan.\n"
    diags = Diagnostics()
    agent = loads(text, path=path, diagnostics=diags)
    assert agent.provenance is not None and agent.provenance.format == "copilot"
    assert agent.name == "planner"
    assert agent.tools == vocabulary.tools_from("copilot", ["codebase", "search", "fetch"])
    assert "WebFetch" in agent.tools
    # written back, it is a custom agent: .agent.md, where VS Code now looks
    assert default_registry().get("copilot").layout == ".github/agents/{name}.agent.md"


def test_an_opencode_configuration_is_read_as_opencode_not_as_a_kiro_agent() -> None:
    # opencode.json keeps agents under `agent`: read as a Kiro agent (its "$schema" comes
    # first), it became an agent named opencode with no prompt and the config as metadata
    config = (
        '{"$schema": "https://opencode.ai/config.json", "agent": {"reviewer": '
        '{"description": "Reviews", "mode": "subagent", "prompt": "Review."}}}'
    )
    agent = loads(config, path="opencode.json")
    assert (agent.name, agent.instructions, agent.extensions) == ("reviewer", "Review.", {})
    # told to read it as Kiro's, it is refused, and told how to read it
    with pytest.raises(ValidationError) as caught:
        loads(config, path="opencode.json", format="kiro")
    assert "OpenCode configuration, not a Kiro agent" in caught.value.message
    assert "--from opencode" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("proj/.opencode/agent/core/coder.md", "core/coder"),
        ("proj/.opencode/agents/team/review/security.md", "team/review/security"),
        ("proj/.opencode/agents/coder.md", "coder"),
        ("home/.config/opencode/agent/ops/deploy.md", "ops/deploy"),
    ],
)
def test_an_opencode_agent_in_a_nested_folder_is_named_by_its_path(path: str, name: str) -> None:
    # OpenCode 1.18 (`opencode debug config`): an agent without `name` is its path under
    # agent/ or agents/, folders kept; a `name` in the header wins
    text = "---\ndescription: Codes.\nmode: primary\n---\nCode.\n"
    agent = loads(text, path=path, format="opencode" if "config" in path else None)
    assert agent.provenance is not None and agent.provenance.format == "opencode"
    assert agent.name == name
    assert agent.extensions == {"opencode": {"mode": "primary"}}
    named = loads("---\nname: Coder\ndescription: Codes.\n---\nCode.\n", path=path)
    assert named.name == "Coder"


def test_a_kiro_prompt_kept_in_another_file_is_said_not_silently_converted() -> None:
    text = '{"name": "reviewer", "description": "Reviews.", "prompt": "file://./prompts/r.md"}'
    diags = Diagnostics()
    agent = loads(text, path=".kiro/agents/reviewer.json", diagnostics=diags)
    assert agent.instructions == "file://./prompts/r.md"  # Kiro reads it back as written
    said = [d for d in diags if d.code.value == "prompt-in-file"]
    assert said and "'./prompts/r.md'" in said[0].message
    assert json.loads(dumps(agent, "kiro"))["prompt"] == "file://./prompts/r.md"


def test_a_roo_role_definition_is_not_said_lost_where_the_prompt_holds_it() -> None:
    # Roo's prompt is roleDefinition, then customInstructions; the model keeps where the
    # first ended (to split them again). Written elsewhere, its text is the prompt's start.
    modes = (
        "customModes:\n  - slug: tester\n    name: Test Lead\n    roleDefinition: You test.\n"
        "    whenToUse: Tests.\n    groups: [read]\n    customInstructions: Run them all.\n"
    )
    diags = Diagnostics()
    agent = loads(modes, path=".roomodes", format="roo")
    text = dumps(agent, "claude", diagnostics=diags)
    assert text.endswith("---\nYou test.\n\nRun them all.")
    dropped = " ".join(d.message for d in diags if d.code.value == "field-dropped")
    assert "extensions.roo.name" in dropped and "roleDefinition" not in dropped


@pytest.mark.parametrize("target", TARGETS)
def test_a_model_of_inherit_is_never_said_lost(target: str) -> None:
    # `inherit` (the parent's model) is every tool's default: leaving it out loses nothing
    diags = Diagnostics()
    dumps(
        Agent(name="a", description="d", instructions="x", model="inherit"),
        target,
        diagnostics=diags,
    )
    assert not [d for d in diags if d.field == "model"], [d.render() for d in diags]


def test_a_gemini_remote_agent_is_said_and_a_list_of_them_refused_with_the_reason() -> None:
    # Gemini CLI 0.61 loads both (its loader, run in conformance): an A2A agent has no prompt
    remote = (
        "---\nkind: remote\nname: helper\ndescription: Helps.\n"
        "agent_card_url: https://example.com/card.json\n---\n"
    )
    diags = Diagnostics()
    agent = loads(remote, path=".gemini/agents/helper.md", diagnostics=diags)
    assert [d.code.value for d in diags] == ["remote-agent"]
    assert agent.extensions["gemini"]["agent_card_url"] == "https://example.com/card.json"
    checked = Diagnostics()
    default_registry().get("gemini").validate(agent, checked)
    assert not checked.items  # agent_card_url is Gemini's own key, not an unknown one
    listed = "---\n- kind: remote\n  name: one\n  agent_card_url: https://a.example/c.json\n---\n"
    with pytest.raises(ValidationError) as caught:
        loads(listed, path=".gemini/agents/remotes.md")
    assert "lists Gemini CLI remote agents" in caught.value.message


def test_an_emoji_is_written_as_itself_not_as_libyamls_escape() -> None:
    # libyaml's emitter writes a character beyond U+FFFF as \U0001F4DD (tools read it back,
    # people cannot): 200 of the 212 Roo corpus modes had such names
    agent = Agent(name="docs", description="📝 Writes docs 😀", instructions="Write.\n")
    header = dumps(agent, "claude").split("---\n")[1]
    assert "📝 Writes docs 😀" in header and "\\U" not in header
    assert loads(dumps(agent, "claude"), format="claude").description == agent.description
    # a literal backslash-U in the text is text, and stays so
    literal = Agent(name="esc", description="Type \\U0001F600 for 😀", instructions="x\n")
    again = loads(dumps(literal, "claude"), format="claude")
    assert again.description == literal.description
    roo = dumps(replace(agent, extensions={"roo": {"name": "📝 Docs Writer"}}), "roo")
    assert 'name: "📝 Docs Writer"' in roo or "name: 📝 Docs Writer" in roo


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (".devin/agents/reviewer/AGENT.md", "reviewer"),  # Devin: a folder per agent
        (".agents/agents/planner/agent.md", "planner"),  # Antigravity
        (".claude/skills/pdf-tools/SKILL.md", "pdf-tools"),  # Agent Skills
        (".claude/agents/agent.md", "agent"),  # an agent really called "agent"
        ("skills/SKILL.md", "SKILL"),
        ("AGENT.md", "AGENT"),
    ],
)
def test_a_file_named_for_its_kind_takes_its_folders_name(path: str, name: str) -> None:
    # `<name>/AGENT.md` and `<name>/SKILL.md` name the agent by the folder: named by the
    # file, every agent of a collection would be "AGENT" (and collide on output)
    agent = loads("---\ndescription: d\n---\nx\n", path=path)
    assert agent.name == name


@pytest.mark.parametrize("target", ["claude", "codex", "opencode", "copilot"])
def test_a_tools_default_written_out_is_not_said_lost(target: str) -> None:
    # Gemini CLI's docs write `kind: local`, its default: another tool loses nothing by it
    text = "---\nname: scout\ndescription: Scouts.\nkind: local\n---\nScout.\n"
    diags = Diagnostics()
    dumps(loads(text, path=".gemini/agents/scout.md"), target, diagnostics=diags)
    assert not [d for d in diags if "kind" in d.message]
    # a value that is not the default still is
    diags = Diagnostics()
    timed = text.replace("kind: local\n", "kind: local\ntimeout_mins: 3\n")
    dumps(loads(timed, path=".gemini/agents/scout.md"), target, diagnostics=diags)
    assert [d for d in diags if "extensions.gemini.timeout_mins" in d.message]


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        # Cursor's `readonly` and `is_background` are false when absent (formats.md §7)
        (".cursor/agents/scout.md", "readonly: false\nis_background: false\n"),
        # Copilot CLI 1.0.102's parser gives an agent without them these values
        (".github/agents/scout.agent.md", "user-invocable: true\ndisable-model-invocation: false\n"),
    ],
)  # fmt: skip
def test_other_tools_defaults_written_out_are_not_said_lost(path: str, keys: str) -> None:
    text = f"---\nname: scout\ndescription: Scouts.\n{keys}---\nScout.\n"
    diags = Diagnostics()
    dumps(loads(text, path=path), "gemini", diagnostics=diags)
    assert not [d for d in diags if d.code.value == "field-dropped"]
    # `0` is no `false`: said (Cursor reads a line's text: anything but `true` is off to it,
    # so it is its `false`, and that it misreads the YAML is said)
    diags = Diagnostics()
    zero = text.replace(": false\n", ": 0\n", 1)
    dumps(loads(zero, path=path, diagnostics=diags), "gemini", diagnostics=diags)
    said = "tool-misreads" if path.startswith(".cursor") else "field-dropped"
    assert [d for d in diags if d.code.value == said]


def test_an_opencode_header_prompt_is_said_ignored_as_opencode_ignores_it() -> None:
    # OpenCode 1.18.33 (`opencode debug agent`): a Markdown agent's prompt is its body; a
    # `prompt` in the header is not read, so an agent with an empty body has no prompt
    text = '---\ndescription: Builds.\nprompt: "{file:./prompts/build.txt}"\n---\n'
    diags = Diagnostics()
    agent = loads(text, path=".opencode/agents/build.md", diagnostics=diags)
    assert agent.instructions == ""
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert said and "this one has none" in said[0]
    assert dumps(agent, "opencode") == text  # its own file, as it was


def test_opencodes_older_max_steps_is_carried_as_max_turns() -> None:
    # OpenCode 1.18.33 still reads the deprecated `maxSteps` as `steps`
    text = "---\ndescription: Plans.\nmode: subagent\nmaxSteps: 5\n---\nPlan.\n"
    diags = Diagnostics()
    agent = loads(text, path=".opencode/agents/plan.md")
    assert "maxTurns: 5\n" in dumps(agent, "claude", diagnostics=diags)
    assert "max_turns: 5\n" in dumps(agent, "gemini")
    assert not [d for d in diags if "maxSteps" in d.message and d.code.value == "field-dropped"]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("denied", [("WebFetch",), ("Write", "Edit", "Bash")])
def test_a_deny_list_is_never_dropped_silently(target: str, denied: tuple[str, ...]) -> None:
    """Another tool's deny list is applied (the tools are gone when the output is read back,
    or the target keeps a deny list, a sandbox or readonly) or its loss is said. Roo,
    Cursor and Gemini CLI commands gave every tool without a word."""
    agent = Agent(
        name="a", description="d", instructions="x",
        extensions={"claude": {"disallowedTools": list(denied)}},
    )  # fmt: skip
    diags = Diagnostics()
    text = dumps(agent, target, diagnostics=diags)
    extension = default_registry().get(target).extension
    again = loads(text, format=target, path=f".x/agents/a{extension}")
    gone = again.tools is not None and not {t.lower() for t in denied} & {
        t.lower() for t in again.tools
    }
    kept = any(
        key in keys
        for keys in again.extensions.values()
        for key in ("disallowedTools", "permission", "sandbox_mode", "readonly")
    )
    said = [d for d in diags if d.code.value in ("tools-not-restricted", "field-dropped")]
    assert gone or kept or said, text


def test_claude_scoped_tools_become_opencode_patterns_as_opencode_reads_them() -> None:
    # checked with `opencode debug agent` (1.18.33): task worker / researcher, bash `git log *`
    # (Claude's prefix: `git log` alone or followed by a space; `git log*` ran `git logout` too)
    text = "---\nname: lead\ndescription: Leads.\ntools: Read, Agent(worker, researcher), Bash(git log:*)\n---\nx\n"
    out = dumps(loads(text, path="lead.md"), "opencode")
    assert "  task:\n    worker: allow\n    researcher: allow\n" in out
    assert "  bash:\n    git log *: allow\n" in out


@pytest.mark.parametrize("name", ["Task", "Agent"])
def test_task_and_agent_are_one_tool(name: str) -> None:
    # Claude Code 2.1.332 renamed Task to Agent and reads either: neither "comes back as"
    # the other, nor is the other a widening
    diags = Diagnostics()
    dumps(Agent(name="a", description="d", instructions="x", tools=("Read", name)), "gemini",
          diagnostics=diags)  # fmt: skip
    assert not [d for d in diags if d.code.value in ("tool-unmapped", "tools-widened")]


def test_kiros_builtin_is_every_built_in_tool_not_an_mcp_server() -> None:
    # formats.md §6.1: `@builtin` is every built-in tool; it was read as an MCP server named
    # "builtin", so Claude Code got `mcp__builtin` and none of its own tools
    text = '{"name": "dev", "description": "D.", "prompt": "P.", "tools": ["@builtin", "@git"]}'
    agent = loads(text, path=".kiro/agents/dev.json")
    assert agent.tools is not None and "Read" in agent.tools and "Bash" in agent.tools
    assert "mcp__builtin" not in agent.tools and "mcp__git" in agent.tools
    diags = Diagnostics()
    assert json.loads(dumps(agent, "kiro", diagnostics=diags))["tools"] == ["@builtin", "@git"]
    assert not [d for d in diags if d.code.value == "tool-unmapped"]


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Revisor de Código", "revisor-de-codigo"),  # was revisor-de-c-digo
        ("Größen-Prüfer", "grossen-prufer"),  # was gr-en-pr-fer
        ("Ærø Łódź", "aero-lodz"),
    ],
)
def test_a_name_with_accents_keeps_its_letters(name: str, written: str) -> None:
    agent = Agent(name=name, description="d", instructions="x")
    assert f"name: {written}\n" in dumps(agent, "claude")


def test_names_without_latin_letters_do_not_all_become_agent() -> None:
    # two such agents in one folder were both `agent`, and refused as a collision
    first, second = (
        dumps(Agent(name=n, description="d", instructions="x"), "claude")
        for n in ("代码审查", "テスト係")
    )
    assert first != second and "name: agent-" in first
    again = dumps(Agent(name="代码审查", description="d", instructions="x"), "claude")
    assert again == first  # the same name every run


@pytest.mark.parametrize(
    ("name", "written"),
    [("C# Expert", "csharp-expert"), ("C++ Expert", "cpp-expert"),
     ("C#/.NET Janitor", "csharp-dotnet-janitor"), (".NET Upgrade", "dotnet-upgrade")],
)  # fmt: skip
def test_a_name_spelled_with_signs_keeps_its_meaning(name: str, written: str) -> None:
    # "C# Expert" and "C++ Expert" (GitHub's awesome-copilot) were both `c-expert`: a batch
    # refused both as one name
    assert f"name: {written}\n" in dumps(
        Agent(name=name, description="d", instructions="x"), "claude"
    )


@pytest.mark.parametrize("target", sorted(set(TARGETS) - {"claude"}))
def test_a_literal_newline_in_a_description_is_a_line_break_elsewhere(target: str) -> None:
    # Claude Code turns `\n` in a Markdown agent's description into a line break (formats.md
    # §1.1), and agents written for it rely on that; every other tool showed the backslash
    text = "---\nname: ex\ndescription: Use it.\\n\\nExamples: none\n---\nBody.\n"
    agent = loads(text, path=".claude/agents/ex.md")
    assert agent.description == "Use it.\\n\\nExamples: none"  # as written
    written = dumps(agent, target)
    extension = default_registry().get(target).extension
    again = loads(written, format=target, path=f".x/agents/ex{extension}")
    # Cursor reads one line per header key (cursor_lines.py): the lines are joined, said
    one_line = target == "cursor"
    meant = "Use it. Examples: none" if one_line else "Use it.\n\nExamples: none"
    assert again.description == meant, written
    assert dumps(agent, "claude") == text  # Claude Code's own file, as it was


def test_every_mcp_tool_has_one_name_in_each_tool() -> None:
    # Gemini's `mcp_*` and Kiro's `@mcp` were read as a server named `*` or `mcp`: Claude
    # Code got `mcp_*` (no tool of its) or `mcp__mcp` (a server nobody has)
    gemini = "---\nname: m\ndescription: M.\ntools: [read_file, mcp_*]\n---\nM.\n"
    agent = loads(gemini, path=".gemini/agents/m.md")
    assert agent.tools == ("Read", "mcp__*")
    diags = Diagnostics()
    assert "tools: Read, mcp__*\n" in dumps(agent, "claude", diagnostics=diags)
    assert not [d for d in diags if d.code.value == "tool-unmapped"]
    fresh = Agent(name="m", description="M.", instructions="M.\n", tools=agent.tools)
    assert "- mcp_*\n" in dumps(fresh, "gemini")
    assert '"@mcp"' in dumps(fresh, "kiro")
    kiro = "---\nname: k\ndescription: K.\ntools: [read, '@mcp']\n---\nK.\n"
    assert "mcp__*" in (loads(kiro, path=".kiro/agents/k.md").tools or ())


@pytest.mark.parametrize(("target", "kept"), [("gemini", "display_name: Workshop TA\n"),
                                              ("roo", "name: Workshop TA\n")])  # fmt: skip
def test_a_name_the_tool_cannot_take_stays_as_its_display_name(target: str, kept: str) -> None:
    # Gemini CLI's display_name and Roo's name are the names people read: a Copilot agent's
    # "Workshop TA" was lost to the id `workshop-ta` (Roo showed "Workshop Ta")
    agent = Agent(name="Workshop TA", description="d", instructions="x")
    assert kept in dumps(agent, target)
    assert "display_name" not in dumps(replace(agent, name="workshop-ta"), "gemini")


def test_a_claude_agent_in_a_folder_of_claude_agents_is_read_as_claude_code_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Claude Code 2.1.332 lists `.claude/agents/team/x.md` (checked with its own loader)
    text = "---\nname: nested-one\ndescription: A nested agent.\ntools: Read, Bash(git log:*)\n---\nHi.\n"
    for path in (".claude/agents/team/nested.md", ".claude/agents/a/b/nested.md"):
        assert default_registry().detect(f"proj/{path}", text).name == "claude"
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(APP, ["init"])
    assert "found: .claude/agents (claude, 2 files)" in result.output, result.output


@pytest.mark.parametrize(
    ("target", "key", "value"),
    [
        # OpenCode 1.18.33 refuses its whole configuration for one such value
        ("opencode", "color", "purple"),
        ("opencode", "mode", "helper"),
        ("opencode", "temperature", "low"),
        # Gemini CLI 0.61 refuses the agent, and Claude Code 2.1.332 leaves it out
        ("gemini", "max_turns", "many"),
        ("claude", "hooks", "text"),
        ("copilot", "infer", "sometimes"),
        # Codex 0.171 ignores the whole role
        ("codex", "sandbox_mode", "readonly"),
    ],
)
def test_a_value_the_tools_loader_refuses_is_never_written(
    target: str, key: str, value: str
) -> None:
    agent = Agent(
        name="a",
        description="Reviews.",
        instructions="Review.",
        extensions={target: {key: value}},
    )
    diags = Diagnostics()
    text = dumps(agent, target, diagnostics=diags)
    assert key not in text
    assert any(f"refuses {key} = {value!r}" in d.message for d in diags)


def test_roo_groups_it_refuses_are_never_written_back() -> None:
    # one refused mode fails the whole .roomodes (@roo-code/types 1.115)
    text = "customModes:\n  - slug: r\n    name: ''\n    roleDefinition: R.\n    groups: [read, command, read]\n"
    agent = loads(text, format="roo", path=".roomodes")
    assert agent.extensions["roo"]["groups"] == ["read", "command", "read"]  # kept as read
    diags = Diagnostics()
    written = dumps(agent, "roo", diagnostics=diags)
    assert written.endswith("  groups:\n  - read\n  - command\n") and "name: R\n" in written
    said = [d.message for d in diags if "refuses" in d.message]
    assert len(said) == 2  # the repeated group and the empty name


def test_cursors_background_flag_is_claudes_and_its_fast_model_no_one_elses() -> None:
    # Cursor's is_background is Claude Code's background (formats.md §7, §1.1); Cursor's
    # `fast` names a model only Cursor chooses: Copilot was given `model: fast` as it was
    cursor = "---\nname: verifier\ndescription: Checks.\nmodel: fast\nis_background: true\n---\nx\n"
    agent = loads(cursor, path=".cursor/agents/verifier.md")
    diags = Diagnostics()
    claude = dumps(agent, "claude", diagnostics=diags)
    assert "background: true\n" in claude and "model" not in claude
    assert not [d for d in diags if d.code.value == "field-dropped"], diags.items
    for target in ("copilot", "kiro", "opencode", "codex"):
        said = Diagnostics()
        assert "fast" not in dumps(agent, target, diagnostics=said)
        assert [d.code.value for d in said if d.field == "model"] == ["model-unmapped"]
    assert "model: fast\n" in dumps(agent, "cursor")
    back = loads("---\nname: b\ndescription: d\nbackground: 'true'\n---\nx\n", format="claude")
    assert "is_background: true\n" in dumps(back, "cursor")
    assert "is_background" not in dumps(replace(back, extensions={}), "cursor")


def test_copilots_documented_aliases_are_read_as_the_tools_they_name() -> None:
    # GitHub's docs (formats.md §5.1): execute = shell, Bash, powershell; agent =
    # custom-agent, Task; matched case-insensitively. `custom-agent` and `powershell` were
    # written to Claude Code as they were, tools it does not have
    text = "---\ndescription: d\ntools: ['PowerShell', 'custom-agent', 'Read']\n---\nx\n"
    agent = loads(text, path=".github/agents/a.agent.md")
    diags = Diagnostics()
    assert "tools: Bash, Task, Read\n" in dumps(agent, "claude", diagnostics=diags)
    assert not [d for d in diags if d.code.value == "tool-unmapped"]


def test_an_opencode_switch_of_a_whole_mcp_server_is_that_server_elsewhere() -> None:
    # `github_*` (every tool of the server github) cannot be a built-in name, though
    # OpenCode's `server_tool` form can: `"github_*": false` was denied to Claude Code as a
    # tool named `github_*`
    text = '---\ndescription: d\ntools:\n  write: false\n  "github_*": false\n---\nx\n'
    agent = loads(text, path=".opencode/agents/rev.md")
    # (OpenCode 1.18.33 turns `write: false` into `edit: deny`: Edit goes too)
    assert "disallowedTools: Write, Edit, mcp__github\n" in dumps(agent, "claude")
    allowed = loads("---\nname: a\ndescription: d\ntools: Read, mcp__github\n---\nx\n")
    back = loads(dumps(allowed, "opencode"), path=".opencode/agents/a.md")
    assert back.tools == ("Read", "mcp__github")  # it came back as a tool named github_*


@given(st.text(max_size=40))
def test_a_file_name_made_of_a_name_holds_no_invisible_or_path_character(name: str) -> None:
    # `\u202egnp.exe` (a right-to-left override) was written as a Kiro and an OpenCode file
    # name, which a file manager shows as `exe.png`
    stem = file_name(name)
    assert stem and stem not in (".", "..")
    forbidden = set('/\\:*?"<>|\ufeff\u2028\u2029') | {chr(c) for c in range(0x20)}
    forbidden |= {chr(c) for c in range(0x7F, 0xA0)} | {chr(c) for c in range(0x202A, 0x202F)}
    forbidden |= {chr(c) for c in range(0x200B, 0x2010)} | {chr(c) for c in range(0x2066, 0x2070)}
    assert not forbidden & set(stem), repr(stem)


def test_a_right_to_left_override_never_reaches_a_file_name() -> None:
    agent = Agent(name="\u202egnp.exe", description="d", instructions="x")
    for target in ("opencode", "kiro", "copilot", "cursor", "claude"):
        fmt = default_registry().get(target)
        assert "\u202e" not in file_name(fmt.file_stem(agent) or agent.name), target


def test_a_secret_placeholder_only_copilot_fills_is_said_where_it_goes_as_text() -> None:
    # GitHub fills ${{ secrets.X }} from the repository's Copilot environment; Claude Code
    # and Codex would start the server with the placeholder as its token
    text = (
        "---\nname: gh\ndescription: d\nmcp-servers:\n  github:\n    type: local\n"
        "    command: npx\n    args: [server]\n    env:\n"
        "      TOKEN: ${{ secrets.GH_TOKEN }}\n    tools: ['*']\n---\nx\n"
    )
    agent = loads(text, path=".github/agents/gh.agent.md")
    for target in ("claude", "codex", "gemini", "kiro"):
        diags = Diagnostics()
        dumps(agent, target, diagnostics=diags)
        said = [d.message for d in diags if d.code.value == "tool-misreads"]
        assert said and "${{ secrets.GH_TOKEN }}" in said[0], target
    diags = Diagnostics()
    dumps(agent, "copilot", diagnostics=diags)
    assert not [d for d in diags if d.code.value == "tool-misreads"]


def test_a_tool_written_under_a_shared_name_is_not_said_written_as_is() -> None:
    # Gemini's `replace` is Edit's and MultiEdit's name: the note said "no name for
    # MultiEdit (comes back as Edit); written as is", though MultiEdit was not written
    diags = Diagnostics()
    out = dumps(
        Agent(name="a", description="d", instructions="x", tools=("Read", "MultiEdit")),
        "gemini",
        diagnostics=diags,
    )
    assert "MultiEdit" not in out and "- replace\n" in out
    said = [d.message for d in diags if d.code.value == "tool-unmapped"]
    assert said == [
        "gemini writes MultiEdit (comes back as Edit) under a name it gives another tool too; "
        "read back, it is that tool"
    ]


def test_kiros_current_tool_names_are_read_as_what_they_name() -> None:
    # Kiro CLI's built-in tools reference names them read, write, shell, grep, glob,
    # web_search, web_fetch, aws (Amazon Q's fs_read...): they went to Claude Code as
    # unknown names, and `aws` was said lost even written back to Kiro
    text = (
        '{"name": "k", "description": "d", "prompt": "p", '
        '"tools": ["read", "write", "shell", "grep", "web_fetch", "aws", "@git"]}'
    )
    agent = loads(text, path=".kiro/agents/k.json")
    assert agent.tools == (
        "Read",
        "LS",
        "Write",
        "Edit",
        "Bash",
        "Grep",
        "WebFetch",
        "aws",
        "mcp__git",
    )
    diags = Diagnostics()
    assert "aws" in json.loads(dumps(agent, "kiro", diagnostics=diags))["tools"]
    assert not [d for d in diags if d.code.value == "tool-unmapped"]


def test_a_kiro_prompt_of_null_is_no_prompt_not_the_word_none() -> None:
    agent = loads(
        '{"name": "dev", "description": "", "prompt": null}', path=".kiro/agents/dev.json"
    )
    assert agent.instructions == ""


@pytest.mark.parametrize(
    "text",
    [
        # the documented shape: the agent schema's address first, and no prompt (optional to
        # Kiro: its default one); read as our own JSON format, it was refused as "a
        # configuration file, not an agent"
        '{\n  "$schema": "https://raw.githubusercontent.com/aws/amazon-q-developer-cli/refs/'
        'heads/main/schemas/agent-v1.json",\n  "name": "default",\n  "description": "d",\n'
        '  "tools": ["*"],\n  "useLegacyMcpJson": false\n}\n',
        '{"name": "helper", "description": "d", "toolsSettings": {}, "toolAliases": {}}\n',
    ],
)
def test_a_kiro_agent_without_a_prompt_is_a_kiro_agent(text: str) -> None:
    assert default_registry().detect(".kiro/agents/helper.json", text).name == "kiro"
    agent = loads(text, path=".kiro/agents/helper.json")
    assert agent.provenance is not None and agent.provenance.format == "kiro"
    assert agent.description == "d" and agent.instructions == ""


def test_a_markdown_file_with_a_toml_header_is_not_read_as_a_toml_document() -> None:
    # `+++` opens a Hugo-style TOML header: the file was detected as TOML by its content and
    # refused as "invalid TOML: Empty key"; Claude Code reads it as having no header
    text = '+++\nname = "f"\ndescription = "toml header"\n+++\nbody\n'
    assert default_registry().detect(".claude/agents/f.md", text).name == "claude"
    assert default_registry().detect("f.md", text).name == "markdown"


def test_a_description_made_from_the_name_says_so() -> None:
    # a Gemini CLI remote agent has no prompt: the description is its name, not a sentence
    diags = Diagnostics()
    text = dumps(Agent(name="helper", instructions=""), "claude", diagnostics=diags)
    assert "description: helper\n" in text
    said = [d.message for d in diags if d.code.value == "value-derived"]
    assert said == ["claude requires a description; used its name"]


@pytest.mark.parametrize(
    ("path", "severity"),
    [
        (".github/agents/speckit.tasks.agent.md", "info"),  # Copilot names it by its file
        (".kiro/agents/speckit.tasks.md", "info"),
        (".claude/agents/speckit.tasks.md", "warning"),  # Claude Code requires a name
    ],
)
def test_a_name_taken_from_the_file_is_a_warning_only_where_the_tool_requires_one(
    path: str, severity: str
) -> None:
    # GitHub Spec Kit writes `.github/agents/speckit.*.agent.md` with no name
    diags = Diagnostics()
    agent = loads("---\ndescription: Tasks.\n---\nDo.\n", path=path, diagnostics=diags)
    assert agent.name == "speckit.tasks"
    said = [d for d in diags if d.code.value == "name-from-filename"]
    assert [d.severity.value for d in said] == [severity]


@pytest.mark.parametrize(
    ("source", "server", "written"),
    [
        # Gemini CLI's agent schema: `http_url` is streamable HTTP, a bare `url` SSE
        ("gemini", {"http_url": "https://m.example/mcp"}, {"url": "https://m.example/mcp", "type": "http"}),
        ("gemini", {"url": "https://m.example/sse"}, {"url": "https://m.example/sse", "type": "sse"}),
        ("gemini", {"url": "https://m.example/mcp", "type": "http"}, {"url": "https://m.example/mcp", "type": "http"}),
        # Codex and Kiro: a bare `url` is streamable HTTP
        ("codex", {"url": "https://m.example/mcp"}, {"url": "https://m.example/mcp", "type": "http"}),
        ("kiro", {"url": "https://m.example/mcp"}, {"url": "https://m.example/mcp", "type": "http"}),
        ("codex", {"command": "srv", "args": ["--stdio"]}, {"command": "srv", "args": ["--stdio"]}),
    ],
)  # fmt: skip
def test_a_remote_mcp_server_says_its_transport_to_claude_code(
    source: str, server: dict[str, object], written: dict[str, object]
) -> None:
    # Claude Code 2.1.332 skipped each server it got before: `url` with no `type`, `http_url`
    key = {"gemini": "mcp_servers", "codex": "mcp_servers", "kiro": "mcpServers"}[source]
    agent = Agent(
        name="a", description="d", instructions="x", extensions={source: {key: {"s": server}}}
    )
    # written as a list of one-server maps: the only form Claude Code's agent loader takes
    assert loads(dumps(agent, "claude"), format="claude").extensions["claude"]["mcpServers"] == [
        {"s": written}
    ]


def test_validate_says_a_claude_remote_server_without_its_transport() -> None:
    text = (
        "---\nname: a\ndescription: d\nmcpServers:\n  s:\n    url: https://m.example/mcp\n---\nx\n"
    )
    notes = Diagnostics()
    fmt = default_registry().get("claude")
    fmt.validate(loads(text, path=".claude/agents/a.md"), notes)
    assert any("'s' has no type" in d.message for d in notes), [d.message for d in notes]


def test_an_sse_server_written_for_codex_is_said_not_to_connect() -> None:
    # Codex 0.171 takes a server's `url` as streamable HTTP and has no `type` to say SSE
    servers = {"s": {"type": "sse", "url": "https://m.example/sse"}}
    agent = Agent(
        name="a", description="d", instructions="x", extensions={"claude": {"mcpServers": servers}}
    )
    notes = Diagnostics()
    dumps(agent, "codex", diagnostics=notes)
    said = [d.message for d in notes if d.code.value == "tool-misreads"]
    assert said == [
        "codex speaks only streamable HTTP to a url of no type it takes; MCP server 's' speaks SSE: "
        "it will not connect"
    ]
    notes = Diagnostics()
    dumps(agent, "gemini", diagnostics=notes)  # Gemini takes `type: sse`
    assert not [d for d in notes if d.code.value == "tool-misreads"]


def test_opencode_says_a_tool_written_under_another_tools_name_is_read_back_as_that_one() -> None:
    # it said "opencode has no name for MultiEdit (comes back as Edit); written as is",
    # though MultiEdit was written as OpenCode's edit, not as is
    agent = Agent(name="a", description="d", instructions="x", tools=("Read", "Edit", "MultiEdit"))
    diags = Diagnostics()
    dumps(agent, "opencode", diagnostics=diags)
    said = [d.message for d in diags if d.code == "tool-unmapped"]
    assert said == [
        "opencode writes MultiEdit (comes back as Edit) under a name it gives another tool too; "
        "read back, it is that tool"
    ]


def test_a_copilot_local_server_reaches_claude_code_without_a_type_it_skips() -> None:
    # Claude Code 2.1.332 skips a server of type "local" (Copilot's name for stdio):
    # "unknown MCP server type", checked with `claude -p --mcp-config`
    text = (
        "---\nname: gh\ndescription: d\nmcp-servers:\n  github:\n    type: local\n"
        "    command: npx\n    args: [server]\n    tools: ['*']\n---\nx\n"
    )
    agent = loads(text, path=".github/agents/gh.agent.md")
    back = loads(dumps(agent, "claude"), format="claude")
    server = back.extensions["claude"]["mcpServers"][0]["github"]
    assert "type" not in server and server["command"] == "npx"
    stdio = text.replace("type: local", "type: stdio")
    back = loads(dumps(loads(stdio, path=".github/agents/gh.agent.md"), "claude"), format="claude")
    assert back.extensions["claude"]["mcpServers"][0]["github"]["type"] == "stdio"


def test_validate_says_claude_code_skips_a_server_of_a_type_it_does_not_take() -> None:
    text = (
        "---\nname: a\ndescription: d\nmcpServers:\n- s:\n    type: local\n    command: x\n---\nx\n"
    )
    notes = Diagnostics()
    default_registry().get("claude").validate(loads(text, path=".claude/agents/a.md"), notes)
    assert [d.message for d in notes] == [
        "claude skips the MCP server 's': its type 'local' is none it takes (stdio, sse, http, "
        "streamable-http, ws)"
    ]


def test_a_header_never_holds_yaml_anchors_for_values_written_twice() -> None:
    # the default `tools: ['*']` and `args: []` Copilot requires were one object for every
    # server, written `&id001` then `*id001`
    servers = {"a": {"command": "x"}, "b": {"command": "y"}}
    agent = Agent(
        name="a", description="d", instructions="x", extensions={"claude": {"mcpServers": servers}}
    )
    out = dumps(agent, "copilot")
    assert "&id" not in out and "*id" not in out
    assert out.count("    tools:\n    - '*'\n") == 2


@pytest.mark.parametrize(
    ("source", "key", "server"),
    [("codex", "mcp_servers", {"command": "srv", "enabled": False}),
     ("kiro", "mcpServers", {"command": "srv", "disabled": True})],
)  # fmt: skip
def test_an_mcp_server_its_author_turned_off_is_never_started_elsewhere(
    source: str, key: str, server: dict[str, object]
) -> None:
    # Claude Code and Gemini CLI have no switch: they started it (`enabled: false` written
    # as an unknown key, or dropped as one)
    servers = {"off": server, "on": {"command": "srv2"}}
    agent = Agent(name="a", description="d", instructions="x", extensions={source: {key: servers}})
    for target, servers_key in (("claude", "mcpServers"), ("gemini", "mcp_servers")):
        notes = Diagnostics()
        back = loads(dumps(agent, target, diagnostics=notes), format=target, path="a.md")
        servers_back = back.extensions[target][servers_key]
        if isinstance(servers_back, list):  # Claude Code's list of one-server maps
            servers_back = {k: v for item in servers_back for k, v in item.items()}
        assert list(servers_back) == ["on"], target
        assert any("'off' is turned off" in d.message for d in notes), target
    codex = loads(dumps(agent, "codex"), format="codex", path="a.toml")
    assert codex.extensions["codex"]["mcp_servers"]["off"] == {"command": "srv", "enabled": False}
    kiro = loads(dumps(agent, "kiro"), format="kiro", path="a.json")
    assert kiro.extensions["kiro"]["mcpServers"]["off"] == {"command": "srv", "disabled": True}


@pytest.mark.parametrize("target", TARGETS)
@given(agent=agents())
def test_any_agent_is_written_or_refused_with_a_reason(target: str, agent: Agent) -> None:
    """Any agent the model allows, hostile text in every string and any tool's settings
    (a Codex key TOML cannot write bare was an internal error): written, or refused with a
    typed error that says why, never a failed self-check."""
    written_and_checked(agent, target)


def written_and_checked(agent: Agent, target: str) -> None:
    """Write `agent` for `target` and run the self-check convert runs on it; a typed refusal
    (a reason for the user) is fine, an internal error is not."""
    from converter.api import check_round_trip
    from converter.errors import ConverterError, InternalError

    fmt = default_registry().get(target)
    said = Diagnostics()
    try:
        text = dumps(agent, target, diagnostics=said)
    except InternalError:
        raise
    except ConverterError:
        return
    stem = file_name(fmt.file_stem(agent) or agent.name) or "agent"
    path = fmt.layout.format(name=stem) if fmt.layout else f"{stem}{fmt.extension}"
    check_round_trip(fmt, agent, text, path=path, diagnostics=said)


@pytest.mark.parametrize(
    ("target", "text"),
    [
        ("claude-json", '{"rev": {"description": "Reviews.", "prompt": null}}\n'),
        ("roo", "customModes:\n  - slug: rev\n    roleDefinition:\n    groups: [read]\n"),
    ],
)
def test_a_prompt_with_no_value_is_empty_not_the_word_none(target: str, text: str) -> None:
    assert loads(text, format=target).instructions == ""


def test_opencode_loads_an_agent_without_a_description_which_its_documentation_asks_for() -> None:
    """OpenCode 1.18.33 loads it (recorded case opencode/no-description.md): `validate`
    advises a description (an info), and converting to OpenCode still derives one."""
    from converter import Diagnostics, convert, loads
    from converter.registry import default_registry

    text = "---\nmode: subagent\n---\nReview each migration for a way back.\n"
    agent = loads(text, format="opencode", path=".opencode/agent/reviewer.md")
    notes = Diagnostics()
    default_registry().get("opencode").validate(agent, notes)
    (advice,) = [d for d in notes if d.field == "description"]
    assert advice.severity.value == "info" and "documentation asks for one" in advice.message
    claude_notes = Diagnostics()
    default_registry().get("claude").validate(agent, claude_notes)
    assert any(d.severity.value == "warning" and d.field == "description" for d in claude_notes)
    done = convert(text, "opencode", path=".opencode/agent/reviewer.md")
    assert "description: Review each migration for a way back." in done.text
    (derived,) = [d.message for d in done.diagnostics if d.code.value == "value-derived"]
    assert derived.startswith("opencode's documentation asks for a description")


@pytest.mark.parametrize("folder", [".kilo/agents", ".kilo/agent", ".kilocode/agents"])
def test_a_kilo_agent_is_read_as_opencode_reads_it(tmp_path: Path, folder: str) -> None:
    """Kilo, an OpenCode fork, reads its own folders' agents as OpenCode does (formats.md
    §2): named by the file, `mode` one of its keys, not metadata sent on to another tool."""
    path = tmp_path / folder / "scout.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ndescription: Scouts.\nmode: subagent\n---\nLook.\n", encoding="utf-8")
    assert default_registry().detect(str(path), path.read_text()).name == "opencode"
    result = CliRunner().invoke(build_app(), ["convert", str(path), "--to", "claude"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "---\nname: scout\ndescription: Scouts.\n---\nLook.\n"
    assert "name-from-filename" not in result.output


def test_kiro_s_subagent_tool_is_claude_code_s_agent_tool_both_ways() -> None:
    """Kiro CLI delegates with its `subagent` tool (kiro.dev/docs/cli/chat/subagents), and
    names its todo tool `todo` now: neither is an unknown name to keep as written."""
    kiro = '{"name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["read", "subagent", "todo"]}'
    diags = Diagnostics("lead.json")
    agent = loads(kiro, path=".kiro/agents/lead.json", diagnostics=diags)
    assert "Task" in (agent.tools or ()) and "TodoWrite" in (agent.tools or ())
    claude = dumps(agent, format="claude", diagnostics=diags)
    assert "Task" in claude and not [d for d in diags if d.code.value == "tool-unmapped"]
    back = loads(
        "---\nname: lead\ndescription: Leads.\ntools: Read, Agent\n---\nLead.\n", path="lead.md"
    )
    assert '"subagent"' in dumps(back, format="kiro")


def test_a_roo_edit_group_narrowed_by_file_pattern_is_said_widened_elsewhere() -> None:
    """Roo's `["edit", {"fileRegex": ...}]` lets a mode edit only matching files; a tool with
    no such limit grants its edit tools for every file, which is more than the mode had."""
    roomodes = (
        "customModes:\n  - slug: docs-writer\n    name: Docs Writer\n"
        "    roleDefinition: You write documentation.\n    whenToUse: Docs changes.\n"
        "    groups:\n      - read\n      - - edit\n        - fileRegex: \\.(md|mdx)$\n"
        "          description: Markdown files only\n"
    )
    (agent,) = default_registry().get("roo").read_many(roomodes, ReadContext(path=".roomodes"))
    for target in ("claude", "opencode"):
        diags = Diagnostics(".roomodes")
        dumps(agent, format=target, diagnostics=diags)
        widened = [d.message for d in diags if d.code.value == "tools-widened"]
        assert (
            len(widened) == 1
            and "only on files matching `\\.(md|mdx)$` (Markdown files only)" in widened[0]
        )
    same = Diagnostics(".roomodes")
    assert "fileRegex" in dumps(agent, format="roo", diagnostics=same)
    assert not [d for d in same if d.code.value == "tools-widened"]


@pytest.mark.parametrize(
    ("prompt", "derived"),
    [
        (
            "<role>You review code.</role>\n<instructions>Read it.</instructions>\n",
            "You review code.",
        ),
        ("<instructions>\nReview the diff. Then stop.\n</instructions>\n", "Review the diff."),
        ("  <examples><example>user: review</example></examples>\n", "user: review"),
        ("Use <file> to start. More.\n", "Use <file> to start."),  # tags inside are words
        ("## Reviewer\nBody.\n", "Reviewer"),
    ],
)
def test_a_derived_description_is_the_words_of_an_xml_tagged_first_line(
    prompt: str, derived: str
) -> None:
    # an XML-tagged prompt (`<role>...</role>`) gave the description "<role>You review
    # code.</role>", tags and all, which a tool shows as the agent's purpose
    text = dumps(Agent(name="r", instructions=prompt), "claude")
    assert f"description: {derived}\n" in text or f"description: '{derived}'\n" in text, text
