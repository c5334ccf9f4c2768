"""A project root given as it is: its documents, configuration and installed packages are
no agents, and a walk passes over them, said; named on the command line they are read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import load
from converter.cli import build_app
from tests.conftest import write_tree

RUNNER = CliRunner()

#: a project as users have one: one agent among files that are not agents
PROJECT = {
    ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews.\n---\nReview.\n",
    "README.md": "# My app\n\nIt does things.\n",
    "AGENTS.md": "# Agents\n\nRun the tests first.\n",
    "docs/guide.md": "# Guide\n\nStep one.\n",
    "package.json": '{\n  "name": "app",\n  "version": "1.0.0",\n  "scripts": {"test": "jest"}\n}\n',
    "tsconfig.json": '{"compilerOptions": {"strict": true}}\n',
    "pyproject.toml": '[project]\nname = "app"\n',
    "requirements.txt": "pyyaml==6.0.2\n",
    "pom.xml": '<?xml version="1.0"?>\n<project><artifactId>app</artifactId></project>\n',
    "node_modules/left-pad/README.md": "# left-pad\n",
    "node_modules/left-pad/agent.md": "---\nname: pad\ndescription: d\n---\nx\n",
    "env/pyvenv.cfg": "home = /usr/bin\n",
    "env/lib/notes.md": "---\nname: notes\ndescription: d\n---\nx\n",
    # an agent whose header is indented: the tools cannot read it, but it is an agent
    "agents/indented.md": "  ---\n  name: indented\n  description: d\n  ---\nBody.\n",
    "agents/planner.json": '{"name": "planner", "instructions": "Plan."}\n',
    # Gemini CLI 0.61 does not load a file whose name starts with "_" (a draft)
    ".gemini/agents/_draft.md": "---\nname: draft\ndescription: d\n---\nx\n",
    # Claude Code 2.1.332 loads no agent without a description (nor a header-less read-me)
    ".claude/agents/README.md": "# Our agents\n",
    ".claude/agents/unfinished.md": "---\nname: unfinished\n---\nTo do.\n",
    # a docs site's page and a blog post: headers, but a page's (no name, a title...)
    "website/docs/install.md": "---\nsidebar_position: 2\ntitle: Install\ndescription: How to install.\n---\nRun it.\n",
    "_posts/2024-01-01-hello.md": "---\nlayout: post\ntitle: Hello\ndate: 2024-01-01\n---\nHi.\n",
    # an agent without a name, with keys of its own: an agent
    "agents/unnamed.md": "---\ndescription: Reviews.\nauthor: me\nversion: 2\n---\nReview.\n",
}


def _project(root: Path) -> Path:
    return write_tree(root, PROJECT)


def test_a_project_root_converts_its_agents_only(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    out = tmp_path / "out"
    result = RUNNER.invoke(build_app(), ["convert", str(root), "--to", "codex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (out / ".codex" / "agents").iterdir())
    # an agent its tool refuses (no description) is still an agent: converted, and said
    assert written == [
        "indented.toml",
        "planner.toml",
        "reviewer.toml",
        "unfinished.toml",
        "unnamed.toml",
    ]
    assert "unfinished.md:1: warning[tool-refuses]: Claude Code does not load" in result.output
    assert "12 skipped" in result.output and "5 written" in result.output
    assert "note: 12 files skipped in the folders walked, as no agent" in result.output


def test_verbose_says_why_each_file_was_passed_over(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    args = ["convert", str(root), "--to", "codex", "-o", str(tmp_path / "out"), "-v"]
    output = RUNNER.invoke(build_app(), args).output
    assert "README.md: info[input-skipped]: no header: a document, not an agent" in output
    assert "package.json: info[input-skipped]: no prompt, and keys no agent has" in output
    assert "node_modules: a folder of installed packages" in output
    assert "env: a folder of installed packages" in output
    assert "_draft.md: info[input-skipped]: Gemini CLI does not load an agent file" in output
    assert "agents/README.md: info[input-skipped]: no header: a document" in output
    assert "install.md: info[input-skipped]: a header with no name and a page's keys" in output


def test_a_file_its_tool_does_not_load_is_read_when_named_and_said(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    result = RUNNER.invoke(
        build_app(), ["convert", str(root / ".gemini/agents/_draft.md"), "--to", "claude"]
    )
    assert result.exit_code == 0 and "warning[file-not-loaded]" in result.output
    # and nothing is written where Gemini CLI would not load it
    agent = "---\nname: _private\ndescription: d\n---\nx\n"
    (root / "p.md").write_text(agent)
    result = RUNNER.invoke(build_app(), ["convert", str(root / "p.md"), "--to", "gemini"])
    assert "name: private\n" in result.output


def test_a_document_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    result = RUNNER.invoke(build_app(), ["convert", str(root / "AGENTS.md"), "--to", "claude"])
    assert result.exit_code == 0 and "Run the tests first." in result.output


def test_validate_passes_over_them_too(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    result = RUNNER.invoke(build_app(), ["validate", str(root)])
    assert "5 files checked" in result.output and "unreadable" in result.output
    assert "0 unreadable" in result.output


def test_sync_does_not_make_an_agent_of_the_source_folders_read_me(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "app"
    (root / ".agents").mkdir(parents=True)
    (root / ".agents" / "reviewer.md").write_text(PROJECT[".claude/agents/reviewer.md"])
    (root / ".agents" / "README.md").write_text("# Our agents\n\nEdit these, then sync.\n")
    monkeypatch.chdir(root)
    assert RUNNER.invoke(build_app(), ["init"]).exit_code == 0
    result = RUNNER.invoke(build_app(), ["sync"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / ".codex" / "agents").iterdir()) == ["reviewer.toml"]
    assert "1 source agent" in result.output


def test_validate_says_how_many_it_passed_over_and_why_with_verbose(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    result = RUNNER.invoke(build_app(), ["validate", str(root)])
    assert "5 files checked (14 skipped; --verbose says why)" in result.output
    verbose = RUNNER.invoke(build_app(), ["validate", str(root), "-v"]).output
    assert "package.json: info[input-skipped]: no prompt, and keys no agent has" in verbose


def test_a_configuration_file_named_on_the_command_line_is_refused_with_the_reason(
    tmp_path: Path,
) -> None:
    # read as an agent it was one with no prompt and the configuration in its metadata
    root = _project(tmp_path / "app")
    result = RUNNER.invoke(build_app(), ["convert", str(root / "pyproject.toml"), "--to", "claude"])
    assert result.exit_code == 1
    assert "a configuration file, not an agent" in result.output
    codex = root / ".codex" / "config.toml"
    codex.parent.mkdir()
    codex.write_text('model = "gpt-5.5"\n\n[agents.reviewer]\ndescription = "Reviews"\n')
    result = RUNNER.invoke(build_app(), ["convert", str(codex), "--to", "claude"])
    assert result.exit_code == 1
    assert "Codex's configuration (config.toml), not an agent" in result.output
    assert ".codex/agents/NAME.toml" in result.output


def test_import_does_not_gather_a_tool_folders_read_me(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "app"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "reviewer.md").write_text(PROJECT[".claude/agents/reviewer.md"])
    (agents / "README.md").write_text("# Our agents\n\nSee below.\n")
    (root / ".agents").mkdir()
    monkeypatch.chdir(root)
    assert RUNNER.invoke(build_app(), ["init"]).exit_code == 0
    result = RUNNER.invoke(build_app(), ["import"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / ".agents").iterdir()) == ["reviewer.md"]


def test_an_agent_its_tool_switched_off_is_passed_over_by_a_walk(tmp_path: Path) -> None:
    # OpenCode 1.18.33 does not load `disable: true` (opencode agent list): converted by a
    # walk, it would be switched on in every other tool
    agents = tmp_path / ".opencode" / "agents"
    agents.mkdir(parents=True)
    (agents / "off.md").write_text("---\ndescription: Off.\ndisable: true\n---\nOff.\n")
    (agents / "on.md").write_text("---\ndescription: On.\n---\nOn.\n")
    out = tmp_path / "out"
    result = RUNNER.invoke(build_app(), ["convert", str(tmp_path), "--to", "codex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / ".codex" / "agents").iterdir()) == ["on.toml"]
    named = RUNNER.invoke(build_app(), ["convert", str(agents / "off.md"), "--to", "codex"])
    assert "warning[file-not-loaded]: OpenCode does not load this agent" in named.output


def test_variants_of_one_agent_that_collide_are_pointed_to_merge(tmp_path: Path) -> None:
    for number, extra in enumerate(("Be brief.", "Be thorough.")):
        (tmp_path / f"v{number}.md").write_text(
            f"---\nname: reviewer\ndescription: Reviews.\n---\nReview. {extra}\n"
        )
    out = tmp_path / "out"
    result = RUNNER.invoke(build_app(), ["convert", str(tmp_path), "--to", "codex", "-o", str(out)])
    assert result.exit_code == 1
    assert "hint: they are variants of one agent: 'agentmorph merge " in result.output


@pytest.mark.parametrize("to", ["json", "codex"])
def test_a_walk_passes_over_its_own_output_folder(tmp_path: Path, to: str) -> None:
    # `convert . -o out`, run again: the outputs of the first run are not read back as
    # inputs (they were: out/out/... written, and each output refused as an input)
    root = _project(tmp_path / "app")
    args = ["convert", str(root), "--to", to, "-o", str(root / "out")]
    first = RUNNER.invoke(build_app(), args)
    assert first.exit_code == 0, first.output
    made = sorted(p.relative_to(root) for p in (root / "out").rglob("*") if p.is_file())
    again = RUNNER.invoke(build_app(), [*args, "--force", "-v"])
    assert again.exit_code == 0, again.output
    assert "out: the output folder (-o); skipped" in again.output
    assert sorted(p.relative_to(root) for p in (root / "out").rglob("*") if p.is_file()) == made
    assert not (root / "out" / "out").exists()  # nothing of the first run read again


@pytest.mark.parametrize(
    ("folder", "tool"),
    [
        (".claude/agents", "Claude Code"),
        (".gemini/agents", "Gemini CLI"),
        (".opencode/agents", "OpenCode"),
        (".github/agents", "GitHub Copilot CLI"),  # its discovery left out `x.AGENT.MD`
    ],
)
def test_a_file_ending_in_md_in_other_letters_is_one_its_tool_never_loads(
    tmp_path: Path, folder: str, tool: str
) -> None:
    # each loader left out `x.MD` (Claude Code 2.1.332, Gemini CLI 0.61.0, OpenCode 1.18.33)
    agents = tmp_path / folder
    agents.mkdir(parents=True)
    text = "---\nname: reviewer\ndescription: Reviews.\n---\nReview.\n"
    (agents / "Reviewer.MD").write_text(text)
    (agents / "planner.md").write_text(text.replace("reviewer", "planner"))
    walked = RUNNER.invoke(build_app(), ["validate", str(agents), "-v"])
    assert "1 skipped" in walked.output
    assert f"{tool} loads only files whose names end in '.md', in these letters" in walked.output
    named = RUNNER.invoke(build_app(), ["convert", str(agents / "Reviewer.MD"), "--to", "json"])
    assert named.exit_code == 0 and "rename it 'Reviewer.md'" in named.output


def test_an_agent_in_a_folder_of_gemini_agents_is_one_gemini_never_loads(tmp_path: Path) -> None:
    # Gemini CLI 0.61.0 lists only the files directly in .gemini/agents (Claude Code reads
    # folders there too): `team/x.md` is not listed by its loader
    team = tmp_path / ".gemini/agents/team"
    team.mkdir(parents=True)
    (team / "x.md").write_text("---\nname: x\ndescription: Reviews.\n---\nReview.\n")
    walked = RUNNER.invoke(build_app(), ["validate", str(tmp_path / ".gemini/agents"), "-v"])
    assert "not in its folder 'team'" in walked.output and "1 skipped" in walked.output
    named = RUNNER.invoke(build_app(), ["convert", str(team / "x.md"), "--to", "claude"])
    assert named.exit_code == 0 and "warning[file-not-loaded]" in named.output


def test_another_tools_document_keeps_its_schema_and_the_refusal_names_it(tmp_path: Path) -> None:
    # a tool's agent opening with its own schema's address, named anything.json: our JSON
    # format read it and dropped that address unsaid; its refusal named no way out
    from converter import Diagnostics, loads

    schema = "https://example.org/schemas/agent-v1.json"
    text = f'{{"$schema": "{schema}", "name": "a", "description": "d", "toolAliases": {{}}}}\n'
    diags = Diagnostics()
    agent = loads(text, format="json", path="a.json", diagnostics=diags)
    assert agent.metadata["$schema"] == schema
    assert any("'$schema' names another schema" in d.message for d in diags)
    path = tmp_path / "a.json"
    path.write_text(text)
    result = RUNNER.invoke(build_app(), ["convert", str(path), "--to", "claude"])
    assert result.exit_code == 1
    assert f"its $schema is {schema}" in result.stderr and "--from" in result.stderr


def test_an_agent_in_a_folder_of_copilot_agents_is_copilots(tmp_path: Path) -> None:
    # Copilot CLI 1.0.102's discovery loads `.github/agents/team/x.md` as agent `team--x`
    # (its name by its path, where the header has none); we read it as our own Markdown
    team = tmp_path / ".github/agents/team"
    team.mkdir(parents=True)
    (team / "x.md").write_text("---\ndescription: Reviews.\ntools: [read, execute]\n---\nReview.\n")
    agent = load(team / "x.md")
    assert agent.provenance is not None and agent.provenance.format == "copilot"
    assert agent.name == "team--x"
    assert agent.tools is not None and "Bash" in agent.tools  # Copilot's `execute`
    (team / "y.agent.md").write_text("---\nname: why\ndescription: Asks.\n---\nAsk.\n")
    assert load(team / "y.agent.md").name == "why"


#: a Kiro CLI agent as its `default.json` often is: no prompt (optional to Kiro), only keys
#: that JSON of other kinds could have too (no `toolsSettings`, no `$schema`)
KIRO_WITHOUT_PROMPT = (
    '{\n  "name": "helper",\n  "description": "Helps.",\n'
    '  "resources": ["file://README.md", "skill://skills/**/SKILL.md"],\n'
    '  "hooks": {"stop": [{"command": "make lint"}]},\n'
    '  "mcpServers": {"docs": {"command": "docs-server", "args": []}}\n}\n'
)


@pytest.mark.parametrize("folder", [".kiro/agents", ".amazonq/cli-agents"])
def test_a_kiro_agent_without_a_prompt_is_kiros_in_its_folder(tmp_path: Path, folder: str) -> None:
    # Kiro CLI loads every object of its folder as an agent: it was refused as "a
    # configuration file" when named, and passed over by a walk
    agents = tmp_path / folder
    agents.mkdir(parents=True)
    (agents / "helper.json").write_text(KIRO_WITHOUT_PROMPT, encoding="utf-8")
    agent = load(agents / "helper.json")
    assert agent.provenance is not None and agent.provenance.format == "kiro"
    assert (agent.name, agent.description, agent.instructions) == ("helper", "Helps.", "")
    assert "docs" in agent.extensions["kiro"]["mcpServers"]  # type: ignore[operator]
    out = tmp_path / "out"
    result = RUNNER.invoke(build_app(), ["convert", str(agents), "--to", "claude", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / ".claude" / "agents" / "helper.md").is_file()
    # outside Kiro's folder such an object is not told from other JSON by its content
    (tmp_path / "helper.json").write_text(KIRO_WITHOUT_PROMPT, encoding="utf-8")
    assert load(tmp_path / "helper.json").provenance.format == "json"  # type: ignore[union-attr]
