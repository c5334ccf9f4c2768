"""The merge engine: combine variants of one agent into one canonical agent (BRIEF §6).

Variants are processed in a canonical order, so the result does not depend on the order of
the inputs. The prompt is merged by `body`, the fields around it by `fields`; the report is
data (`types`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from converter.canonical import agent_to_dict
from converter.diagnostics import Code, Diagnostic
from converter.errors import UsageError
from converter.merging.body import merge_bodies
from converter.merging.fields import merge_fields
from converter.merging.types import MergeOptions, MergeReport, MergeResult, Variant, find_variant
from converter.model import Agent


def merge(agents: Sequence[Agent | Variant], options: MergeOptions = MergeOptions()) -> MergeResult:
    """Merge variants of one agent. Labels default to each agent's source path or name.

    Raises:
        UsageError: no variants, or `prefer` names no variant.
    """
    variants = _canonical_order([_as_variant(a, n) for n, a in enumerate(agents)])
    if not variants:
        raise UsageError("merge needs at least one variant")
    if options.prefer is not None and find_variant(variants, options.prefer) is None:
        raise UsageError(
            f"--prefer {options.prefer!r} names none of the variants",
            hint="use a path, file name or stem",
        )
    body = merge_bodies(variants, options)
    values, decisions, conflicts = merge_fields(variants, options)
    agent = Agent(instructions=body.text, **values)
    report = MergeReport(
        variants=tuple(v.label for v in variants),
        sections=body.sections,
        decisions=tuple(decisions),
        conflicts=tuple(conflicts),
        input_items=body.input_items,
        style=body.style,
        folded=body.folded,
        base=body.base,
    )
    return MergeResult(agent, report, _languages(variants, body.languages))


def _languages(variants: list[Variant], languages: tuple[str, ...]) -> tuple[Diagnostic, ...]:
    """A warning when the variants are written in more than one language: the merged prompt
    then holds each language's points in its own words, side by side."""
    by_language: dict[str, list[str]] = {}
    for variant, language in zip(variants, languages, strict=True):
        if language:
            by_language.setdefault(language, []).append(PurePath(variant.label).name)
    if len(by_language) < 2:
        return ()
    told = "; ".join(
        f"{language}: {', '.join(names[:3])}{f' and {len(names) - 3} more' if len(names) > 3 else ''}"
        for language, names in sorted(by_language.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    return (
        Diagnostic(
            Code.LANGUAGES_DIFFER,
            f"the variants are written in {len(by_language)} languages ({told}): the merged "
            "prompt holds each one's points in its own words, none put in another's place; "
            "merge the variants of one language",
        ),
    )


def _as_variant(agent: Agent | Variant, number: int) -> Variant:
    if isinstance(agent, Variant):
        return agent
    label = (
        agent.provenance.path
        if agent.provenance and agent.provenance.path
        else f"{agent.name}#{number + 1}"
    )
    return Variant(label, agent)


def _canonical_order(variants: list[Variant]) -> list[Variant]:
    """Order by content (then label), so input order never changes the result."""

    def key(variant: Variant) -> tuple[str, str]:
        payload = json.dumps(agent_to_dict(variant.agent), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest(), variant.label

    ordered = sorted(variants, key=key)
    labels = Counter(v.label for v in ordered)
    seen: Counter[str] = Counter()
    unique = []
    for variant in ordered:  # identical labels (two stdin inputs, say) get a suffix
        seen[variant.label] += 1
        if labels[variant.label] > 1:
            variant = replace(variant, label=f"{variant.label}#{seen[variant.label]}")
        unique.append(variant)
    return unique
