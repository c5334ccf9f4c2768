"""Models and permissions as the target tool runs them: an OpenCode `provider/id` is an id
elsewhere, a Copilot display name is the family it names, a model a tool cannot run is left
out and said; OpenCode's denied permissions take the tools away in every target."""

from __future__ import annotations

from dataclasses import replace

import pytest

from converter import Agent, Diagnostics, dumps, loads
from converter.registry import default_registry


def _agent(model: str) -> Agent:
    return Agent(name="a", description="d", instructions="x", model=model)


@pytest.mark.parametrize(
    ("target", "model", "written"),
    [
        ("gemini", "google/gemini-2.5-pro", "model: gemini-2.5-pro\n"),  # was kept prefixed
        ("codex", "openai/gpt-5.5", 'model = "gpt-5.5"'),  # was left out
        ("claude", "anthropic/claude-sonnet-4-5", "model: claude-sonnet-4-5\n"),
        ("kiro", "anthropic/claude-sonnet-4-5", '"model": "claude-sonnet-4.5"'),  # Kiro's id
        ("opencode", "anthropic/claude-sonnet-4-5", "model: anthropic/claude-sonnet-4-5\n"),
    ],
)
def test_a_provider_prefix_is_opencodes_form_only(target: str, model: str, written: str) -> None:
    assert written in dumps(_agent(model), target)


@pytest.mark.parametrize("model", ["GPT-4.1", "gpt-5", "gemini-2.5-pro", "openai/gpt-5.5"])
def test_claude_code_is_not_given_a_model_it_cannot_run(model: str) -> None:
    diags = Diagnostics()
    text = dumps(_agent(model), "claude", diagnostics=diags)
    assert "model:" not in text
    assert any(d.code.value == "model-unmapped" for d in diags)


@pytest.mark.parametrize(
    "model", ["sonnet", "opusplan", "sonnet[1m]", "inherit", "claude-sonnet-4-20250514"]
)
def test_claude_code_keeps_its_own_aliases_and_ids(model: str) -> None:
    diags = Diagnostics()
    assert f"model: {model}\n" in dumps(_agent(model), "claude", diagnostics=diags)
    assert not [d for d in diags if d.code.value == "model-unmapped"]


@pytest.mark.parametrize(
    ("target", "written"),
    [("claude", "model: sonnet\n"), ("kiro", '"model": "claude-sonnet-4.6"')],
)  # fmt: skip
def test_a_display_name_of_no_exact_model_is_written_as_the_family_it_names(
    target: str, written: str
) -> None:
    # "Claude 3.7 Sonnet" (an older display name) is no id there: its family's row is, and said
    diags = Diagnostics()
    assert written in dumps(_agent("Claude 3.7 Sonnet"), target, diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "model-unmapped"]
    assert said and "'Claude 3.7 Sonnet'" in said[0] and "Sonnet" in said[0]


def test_a_display_name_is_the_exact_id_where_a_catalog_holds_it() -> None:
    # OpenCode's catalog has claude-sonnet-4-6: the author's model, not the newest Sonnet
    diags = Diagnostics()
    written = dumps(_agent("Claude Sonnet 4.6"), "opencode", diagnostics=diags)
    assert "model: anthropic/claude-sonnet-4-6\n" in written
    assert not [d for d in diags if d.field == "model"]
    assert "model: anthropic/claude-sonnet-5\n" in dumps(_agent("Claude Sonnet 4.9"), "opencode")


def test_a_list_of_models_gives_the_first_the_target_runs() -> None:
    # VS Code runs the first model of a list it has; Claude Code was given none because
    # the first was a GPT
    diags = Diagnostics()
    agent = _agent("x")
    listed = dumps(
        replace(agent, model=("GPT-5 (copilot)", "Claude Sonnet 4.5")), "claude", diagnostics=diags
    )
    assert "model: claude-sonnet-4-5\n" in listed  # that exact model
    said = [d.message for d in diags if d.code.value == "field-dropped"]
    assert said and "the first it runs" in said[0]


