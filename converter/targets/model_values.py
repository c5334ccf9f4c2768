"""An agent's model as each tool takes it: written in the tool's naming (a list where the
tool takes one, in the author's order of preference), and read from a tool's file as the
tool reads it, with what it misreads said. The names themselves are translated by
`models.py` from the tables in `vocabulary.toml`."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from converter.diagnostics import Code, Diagnostics
from converter.fields import model_field
from converter.model import Agent
from converter.targets import models

if TYPE_CHECKING:
    from converter.targets.rules import TargetRules


def write_model(agent: Agent, rules: TargetRules, diags: Diagnostics | None) -> Any:
    """The model in the tool's naming; None (with a warning) when it has no equivalent."""
    model = agent.model
    if model is None:
        return None
    source = agent.provenance.format if agent.provenance is not None else None
    if isinstance(model, tuple):
        if rules.model_lists and (rules.native or source == rules.tool):
            return list(model)
        if rules.model_lists and len(model) > 1:
            return _listed(agent, model, rules, diags)
        if not model:  # `model: []` names no model: the tool's default, as with none
            if diags is not None:
                diags.add(Code.FIELD_DROPPED, "an empty model list names no model; not written",
                          field="model")  # fmt: skip
            return None
        # a list is in order of preference (VS Code runs the first one available): the
        # first the target can run stands for it, not the first whatever it is
        runnable = [m for m in model if write_model(replace(agent, model=m), rules, None)]
        first = runnable[0] if runnable else model[0]
        if diags is not None and len(model) > 1:
            listed = ", ".join(repr(m) for m in model)
            diags.add(
                Code.FIELD_DROPPED,
                f"{rules.tool} takes one model; of {listed} (in order of preference) kept "
                f"{first!r}" + (", the first it runs" if runnable and first != model[0] else ""),
                field="model",
            )
        model = first
    if not rules.models:
        if models.is_inherit(model):
            return None  # the default everywhere: leaving it out loses nothing
        if diags is not None:
            diags.add(
                Code.FIELD_DROPPED,
                f"{rules.tool} has no model field; {model!r} is not written",
                field="model",
            )
        return None
    if rules.native and (
        rules.names_as_written or source == rules.tool or models.is_inherit(model)
    ):
        return model  # a file of the tool's own is written back as it was
    if models.is_inherit(model):
        return None  # leaving the model out means the same
    mapped = models.model_to(rules.tool, model)
    tool = rules.display or rules.tool
    has_no, has_none = f"{tool} has no model {model!r}", f"{rules.tool} has no model like {model!r}"
    if mapped is not None and source != rules.tool and models.offered(rules.tool, mapped) is False:
        # the tool would run another model for it (`model_offers`); its own file keeps it
        has_no = has_none = (
            f"{tool} does not offer {mapped!r} (its model list: `agentmorph models`)"
        )
        mapped = None
    family = models.model_family(model) if mapped is None else None
    if family is not None:
        mapped = models.model_to(rules.tool, family)
        if mapped is not None and diags is not None:
            diags.add(
                Code.MODEL_UNMAPPED,
                f"{has_no}; written as {mapped!r}, its {family.capitalize()}",
                field="model",
            )
            return mapped
    if mapped is None and diags is not None:
        diags.add(
            Code.MODEL_UNMAPPED, f"{has_none}; left out, so it uses its default", field="model"
        )
    elif diags is not None and isinstance(model, str) and mapped != model:
        plain = models.plain_alias(model)
        if plain != model:  # Claude Code's `opus[1m]` (a million tokens), `opusplan`
            diags.add(
                Code.MODEL_UNMAPPED,
                f"{tool} has no model like {model!r}, only its {plain!r}: written as {mapped!r}",
                field="model",
            )
    return mapped


def read_model(raw: Any, rules: TargetRules, diags: Diagnostics, line: int | None) -> Any:
    """The model of a tool's file (`model_field`), as the model holds it."""
    value = model_field(raw, diags, line)
    listed = models.several_models(value) if isinstance(value, str) else ()
    if listed:  # 2 agents of awesome-copilot: `model: GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'`
        diags.add(
            Code.TOOL_MISREADS,
            f"{rules.display or rules.tool} takes {value!r} as the name of one model, and no "
            f"model has it: it lists {len(listed)} ({', '.join(listed)}); name the one meant "
            "(VS Code also takes a YAML list, in order of preference); other tools are given none",
            line=line,
            field="model",
        )
    if not isinstance(value, str) or rules.native:
        return value
    if models.model_rules(rules.tool).get("runs_as_written") and value:
        # OpenCode 1.18.33 runs `anthropic/claude-sonnet-4-5` and nothing else for it:
        # `sonnet`, `claude-sonnet-4-5`, `Anthropic/Claude-Sonnet-4-5`, `inherit` and ' ' fail
        # when the agent runs (checked with `opencode run --agent`; '' runs its default). A
        # name it cannot run at all is said by validation; one it runs spelt otherwise, and
        # the parent's model, which it has no word for, here.
        mapped = models.model_to(rules.tool, value)
        if mapped != value and (mapped is not None or models.is_inherit(value)):
            takes = f"it takes {mapped!r} (as its catalog spells it)" if mapped else (
                "leave 'model' out for the default")  # fmt: skip
            diags.add(
                Code.TOOL_REFUSES,
                f"{rules.display or rules.tool} runs no model named {value!r}, so the agent "
                f"fails when it runs: {takes}",
                line=line,
                field="model",
            )
    return models.model_from(rules.tool, value)


def _listed(
    agent: Agent, listed: tuple[str, ...], rules: TargetRules, diags: Diagnostics | None
) -> Any:
    """A list of models for a tool that takes one in order of preference and runs the first
    it has (GitHub Copilot CLI 1.0.102: its own `agentsCustomAgentInitialModelDecision`
    passes over a model it lacks, "Agent model ... is not available", to the next): each in
    the tool's naming, those it cannot run left out and said; one left is written alone."""
    written: dict[str, None] = {}
    lost = []
    for model in listed:
        said = Diagnostics()
        name = write_model(replace(agent, model=model), rules, said)
        if name is None:
            lost.append(model)
            continue
        written.setdefault(name)
        if diags is not None:
            diags.extend(said)  # a name written as its family's: said as for one model
    if lost and diags is not None:
        kept = ", ".join(repr(name) for name in written) or "none, so it uses its default"
        diags.add(
            Code.MODEL_UNMAPPED,
            f"{rules.display or rules.tool} {_why_not(rules.tool, lost)}; left out of the list "
            f"of models (in order of preference), which keeps {kept}",
            field="model",
        )
    names = list(written)
    return None if not names else names[0] if len(names) == 1 else names


def _why_not(tool: str, lost: list[str]) -> str:
    """`has no model like 'a'`, `does not offer 'b' (its model list: ...)`, or both."""
    offers = [m for m in lost if models.model_to(tool, m) is not None]  # named, not offered
    others = [m for m in lost if m not in offers]
    said = [f"has no model like {', '.join(map(repr, others))}"] if others else []
    if offers:
        said.append(
            f"does not offer {', '.join(map(repr, offers))} (its model list: `agentmorph models`)"
        )
    return " and ".join(said)
