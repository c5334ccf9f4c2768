"""Gemini CLI custom commands (`.gemini/commands/**/*.toml`): read as Gemini CLI's
FileCommandLoader reads them, written where and as it reads them, never walked as agents."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import Agent, Diagnostics, ValidationError, dumps, load, loads
from converter.cli import build_app
from formats.gemini_command_format import command_name
from tests.conftest import SHARED

RUNNER = CliRunner()
APP = build_app()
COMMAND = 'description = "Reviews a change."\nprompt = """\nReview {{args}}.\n"""\n'


def test_the_prompt_is_the_instructions_and_nothing_lands_in_metadata() -> None:
    agent = loads(COMMAND, path="review.toml")
    assert agent.provenance is not None and agent.provenance.format == "gemini-command"
    assert (agent.name, agent.description) == ("review", "Reviews a change.")
    assert agent.instructions == "Review {{args}}.\n"
    assert agent.metadata == {} and agent.tools is None and agent.model is None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("proj/.gemini/commands/review.toml", "review"),
        ("proj/.gemini/commands/git/commit.toml", "git:commit"),  # /git:commit
        ("ext/commands/a b/c+d.toml", "a_b:c_d"),  # the loader's characters
        ("commands/" + "x" * 60 + ".toml", "x" * 47 + "..."),  # cut at 50
        ("C:\\work\\.gemini\\commands\\deploy.toml", "deploy"),
    ],
)
def test_the_name_is_the_path_under_commands_as_the_loader_makes_it(path: str, name: str) -> None:
    assert command_name(path) == name
    assert loads(COMMAND, path=path, format="gemini-command").name == name


def test_keys_the_loader_ignores_are_kept_in_metadata_and_said() -> None:
    diags = Diagnostics()
    agent = loads(COMMAND + "owner = 3\n", path="x.toml", diagnostics=diags)
    assert agent.metadata == {"owner": 3}
    assert [d.code.value for d in diags] == ["unknown-key"]
    assert "Gemini CLI ignores the key 'owner'" in diags.items[0].message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('description = "d"\n', "'prompt' is missing"),
        ("prompt = 3\n", "'prompt' is not text"),
        ('prompt = "p"\ndescription = ["d"]\n', "'description' is not text"),
    ],
)
def test_a_file_the_loader_skips_is_refused_with_its_line(text: str, said: str) -> None:
    with pytest.raises(ValidationError) as caught:
        loads(text, path="x.toml", format="gemini-command")
    assert said in caught.value.message
    assert "Gemini CLI skips this command" in caught.value.message


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ('[2, "2.1"]', ("integer", "string")),
        ("[1, 2.5]", ("integer", "float")),  # TOML 0.5 tells them apart
        ("[true, 1]", ("boolean", "integer")),
        ('{ nested = [["a"], [{ b = 1 }, "c"]] }', ("table", "string")),
    ],
)
def test_a_list_of_mixed_kinds_the_loaders_toml_05_refuses_is_said(
    value: str, kinds: tuple[str, str]
) -> None:
    # Gemini CLI 0.61.0 parses commands with @iarna/toml (TOML 0.5): "Inline lists must be a
    # single type", and the command is skipped (checked with its loader)
    diags = Diagnostics()
    agent = loads(COMMAND + f"versions = {value}\n", path="x.toml", diagnostics=diags)
    refused = [d for d in diags if d.code.value == "tool-refuses"]
    assert len(refused) == 1 and refused[0].field == "versions"
    assert refused[0].span is not None and refused[0].span.line == 5
    assert f"list of {kinds[0]} and {kinds[1]} values" in refused[0].message
    assert agent.instructions == "Review {{args}}.\n"  # read all the same, as TOML 1.0 has it


@pytest.mark.parametrize("value", ["[1, 2]", '[["a"], [1]]', "[{ a = 1 }, { b = 'x' }]", "[]"])
def test_lists_of_one_kind_each_load(value: str) -> None:
    diags = Diagnostics()
    loads(COMMAND + f"versions = {value}\n", path="x.toml", diagnostics=diags)
    assert "tool-refuses" not in [d.code.value for d in diags]


@pytest.mark.parametrize("blank", ["\n", " \n", "\t\n"])
def test_a_key_after_blank_lines_has_its_own_line(blank: str) -> None:
    # a key was found from the blank line before it (`^\s*` crossed lines): line 2 for 5
    text = 'prompt = "p"\n' + blank * 3 + "description = 5\n"
    with pytest.raises(ValidationError) as caught:
        loads(text, path="x.toml", format="gemini-command")
    assert caught.value.span is not None and caught.value.span.line == 5


def test_a_hundred_thousand_blank_lines_are_read_within_bounds() -> None:
    from tests.test_hostile import bounded

    # blank lines that lead to no key: each was a start the old pattern scanned from (115 s)
    text = 'prompt = "p"\ndescription = "d"\n' + "\n" * 100_000 + "# the end\n"
    agent = bounded(lambda: loads(text, path="x.toml", format="gemini-command"))
    assert agent.description == "d"


def test_writing_says_what_a_command_cannot_hold() -> None:
    agent = Agent(
        name="deployer",
        description="Deploys.",
        instructions="Deploy.\n",
        model="sonnet",
        tools=("Read", "Bash"),
        metadata={"team": "ops"},
    )
    diags = Diagnostics()
    text = dumps(agent, "gemini-command", diagnostics=diags)
    assert text == "description = \"Deploys.\"\nprompt = '''\nDeploy.\n'''\n"
    codes = [d.code.value for d in diags]
    assert codes == ["tools-not-restricted", "field-dropped", "field-dropped"]
    again = loads(text, path="deployer.toml", format="gemini-command")
    assert (again.name, again.description, again.instructions) == (
        "deployer",
        "Deploys.",
        "Deploy.\n",
    )


def test_a_name_the_loader_would_cut_is_cut_in_the_file_and_said(tmp_path: Path) -> None:
    long = "multi-repo-swarm-cross-repository-swarm-orchestration-plus"  # 58 characters
    source = tmp_path / "in.md"
    source.write_text(f"---\nname: {long}\ndescription: d\n---\nDo.\n", encoding="utf-8")
    result = RUNNER.invoke(
        APP, ["convert", str(source), "--to", "gemini-command", "-o", f"{tmp_path / 'out'}/"]
    )
    assert result.exit_code == 0, result.stderr
    written = list((tmp_path / "out" / ".gemini" / "commands").iterdir())
    assert [p.name for p in written] == ["multi-repo-swarm-cross-repository-swarm-orchestrat.toml"]
    assert "in at most 50 characters" in result.stderr
    assert load(written[0]).name == written[0].stem  # Gemini CLI calls it what the file says


def test_a_project_walk_reads_agents_not_commands(tmp_path: Path) -> None:
    (tmp_path / ".gemini" / "commands").mkdir(parents=True)
    (tmp_path / ".gemini" / "agents").mkdir()
    (tmp_path / ".gemini" / "commands" / "review.toml").write_text(COMMAND, encoding="utf-8")
    (tmp_path / ".gemini" / "agents" / "helper.md").write_text(
        "---\nname: helper\ndescription: Helps.\n---\nHelp.\n", encoding="utf-8"
    )
    walked = RUNNER.invoke(
        APP, ["convert", str(tmp_path), "--to", "json", "-o", f"{tmp_path / 'a'}/"]
    )
    assert walked.exit_code == 0, walked.stderr
    assert sorted(p.name for p in (tmp_path / "a").rglob("*.json")) == ["helper.json"]
    # named, the commands folder is read: each command becomes an agent
    named = RUNNER.invoke(
        APP,
        [
            "convert",
            str(tmp_path / ".gemini" / "commands"),
            "--to",
            "claude",
            "-o",
            f"{tmp_path / 'b'}/",
        ],
    )
    assert named.exit_code == 0, named.stderr
    written = (tmp_path / "b" / ".claude" / "agents" / "review.md").read_text(encoding="utf-8")
    assert written == "---\nname: review\ndescription: Reviews a change.\n---\nReview {{args}}.\n"


def test_init_never_makes_commands_a_default_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / ".claude" / "agents" / "a.md").write_text(
        "---\nname: a\ndescription: d\n---\nDo.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert RUNNER.invoke(APP, ["init"]).exit_code == 0
    assert "gemini-command" not in (tmp_path / "agentmorph.toml").read_text(encoding="utf-8")
    chosen = RUNNER.invoke(APP, ["init", "--force", "--targets", "gemini-command"])
    assert chosen.exit_code == 0, chosen.stderr
    assert RUNNER.invoke(APP, ["sync"]).exit_code == 0
    assert (tmp_path / ".gemini" / "commands" / "a.toml").is_file()


@pytest.mark.corpus
def test_the_corpus_commands_keep_their_prompt_as_instructions() -> None:
    files = sorted((SHARED / "corpus" / "google-gemini__gemini-cli").glob("*.toml"))
    assert len(files) >= 10
    for path in files:
        agent = load(path)
        assert agent.provenance is not None and agent.provenance.format == "gemini-command"
        assert agent.instructions.strip() and "prompt" not in agent.metadata, path.name


def test_validate_takes_any_file_name_as_the_loader_does() -> None:
    agent = loads(COMMAND, path=".gemini/commands/odd name.v2.toml")
    diags = Diagnostics()
    from converter.registry import default_registry

    default_registry().get("gemini-command").validate(agent, diags)
    assert agent.name == "odd_name.v2" and not diags.items


def test_a_model_of_inherit_is_no_loss() -> None:
    diags = Diagnostics()
    agent = Agent(name="a", description="d", instructions="Do.\n", model="inherit")
    dumps(agent, "gemini-command", diagnostics=diags)
    assert not diags.items