@pytest.mark.parametrize(
    ("target", "model", "written"),
    [
        ("opencode", "GPT-4.1 (copilot)", "model: openai/gpt-4.1\n"),
        ("opencode", "GPT-5.3-Codex (copilot)", "model: openai/gpt-5.3-codex\n"),
        ("codex", "GPT-5.5 (copilot)", 'model = "gpt-5.5"'),
        ("kiro", "GPT-5 (copilot)", '"model": "GPT-5"'),  # as "GPT-5" alone is written
        ("copilot", "GPT-5.5 (copilot)", "model: GPT-5.5 (copilot)\n"),  # its own words
    ],
)
def test_vs_codes_qualifier_on_a_one_word_model_is_that_model_elsewhere(
    target: str, model: str, written: str
) -> None:
    # "GPT-4.1 (copilot)" (VS Code's spelling, in the corpus) was left out of every other
    # tool, though "GPT-4.1" was written: only names of two words or more lost the qualifier
    diags = Diagnostics()
    assert written in dumps(_agent(model), target, diagnostics=diags)
    assert not [d for d in diags if d.code.value == "model-unmapped"]


@pytest.mark.parametrize(
    ("target", "model", "written"),
    [
        # Copilot's display names of Gemini models (a real agent's "Gemini 3.1 Pro (Preview)
        # (copilot)") were left out of Gemini CLI, which knows them by id (VALID_GEMINI_MODELS)
        ("gemini", "Gemini 2.5 Pro (copilot)", "model: gemini-2.5-pro\n"),
        ("gemini", "Gemini 3.1 Pro (Preview) (copilot)", "model: gemini-3.1-pro-preview\n"),
        ("gemini", "Gemini 3 Pro (Preview)", "model: gemini-3-pro-preview\n"),
        ("gemini", "Gemini 3.8 Flash", "model: gemini-3.8-flash\n"),
        ("gemini", "Gemini 2.5 Flash", "model: gemini-2.5-flash\n"),  # in OpenCode's catalog
        ("gemini", "Gemma 4 31B IT", "model: gemma-4-31b-it\n"),
        # the qualifier is a word of the id where the catalog says so; was left out
        (
            "opencode",
            "Gemini 3.1 Pro (Preview) (copilot)",
            "model: google/gemini-3.1-pro-preview\n",
        ),
        ("opencode", "gemma-4-31b-it", "model: google/gemma-4-31b-it\n"),  # was left out
    ],
)
def test_a_display_name_is_the_id_the_tool_knows(target: str, model: str, written: str) -> None:
    diags = Diagnostics()
    assert written in dumps(_agent(model), target, diagnostics=diags)
    assert not [d for d in diags if d.code.value == "model-unmapped"]


@pytest.mark.parametrize("model", ["Gemini 9 Ultra", "Gemini Banana Deluxe (Preview)"])
def test_a_display_name_no_list_knows_is_not_made_into_an_id(model: str) -> None:
    diags = Diagnostics()
    assert "model:" not in dumps(_agent(model), "gemini", diagnostics=diags)
    assert [d for d in diags if d.code.value == "model-unmapped"]


def test_a_list_gives_gemini_the_first_gemini_model() -> None:
    agent = replace(_agent("x"), model=("GPT-5.5 (copilot)", "Gemini 3.8 Flash (copilot)"))
    assert "model: gemini-3.8-flash\n" in dumps(agent, "gemini")


def test_a_list_of_qualified_models_gives_the_first_the_target_runs() -> None:
    diags = Diagnostics()
    agent = replace(_agent("x"), model=("Claude Sonnet 4.6 (copilot)", "GPT-5.5 (copilot)"))
    assert 'model = "gpt-5.5"' in dumps(agent, "codex", diagnostics=diags)
    assert [d for d in diags if "the first it runs" in d.message]


