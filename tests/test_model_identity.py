"""One model in several tools' spellings is one model: a merge counts it once (a Copilot
display name and OpenCode's id of the same Claude model were a conflict), and `diff` says the
two spellings name one model."""

from __future__ import annotations

from converter import Agent
from converter.merging import merge
from converter.merging.diff import model_diff, render_diff
from converter.targets.models import identity


def _agent(model: object) -> Agent:
    return Agent(name="reviewer", description="Reviews.", instructions="Review.\n", model=model)


def test_the_same_model_in_each_tools_spelling_has_one_identity() -> None:
    spellings = [
        "Claude Sonnet 4.6 (copilot)",
        "anthropic/claude-sonnet-4-6",
        "claude-sonnet-4.6",  # Kiro's
        "claude-sonnet-4-6",
        "claude-sonnet-4-6-20260217",  # a snapshot of it
    ]
    assert {identity(m) for m in spellings} == {"claude-sonnet-4-6"}
    assert identity("GPT-5.5 (copilot)") == identity("openai/gpt-5.5") == "gpt-5.5"
    # Claude Code's alias is the family's newest, not this model
    assert identity("sonnet") != identity("claude-sonnet-4-6")
    assert identity("claude-opus-4-6") != identity("claude-sonnet-4-6")


def test_a_merge_counts_a_model_once_whatever_its_spelling() -> None:
    result = merge(
        [
            _agent("sonnet"),
            _agent("Claude Sonnet 4.6 (copilot)"),
            _agent("anthropic/claude-sonnet-4-6"),
        ]
    )
    assert result.clean  # was: "no majority among the models"
    assert result.agent.model == "claude-sonnet-4-6"  # the merged Claude Code agent runs it


def test_a_model_spelt_alike_is_kept_as_spelt() -> None:
    result = merge([_agent("GPT-5.5 (copilot)"), _agent("GPT-5.5 (copilot)"), _agent("haiku")])
    assert result.agent.model == "GPT-5.5 (copilot)"


def test_a_tie_between_two_models_is_still_a_conflict() -> None:
    result = merge([_agent("claude-sonnet-4-6"), _agent("anthropic/claude-opus-4-6")])
    assert not result.clean


def test_diff_says_two_spellings_name_one_model() -> None:
    found = model_diff(_agent("Claude Sonnet 4.6 (copilot)"), _agent("anthropic/claude-sonnet-4-6"))
    assert found["model"]["same_model"] is True
    assert "(one model, spelt two ways)" in render_diff(found)[0]
    other = model_diff(_agent("sonnet"), _agent("anthropic/claude-sonnet-4-6"))
    assert "same_model" not in other["model"]
