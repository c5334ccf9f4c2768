"""Reasoning effort between tools: Claude Code's `effort`, Codex's `model_reasoning_effort`
and OpenCode's `variant`. A level the target does not take is written as the nearest one it
does, said (Claude Code ignores `minimal`: `low`; Codex has no `max`: `xhigh`); OpenCode
applies a variant only with the agent's own model, and only one that model has (its
SessionPrompt), so it is written only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.diagnostics import Code
from converter.io.validation import validate_files
from converter.targets import efforts, vocabulary

SCALE: list[str] = vocabulary.table()["effort_scale"]["levels"]


def _written(text: str, path: str, target: str) -> tuple[str, list[str]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return written, [d.message for d in diags if d.code is Code.FIELD_DROPPED]


def _codex(effort: str, model: str | None = None) -> str:
    chosen = f'model = "{model}"\n' if model else ""
    return (
        f'name = "scout"\ndescription = "Maps the code."\n{chosen}'
        f'model_reasoning_effort = "{effort}"\ndeveloper_instructions = "Map it."\n'
    )


def _claude(effort: str, model: str | None = None) -> str:
    chosen = f"model: {model}\n" if model else ""
    return f"---\nname: scout\ndescription: Maps the code.\n{chosen}effort: {effort}\n---\nMap.\n"


def test_a_codex_level_is_opencode_s_variant_of_the_model_it_runs() -> None:
    written, dropped = _written(_codex("high", "gpt-5.5"), "scout.toml", "opencode")
    assert "model: openai/gpt-5.5\nvariant: high\n" in written and dropped == []


def test_without_a_model_of_its_own_opencode_ignores_a_variant_so_it_is_said() -> None:
    written, dropped = _written(_claude("high"), "scout.md", "opencode")
    assert "variant" not in written
    assert dropped == [
        "OpenCode applies a variant only with an agent's own model, and this agent has none: "
        "claude's effort 'high' is not written"
    ]


def test_a_level_the_model_has_no_variant_for_is_said_with_those_it_has() -> None:
    written, dropped = _written(_claude("low", "claude-sonnet-4-5"), "scout.md", "opencode")
    assert "model: anthropic/claude-sonnet-4-5\n" in written and "variant" not in written
    assert dropped == [
        "OpenCode has no variant 'low' for anthropic/claude-sonnet-4-5 (its variants: high, "
        "max): claude's effort 'low' is not written"
    ]
    written, dropped = _written(_claude("max", "claude-sonnet-4-5"), "scout.md", "opencode")
    assert "variant: max\n" in written and dropped == []


def test_a_model_of_a_provider_opencode_s_catalog_does_not_list_gets_the_level() -> None:
    text = "---\ndescription: Maps.\nmodel: openrouter/some-model\nvariant: high\n---\nMap.\n"
    written, _ = _written(text, ".opencode/agents/scout.md", "opencode")
    assert "variant: high" in written
    written, dropped = _written(text, ".opencode/agents/scout.md", "claude")
    assert "effort: high\n" in written and not [m for m in dropped if "variant" in m]


@pytest.mark.parametrize(
    ("text", "path", "target", "line", "said"),
    [
        (_codex("minimal"), "scout.toml", "claude", "effort: low\n", "(it takes low, medium, "),
        (_codex("none"), "scout.toml", "claude", "effort: low\n", "has no effort 'none'"),
        (_claude("max"), "scout.md", "codex", 'model_reasoning_effort = "xhigh"', "nearest"),
    ],
)
def test_a_level_the_target_does_not_take_is_written_as_its_nearest_and_said(
    text: str, path: str, target: str, line: str, said: str
) -> None:
    # Codex's default is `medium`: an agent asking for Claude Code's `max` gets Codex's
    # highest, not the default; `none` and `minimal` get Claude Code's lowest
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    assert line in written
    derived = [d for d in diags if d.code is Code.VALUE_DERIVED]
    assert len(derived) == 1 and said in derived[0].message, derived
    assert derived[0].severity.value == "warning"


def test_a_level_on_no_scale_is_not_written_and_said() -> None:
    written, dropped = _written(_claude("ludicrous"), "scout.md", "codex")
    assert "model_reasoning_effort" not in written
    assert any("'ludicrous'" in message for message in dropped), dropped


@given(st.sampled_from(["claude", "codex", "opencode"]), st.sampled_from(SCALE))
def test_the_nearest_level_is_one_the_target_takes_and_the_level_itself_if_it_can(
    target: str, level: str
) -> None:
    takes = vocabulary.table()["effort_levels"][target]
    found = efforts.level_for(target, level)
    assert found in takes
    assert (found == level) == (level in takes)
    # none nearer on the scale
    assert all(
        abs(SCALE.index(o) - SCALE.index(level)) >= abs(SCALE.index(found) - SCALE.index(level))
        for o in takes
    )


def test_a_level_every_tool_takes_goes_everywhere() -> None:
    written, dropped = _written(_codex("medium", "gpt-5.5"), "scout.toml", "claude")
    assert "effort: medium\n" in written and dropped == []
    written, dropped = _written(_claude("xhigh", "opus"), "scout.md", "codex")
    assert 'model_reasoning_effort = "xhigh"' in written


def test_the_variant_table_knows_every_model_we_write_and_only_levels() -> None:
    data = vocabulary.table()
    variants = data["model_variants"]["opencode"]
    levels = set(data["effort_levels"]["opencode"])
    assert set(data["model_catalogs"]["opencode"]) <= set(variants)
    assert all(set(found) <= levels for found in variants.values())


def test_validate_says_a_variant_opencode_ignores_in_its_own_agent(tmp_path: Path) -> None:
    folder = tmp_path / ".opencode" / "agents"
    folder.mkdir(parents=True)
    header = "---\ndescription: Maps.\n{model}variant: {level}\nmode: subagent\n---\nMap.\n"
    for name, model, level in [
        ("alone", "", "high"),
        ("sonnet", "model: anthropic/claude-sonnet-4-5\n", "low"),
        ("plain", "model: openai/gpt-4.1\n", "high"),
        ("fine", "model: openai/gpt-5.5\n", "xhigh"),
        ("elsewhere", "model: openrouter/some-model\n", "high"),
    ]:
        (folder / f"{name}.md").write_text(header.format(model=model, level=level))
    checked, _ = validate_files([str(folder)])
    said = {Path(c.job.shown).stem: [d.render() for d in c.issues] for c in checked}
    assert said["fine"] == []
    assert not [i for i in said["elsewhere"] if "ignores variant" in i]  # not in its catalog
    assert said["alone"] == [
        f"{folder / 'alone.md'}:3: warning[target-rule]: OpenCode ignores variant 'high': it "
        "applies a variant only with an agent's own model, and this agent has none"
    ]
    assert said["sonnet"][0].endswith("(its variants: high, max)")
    assert said["plain"][0].endswith("for openai/gpt-4.1 (it has no variants)")


def test_copilot_s_reasoning_effort_is_the_same_setting() -> None:
    # GitHub Copilot CLI 1.0.102 applies a custom agent's `reasoning-effort` (its loader gives
    # it as reasoningEffort): Claude Code's `effort` went there as nothing, said "no place"
    written, dropped = _written(_claude("xhigh", "opus"), "scout.md", "copilot")
    assert "reasoning-effort: xhigh\n" in written and dropped == []
    copilot = "---\nname: scout\ndescription: Maps.\nreasoning-effort: high\n---\nMap.\n"
    for target, line in [("claude", "effort: high\n"), ("codex", 'effort = "high"')]:
        written, dropped = _written(copilot, ".github/agents/scout.agent.md", target)
        assert line in written and dropped == [], target


def test_a_copilot_level_that_is_not_text_is_said_refused_and_not_carried() -> None:
    # its loader refuses the agent: "reasoning-effort: Expected string, received number"
    copilot = "---\nname: scout\ndescription: Maps.\nreasoning-effort: 3\n---\nMap.\n"
    diags = Diagnostics("scout.agent.md")
    agent = loads(copilot, path=".github/agents/scout.agent.md", diagnostics=diags)
    assert any("refuses reasoning-effort = 3" in d.message for d in diags)
    written, dropped = _written(copilot, ".github/agents/scout.agent.md", "claude")
    assert "effort" not in written and agent.extensions["copilot"]["reasoning-effort"] == 3
    assert any("reasoning-effort 3 as effort" in message for message in dropped), dropped