def test_a_claude_file_of_its_own_keeps_its_model_and_validate_says_it() -> None:
    text = "---\nname: a\ndescription: d\nmodel: GPT-4.1\n---\nx\n"
    agent = loads(text, path=".claude/agents/a.md")
    assert dumps(agent, "claude") == text  # written back as it was
    from converter.registry import default_registry

    notes = Diagnostics()
    default_registry().get("claude").validate(agent, notes)
    assert any("cannot run the model 'GPT-4.1'" in d.message for d in notes)


OPENCODE = (
    "---\ndescription: Reviews.\npermission:\n  edit: deny\n  webfetch: deny\n"
    "  doom_loop: ask\n---\nReview.\n"
)


def test_opencode_permissions_that_deny_take_the_tools_away_elsewhere() -> None:
    agent = loads(OPENCODE, path=".opencode/agents/reviewer.md")
    claude = dumps(agent, "claude")
    assert "disallowedTools: Write, Edit, WebFetch\n" in claude  # `edit` governs write too
    gemini = dumps(agent, "gemini")
    assert "- read_file\n" in gemini
    assert "write_file" not in gemini and "replace" not in gemini and "web_fetch" not in gemini


def test_what_a_permission_map_cannot_say_elsewhere_is_still_reported() -> None:
    diags = Diagnostics()
    dumps(loads(OPENCODE, path=".opencode/agents/reviewer.md"), "claude", diagnostics=diags)
    dropped = " ".join(d.message for d in diags if d.code.value == "field-dropped")
    assert "extensions.opencode.permission" in dropped  # `doom_loop: ask` has no place
    only_denies = OPENCODE.replace("  doom_loop: ask\n", "")
    diags = Diagnostics()
    dumps(loads(only_denies, path=".opencode/agents/reviewer.md"), "claude", diagnostics=diags)
    dropped = " ".join(d.message for d in diags if d.code.value == "field-dropped")
    assert "permission" not in dropped  # every entry was applied


CODEX = (
    'name = "auditor"\ndescription = "Audits."\nsandbox_mode = "read-only"\n'
    "developer_instructions = '''\nAudit.\n'''\n"
)


def test_codexs_read_only_sandbox_takes_away_what_changes_files_elsewhere() -> None:
    agent = loads(CODEX, path=".codex/agents/auditor.toml")
    diags = Diagnostics()
    claude = dumps(agent, "claude", diagnostics=diags)
    # MultiEdit and BashOutput are no tools in Claude Code 2.1.332: Edit and Bash deny their work
    assert "disallowedTools: Write, Edit, NotebookEdit, Bash, KillShell\n" in claude
    assert not [d for d in diags if "sandbox_mode" in d.message]  # carried, not dropped
    gemini = dumps(agent, "gemini")
    assert "read_file" in gemini and "write_file" not in gemini
    assert "run_shell_command" not in gemini
    assert "  edit: deny\n  bash: deny\n" in dumps(agent, "opencode")
    assert "readonly: true\n" in dumps(agent, "cursor")


def test_a_sandbox_no_other_tool_can_express_is_still_reported() -> None:
    agent = loads(CODEX.replace("read-only", "workspace-write"), path=".codex/agents/a.toml")
    diags = Diagnostics()
    assert "disallowedTools" not in dumps(agent, "claude", diagnostics=diags)
    assert [d for d in diags if "extensions.codex.sandbox_mode" in d.message]


@pytest.mark.parametrize(
    ("denied", "read_only"), [("Write, Edit, Bash", True), ("WebFetch", False)]
)
def test_a_deny_list_reaches_codex_as_a_sandbox_or_is_said_lost(
    denied: str, read_only: bool
) -> None:
    # Codex has no tool list and no deny list: the deny list was dropped without a word
    text = f"---\nname: a\ndescription: d\ndisallowedTools: {denied}\n---\nx\n"
    diags = Diagnostics()
    codex = dumps(loads(text, path=".claude/agents/a.md"), "codex", diagnostics=diags)
    assert ('sandbox_mode = "read-only"' in codex) is read_only
    said = [d for d in diags if d.code.value == "tools-not-restricted"]
    assert said and (said[0].severity.value == "warning") is not read_only


def test_cursors_readonly_takes_away_what_changes_files_elsewhere() -> None:
    text = "---\nname: ro\ndescription: Reads.\nreadonly: true\n---\nRead.\n"
    agent = loads(text, path=".cursor/agents/ro.md")
    diags = Diagnostics()
    assert "disallowedTools: Write, Edit" in dumps(agent, "claude", diagnostics=diags)
    assert not [d for d in diags if "readonly" in d.message]
    assert 'sandbox_mode = "read-only"' in dumps(agent, "codex")
    assert dumps(agent, "cursor") == text


# One exact model in each tool's spelling (vocabulary.toml [model_spellings]): the Anthropic
# API's id, OpenCode's catalog id, Kiro's id, Copilot's display name, Cursor's id
SONNET_4_6 = {
    "claude": "model: claude-sonnet-4-6\n",
    "opencode": "model: anthropic/claude-sonnet-4-6\n",
    "kiro": '"model": "claude-sonnet-4.6"',
    "copilot": "model: Claude Sonnet 4.6\n",
    "cursor": "model: claude-sonnet-4-6\n",  # its catalog lists the API's ids
}


@pytest.mark.parametrize(
    "model",
    ["claude-sonnet-4-6", "claude-sonnet-4.6", "Claude Sonnet 4.6", "claude-4.6-sonnet",
     "anthropic/claude-sonnet-4-6", "CLAUDE-SONNET-4-6"],
)  # fmt: skip
@pytest.mark.parametrize("target", sorted(SONNET_4_6))
def test_an_exact_model_is_that_model_in_every_tools_spelling(model: str, target: str) -> None:
    # Kiro's `claude-sonnet-4.6` went to Claude Code as `sonnet` (the newest Sonnet) and
    # Claude's `claude-sonnet-4-6` to Kiro and Copilot as an id they do not know
    diags = Diagnostics()
    assert SONNET_4_6[target] in dumps(_agent(model), target, diagnostics=diags)
    assert not [d for d in diags if d.code.value == "model-unmapped"]  # the same model


@pytest.mark.parametrize(
    ("target", "model", "written"),
    [
        ("claude", "claude-haiku-4-5-20251001", "model: claude-haiku-4-5-20251001\n"),
        ("opencode", "claude-haiku-4-5-20251001", "model: anthropic/claude-haiku-4-5-20251001\n"),
        ("kiro", "claude-haiku-4-5-20251001", '"model": "claude-haiku-4.5"'),  # no dates there
        ("copilot", "Claude Sonnet 4.6 (copilot)", "model: Claude Sonnet 4.6 (copilot)\n"),
        # Copilot CLI 1.0.102 offers no Sonnet 3.5: its family's model there (said)
        ("copilot", "claude-3-5-sonnet-20241022", "model: Claude Sonnet 5\n"),
        ("opencode", "claude-opus-4-8-fast", "model: anthropic/claude-opus-4-8-fast\n"),
    ],
)
def test_dates_qualifiers_and_other_ids(target: str, model: str, written: str) -> None:
    assert written in dumps(_agent(model), target)


def test_an_exact_model_the_catalog_lacks_is_the_familys_there_and_said() -> None:
    diags = Diagnostics()
    text = dumps(_agent("claude-opus-4.1"), "opencode", diagnostics=diags)
    assert "model: anthropic/claude-opus-5-5\n" in text
    assert any("its Opus" in d.message for d in diags)


@pytest.mark.parametrize(
    ("target", "written"), [("copilot", "Claude Opus 5.5"), ("kiro", "claude-opus-5.5")]
)
def test_the_alias_is_a_model_the_tool_still_offers(target: str, written: str) -> None:
    # `opus` went to Copilot and Kiro as Claude Opus 4.1, which neither lists any more; then
    # to Copilot as Opus 4.8, where its CLI 1.0.102 offers Opus 5.5, Claude Code's `opus`
    assert written in dumps(_agent("opus"), target)


@pytest.mark.parametrize(
    ("path", "text", "written"),
    [
        # Kiro's newest Sonnet (its row for `sonnet`) is Sonnet 4.6; Claude Code's `sonnet`
        # is Sonnet 5: the file means the model its tool runs, as Copilot's Sonnet 4.6 does
        (".github/agents/a.agent.md", "---\ndescription: d\nmodel: Claude Sonnet 4.6\n---\nx\n", "model: claude-sonnet-4-6\n"),
        (".kiro/agents/a.json", '{"name": "a", "description": "d", "prompt": "x", "model": "claude-sonnet-4.6"}', "model: claude-sonnet-4-6\n"),
        # OpenCode's and Copilot's rows are the very model Claude Code's alias runs: read
        # back as the alias
        (".github/agents/a.agent.md", "---\ndescription: d\nmodel: Claude Sonnet 5\n---\nx\n", "model: sonnet\n"),
        (".opencode/agents/a.md", "---\ndescription: d\nmodel: anthropic/claude-sonnet-5\n---\nx\n", "model: sonnet\n"),
    ],
)  # fmt: skip
def test_a_tools_own_model_reaches_claude_code_as_the_model_that_tool_runs(
    path: str, text: str, written: str
) -> None:
    assert written in dumps(loads(text, path=path), "claude")


@pytest.mark.parametrize("target", ["opencode", "codex", "gemini", "copilot", "kiro", "cursor"])
@pytest.mark.parametrize(
    ("written", "alias"),
    [("Sonnet", "sonnet"), ("SONNET", "sonnet"), (" opus ", "opus"), ("HaiKu", "haiku")],
)
def test_a_claude_alias_in_any_case_is_the_alias(target: str, written: str, alias: str) -> None:
    # Claude Code 2.1.332 runs `model: SONNET` and `' opus '` as the alias (started with it);
    # another tool got no model for them ("no model like 'Sonnet'")
    notes, as_alias = Diagnostics(), Diagnostics()
    text = f"---\nname: a\ndescription: d\nmodel: '{written}'\n---\nx"
    agent = loads(text, path=".claude/agents/a.md")
    meant = dumps(_agent(alias), target, diagnostics=as_alias)
    assert dumps(agent, target, diagnostics=notes) == meant
    assert [d.code for d in notes] == [d.code for d in as_alias]
    from converter.registry import default_registry

    issues = Diagnostics()
    default_registry().get("claude").validate(agent, issues)
    assert not [d for d in issues if d.field == "model"]  # "claude cannot run 'Sonnet'"


def test_inherit_in_any_case_is_the_parents_model() -> None:
    for written in ("Inherit", " INHERIT"):
        agent = loads(f"---\nname: a\ndescription: d\nmodel: '{written}'\n---\nx\n")
        assert "model" not in dumps(agent, "opencode"), written


def test_a_claude_agent_of_a_model_list_runs_the_sessions_model() -> None:
    from converter.registry import default_registry

    text = "---\nname: a\ndescription: d\nmodel: [sonnet, opus]\n---\nx\n"
    issues = Diagnostics()
    default_registry().get("claude").validate(loads(text, path=".claude/agents/a.md"), issues)
    assert [d.message.split(":")[0] for d in issues] == ["Claude Code takes one model"]
    issues = Diagnostics()  # another tool's list, checked for Claude Code: the writer takes one
    copilot = loads(text, path=".github/agents/a.agent.md")
    default_registry().get("claude").validate(copilot, issues)
    assert not [d for d in issues if d.field == "model"]


@pytest.mark.parametrize(
    ("written", "wanted"),
    [
        ("sonnet", "anthropic/claude-sonnet-5"),  # a Claude Code alias
        ("claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"),  # no provider
        ("Anthropic/Claude-Sonnet-4-5", "anthropic/claude-sonnet-4-5"),  # another case
    ],
)
def test_an_opencode_model_spelt_otherwise_fails_there_and_is_said(
    written: str, wanted: str
) -> None:
    # `opencode run --agent` (1.18.33) fails for each; the catalog's spelling runs
    text = f"---\ndescription: d\nmode: subagent\nmodel: {written}\n---\nx\n"
    diags = Diagnostics()
    agent = loads(text, format="opencode", path=".opencode/agents/a.md", diagnostics=diags)
    said = [d for d in diags if d.code.value == "tool-refuses"]
    assert (
        len(said) == 1
        and repr(wanted) in said[0].message
        and said[0].span is not None
        and said[0].span.line == 4
    )
    assert agent.model == written  # what the author meant still reaches other tools
    assert f"model: {wanted}\n" in dumps(agent, "opencode")  # its own file, rewritten


@pytest.mark.parametrize(
    "written", ["anthropic/claude-sonnet-4-5", "anthropic/claude-sonnet-5", "''"]
)
def test_an_opencode_model_as_its_catalog_spells_it_is_not_said(written: str) -> None:
    diags = Diagnostics()
    text = f"---\ndescription: d\nmodel: {written}\n---\nx\n"
    loads(text, format="opencode", path=".opencode/agents/a.md", diagnostics=diags)
    assert not [d for d in diags if d.field == "model"]


@pytest.mark.parametrize("written", ["inherit", "' '"])
def test_the_parents_model_by_name_fails_in_opencode_and_is_said(written: str) -> None:
    # `opencode run --agent` (1.18.33) failed for both; `model: ''` ran its default
    text = f"---\ndescription: d\nmode: subagent\nmodel: {written}\n---\nx\n"
    diags = Diagnostics()
    agent = loads(text, format="opencode", path=".opencode/agents/a.md", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "tool-refuses"]
    assert len(said) == 1 and "leave 'model' out" in said[0], said
    assert "model:" not in dumps(agent, "opencode")  # written back without it


@pytest.mark.parametrize("target", ["claude", "opencode", "copilot"])
def test_models_listed_in_one_line_are_no_model_and_not_the_last_ones_family(target: str) -> None:
    # `model: GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'` (two awesome-copilot agents) is one
    # name to every tool; it was written as Sonnet, the family of the author's last choice
    diags = Diagnostics()
    text = dumps(_agent("GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'"), target, diagnostics=diags)
    assert "model:" not in text
    assert [d for d in diags if d.code.value == "model-unmapped"]


def test_reading_models_listed_in_one_line_says_the_tool_takes_one_name() -> None:
    header = "---\ndescription: d\nmodel: GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'\n---\nx\n"
    diags = Diagnostics()
    agent = loads(header, path=".github/agents/a.agent.md", diagnostics=diags)
    assert agent.model == "GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'"  # as the tool reads it
    said = [d for d in diags if d.code.value == "tool-misreads" and d.field == "model"]
    assert said and "(GPT-4.1, gpt-5, Claude Sonnet 4.5)" in said[0].message
    quiet = Diagnostics()
    one = "---\ndescription: d\nmodel: GPT-4.1 (copilot)\n---\nx\n"
    loads(one, path=".github/agents/a.agent.md", diagnostics=quiet)
    assert not [d for d in quiet if d.field == "model"]


def test_copilot_is_given_the_list_of_models_in_its_own_names() -> None:
    # GitHub Copilot CLI 1.0.102 runs the first model of a list it has (its own
    # agentsCustomAgentInitialModelDecision); only the first was written, "copilot takes one"
    diags = Diagnostics()
    agent = replace(_agent("x"), model=("gpt-5.5", "sonnet", "gemini-3.7-flash"))
    text = dumps(agent, "copilot", diagnostics=diags)
    assert "model:\n- gpt-5.5\n- Claude Sonnet 5\n- gemini-3.7-flash\n" in text
    assert not [d for d in diags if d.field == "model"]


def test_a_model_copilot_does_not_offer_is_its_familys_there_and_left_out_otherwise() -> None:
    # Copilot CLI 1.0.102 runs its current model for one it does not offer ("Agent model
    # "GPT-4.1" is not available"; 70 awesome-copilot agents name such a model)
    diags = Diagnostics()
    text = dumps(_agent("claude-sonnet-4-20250514"), "copilot", diagnostics=diags)
    assert "model: Claude Sonnet 5\n" in text
    said = [d.message for d in diags if d.code.value == "model-unmapped"]
    assert said and "does not offer 'Claude Sonnet 4'" in said[0]
    diags = Diagnostics()
    assert "model:" not in dumps(_agent("GPT-4.1"), "copilot", diagnostics=diags)
    assert [d for d in diags if "does not offer 'GPT-4.1'" in d.message]
    own = "---\ndescription: d\nmodel: GPT-4.1\n---\nx\n"  # its own file keeps it, said
    agent = loads(own, path=".github/agents/a.agent.md")
    assert "model: GPT-4.1\n" in dumps(agent, "copilot")
    checked = Diagnostics()
    default_registry().get("copilot").validate(agent, checked)
    said = [d.message for d in checked]
    assert any("does not offer 'GPT-4.1'" in m and "current model" in m for m in said)


def test_models_copilot_cannot_take_leave_the_list_and_one_left_is_written_alone() -> None:
    diags = Diagnostics()
    agent = replace(_agent("x"), model=("fast", "opus"))  # `fast`: only Cursor knows it
    assert "model: Claude Opus 5.5\n" in dumps(agent, "copilot", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "model-unmapped"]
    assert said and "'fast'" in said[0] and "keeps 'Claude Opus 5.5'" in said[0]


@pytest.mark.parametrize(
    ("model", "target", "written"),
    [
        # a cloud's name of one exact model is that model (was the family's newest, or the
        # Bedrock id written as it is for Kiro)
        (
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "opencode",
            "anthropic/claude-sonnet-4-5-20250929",
        ),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "kiro", '"model": "claude-sonnet-4.5"'),
        ("claude-sonnet-4-5@20250929", "cursor", "model: claude-sonnet-4-5\n"),
        ("global.anthropic.claude-opus-4-6-v1", "opencode", "model: anthropic/claude-opus-4-6\n"),
    ],
)
def test_a_clouds_name_of_a_model_is_that_model(model: str, target: str, written: str) -> None:
    assert written in dumps(_agent(model), target)


@pytest.mark.parametrize("target", ["opencode", "copilot", "kiro", "cursor"])
@pytest.mark.parametrize("model", ["opus[1m]", "opusplan"])
def test_an_alias_with_a_suffix_is_written_as_its_plain_alias_and_said(
    target: str, model: str
) -> None:
    # `opus[1m]` (Opus with a million tokens of context, real agents' model) was written as
    # the tool's Opus, unsaid; the choice of context, or of a planning model, is lost there
    diags = Diagnostics()
    plain = dumps(_agent("opus"), target)
    assert dumps(_agent(model), target, diagnostics=diags) == plain
    said = [d.message for d in diags if d.code.value == "model-unmapped"]
    assert said and f"no model like {model!r}, only its 'opus'" in said[0]


@pytest.mark.parametrize("target", ["opencode", "kiro", "cursor"])
@pytest.mark.parametrize("model", ["claude-opus-4-7", "claude-sonnet-4-5"])
def test_an_id_with_a_context_tag_is_that_model_and_said(target: str, model: str) -> None:
    # Claude Code 2.1.332 reads `claude-opus-4-7[1m]` as that model with a million tokens of
    # context: it was written as the tool's newest Opus ("its Opus"), another model
    diags = Diagnostics()
    plain = dumps(_agent(model), target)
    assert dumps(_agent(f"{model}[1m]"), target, diagnostics=diags) == plain
    said = [d.message for d in diags if d.code.value == "model-unmapped"]
    assert len(said) == 1 and f"no model like '{model}[1m]', only its '{model}'" in said[0]
