"""Merge rules for the fields around the prompt: name, description, tools, model, extras.

Each rule is order-independent (variants arrive in canonical order) and reports what it
decided. A disagreement that changes behaviour and that no rule settles is a conflict.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from converter.merging.types import (
    Conflict,
    ConflictKind,
    Decision,
    MergeOptions,
    Variant,
    drop_layout_record,
    find_variant,
)
from converter.prompt import items as itemlib
from converter.targets import models
from converter.targets.names import latin

#: extra keys whose disagreement changes nothing an agent does: settled by a rule
COSMETIC_KEYS = frozenset(
    {"color", "category", "emoji", "icon", "author", "version", "tags", "expertise_level"}
)
#: examples compared per description: each is compared with every one kept before it, so a
#: description of thousands (an agent has a handful) took seconds, growing with the square;
#: those past this many are left out uncompared (the chosen description keeps all its own)
_COMPARED = 64


def _example_spans(text: str) -> list[tuple[int, int]]:
    """Where each `<example>...</example>` in `text` is, as a lazy `<example>.*?</example>`
    finds them, by `str.find`: the pattern went on to the end of the text from every opening
    tag left unclosed (10,000 of them: 0.8 s, growing with the square of their number)."""
    spans, at = [], 0
    while (start := text.find("<example>", at)) >= 0:
        end = text.find("</example>", start + len("<example>"))
        if end < 0:
            break  # no closing tag after this one: none after any later one either
        at = end + len("</example>")
        spans.append((start, at))
    return spans


def _examples(text: str) -> list[str]:
    return [text[start:end] for start, end in _example_spans(text)]


def _without_examples(text: str) -> str:
    """`text` with each example replaced by a space."""
    kept, at = [], 0
    for start, end in _example_spans(text):
        kept.append(text[at:start])
        at = end
    return " ".join([*kept, text[at:]])


def merge_fields(
    variants: list[Variant], options: MergeOptions
) -> tuple[dict[str, Any], list[Decision], list[Conflict]]:
    """The merged name, description, model, tools, metadata and extensions."""
    decisions: list[Decision] = []
    conflicts: list[Conflict] = []
    preferred = find_variant(variants, options.prefer) if options.prefer else None
    values: dict[str, Any] = {
        "name": _name(variants, options, decisions, conflicts),
        "description": _description(variants, options, decisions),
        "tools": _tools(variants, options, decisions),
        "model": _model(variants, preferred, decisions, conflicts),
    }
    values["metadata"] = _extras(
        {v.label: v.agent.metadata for v in variants}, "metadata", preferred, decisions, conflicts
    )
    extensions: dict[str, dict[str, Any]] = {}
    tools = sorted({tool for v in variants for tool in v.agent.extensions})
    for tool in tools:
        per_variant = {
            v.label: v.agent.extensions[tool] for v in variants if tool in v.agent.extensions
        }
        merged = _extras(per_variant, f"extensions.{tool}", preferred, decisions, conflicts)
        if merged:
            extensions[tool] = merged
    values["extensions"] = drop_layout_record(extensions)
    return values, decisions, conflicts


def normalise_name(name: str) -> str:
    """kebab-case, without a trailing "-agent": `backend_developer_agent` → `backend-developer`."""
    text = re.sub(r"[^a-z0-9]+", "-", latin(name).lower()).strip("-")
    return re.sub(r"-agent$", "", text) or text or name


def _name(
    variants: list[Variant],
    options: MergeOptions,
    decisions: list[Decision],
    conflicts: list[Conflict],
) -> str:
    if options.name:
        decisions.append(Decision("name", options.name, "--name"))
        return options.name
    counts = Counter(normalise_name(v.agent.name) for v in variants)
    if len(counts) > 1:
        # Differently named variants are probably different agents: merging a reviewer with
        # a chef would mix them. The user decides (--name).
        conflicts.append(
            Conflict(
                ConflictKind.NAME_MISMATCH,
                "name",
                {v.label: v.agent.name for v in variants},
                "the variants are named differently, so they may be different agents; "
                "--name NAME merges them anyway",
            )
        )
    name, votes = min(counts.items(), key=lambda pair: (-pair[1], len(pair[0]), pair[0]))
    spellings = sorted({v.agent.name for v in variants})
    decisions.append(
        Decision(
            "name",
            name,
            f"majority of normalised names ({votes}/{len(variants)}; "
            f"written {', '.join(spellings)})",
        )
    )
    return name


def _description(
    variants: list[Variant], options: MergeOptions, decisions: list[Decision]
) -> str | None:
    texts = [(v.label, v.agent.description) for v in variants if v.agent.description]
    if not texts:
        return None
    keys = [itemlib.normalise(_without_examples(text)) for _, text in texts]
    # the medoid: the description most similar to all the others
    scores = [sum(itemlib.similarity(key, other) for other in keys) for key in keys]
    best = max(range(len(texts)), key=lambda i: (scores[i], -i))
    label, chosen = texts[best]
    own = [itemlib.normalise(e) for e in _examples(chosen)[:_COMPARED]]
    known = list(own)
    candidates: list[tuple[str, str]] = []
    uncompared = 0
    # a text met before (the chosen one too) brings no example that is not known by now
    for text in dict.fromkeys(text for _, text in texts if text != chosen):
        examples = _examples(text)
        uncompared += max(0, len(examples) - _COMPARED)
        for example in examples[:_COMPARED]:
            key = itemlib.normalise(example)
            if all(itemlib.similarity(key, k) < options.item_threshold for k in known):
                known.append(key)
                candidates.append((example, key))
    room = max(0, options.max_examples - len(_examples(chosen)))
    extra = _most_different(candidates, own, room)
    left = len(candidates) - len(extra) + uncompared
    decisions.append(
        Decision(
            "description",
            label,
            f"medoid of {len(texts)} descriptions, plus {len(extra)} distinct <example> blocks "
            f"from the others"
            + (f" ({left} more left out: --max-examples {options.max_examples})" if left else ""),
        )
    )
    return _append_examples(chosen, extra)


def _most_different(candidates: list[tuple[str, str]], have: list[str], room: int) -> list[str]:
    """Up to `room` examples, each the one least like those chosen so far (different
    intents first: three examples of a JWT login teach less than login, search, refund)."""
    chosen: list[str] = []
    keys = list(have)
    pool = list(candidates)
    while pool and len(chosen) < room:

        def closeness(pair: tuple[str, str]) -> float:
            return max((_words_alike(pair[1], k) for k in keys), default=0.0)

        best = min(range(len(pool)), key=lambda n: (closeness(pool[n]), n))
        example, key = pool.pop(best)
        chosen.append(example)
        keys.append(key)
    return chosen


def _words_alike(left: str, right: str) -> float:
    a, b = set(left.split()), set(right.split())
    return len(a & b) / len(a | b) if a | b else 0.0


def _append_examples(description: str, examples: list[str]) -> str:
    """Add examples in the description's own newline convention."""
    if not examples:
        return description
    if "\\n" in description:  # literal \\n escapes (Claude Code turns them into newlines)
        return description + "".join("\\n\\n" + e.replace("\n", "\\n") for e in examples)
    if "\n" in description:
        return description + "".join("\n\n" + e.replace("\\n", "\n") for e in examples)
    # "++": a run of a million line breaks must not keep regex state for each one
    return description + "".join(" " + re.sub(r"\s*(?:\\n|\n)++\s*", " ", e) for e in examples)


def _tools(
    variants: list[Variant], options: MergeOptions, decisions: list[Decision]
) -> tuple[str, ...] | None:
    inheriting = [v.label for v in variants if v.agent.inherits_all_tools]
    lists = [
        v.agent.tools
        for v in variants
        if not v.agent.inherits_all_tools and v.agent.tools is not None
    ]
    if options.tools == "intersect":
        if not lists:
            decisions.append(Decision("tools", None, "intersect: every variant inherits all tools"))
            return None
        common = list(tool_intersection(lists))
        decisions.append(
            Decision(
                "tools",
                common,
                f"intersection of {len(lists)} tool lists (variants that inherit all add no limit)",
            )
        )
        return tuple(common)
    names = ", ".join(sorted(inheriting))
    if inheriting and (options.tools == "inherit" or not lists):
        why = (
            f"--tools inherit: {names} set no tool list" if lists else "no variant sets a tool list"
        )
        decisions.append(Decision("tools", None, why))
        return None
    union = tool_union(lists)
    rule = f"union of {len(lists)} tool lists"
    if inheriting:
        # Never widen silently: a variant without a list adds no tool; --tools inherit
        # gives the merged agent every tool instead.
        rule += f"; {names} set no tool list and inherit every tool (--tools inherit keeps that)"
    decisions.append(Decision("tools", list(union), rule))
    return union


def tool_intersection(lists: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The tools every list names, in the first list's order (its repeats kept)."""
    others = [set(other) for other in lists[1:]]  # sets: 50,000 tools took 83 s as lists
    return tuple(tool for tool in lists[0] if all(tool in other for other in others))


def tool_union(lists: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Every tool of the lists, once: by how many lists name it, then by the earliest place
    any list gives it, then by name."""
    counts = Counter(tool for tools in lists for tool in dict.fromkeys(tools))
    earliest: dict[str, int] = {}  # each tool's first place in any list, in one pass
    for tools in lists:
        for place, tool in enumerate(tools):
            if place < earliest.get(tool, place + 1):
                earliest[tool] = place
    return tuple(sorted(counts, key=lambda t: (-counts[t], earliest[t], t)))


def _model(
    variants: list[Variant],
    preferred: Variant | None,
    decisions: list[Decision],
    conflicts: list[Conflict],
) -> Any:
    chosen = {v.label: v.agent.model for v in variants if v.agent.model is not None}
    if not chosen:
        return None
    if preferred is not None and preferred.label in chosen:
        decisions.append(Decision("model", chosen[preferred.label], f"--prefer {preferred.label}"))
        return chosen[preferred.label]
    # counted by the model they name, in any tool's spelling ("Claude Sonnet 4.6 (copilot)"
    # and `anthropic/claude-sonnet-4-6` are one model; models.identity), a list of models by
    # its JSON text (unhashable), and given back as the first variant to name it wrote it:
    # Copilot's list of models is a tuple in the model, and a list from json.loads read back
    # from the merged file unequal (the merge's self-check refused it)
    written: dict[str, Any] = {}
    for model in chosen.values():
        written.setdefault(_model_identity(model), model)
    counts = Counter(_model_identity(m) for m in chosen.values())
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        conflicts.append(
            Conflict(
                ConflictKind.VALUE_MISMATCH, "model", dict(chosen), "no majority among the models"
            )
        )
        return written[min(text for text, n in ranked if n == ranked[0][1])]
    value = _spelling(ranked[0][0], written[ranked[0][0]], list(chosen.values()))
    decisions.append(
        Decision("model", value, f"majority ({ranked[0][1]} of {len(chosen)} that set one)")
    )
    return value


def _spelling(identity: str, first: Any, chosen: list[Any]) -> Any:
    """The model as the variants that name it spell it alike; spelt apart, an exact Claude
    model as its id (the merged file is a Claude Code agent), any other as the first."""
    alike = {json.dumps(m) for m in chosen if _model_identity(m) == identity}
    if len(alike) > 1 and isinstance(first, str) and models.exact_spellings_of(first):
        return identity
    return first


def _model_identity(model: Any) -> str:
    return models.identity(model) if isinstance(model, str) else json.dumps(model)


def _extras(
    per_variant: dict[str, dict[str, Any]],
    where: str,
    preferred: Variant | None,
    decisions: list[Decision],
    conflicts: list[Conflict],
) -> dict[str, Any]:
    # the keys in the order the fullest variant writes them (then the others'), each value as
    # a variant wrote it: merging one Roo mode gives back its keys' order, whatever the
    # order of the inputs (the labels settle a tie)
    fullest = sorted(per_variant.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    keys = list(dict.fromkeys(key for _, values in fullest for key in values))
    merged: dict[str, Any] = {}
    for key in keys:
        candidates = {label: values[key] for label, values in per_variant.items() if key in values}
        written: dict[str, Any] = {}  # each value by its text, as the fullest wrote it
        for _, values in reversed(fullest):
            if key in values:
                written[json.dumps(values[key], sort_keys=True)] = values[key]
        counts = Counter(json.dumps(v, sort_keys=True) for v in candidates.values())
        ranked = counts.most_common()
        field = f"{where}.{key}"
        if len(ranked) == 1:
            merged[key] = written[ranked[0][0]]
        elif preferred is not None and preferred.label in candidates:
            merged[key] = candidates[preferred.label]
            decisions.append(Decision(field, merged[key], f"--prefer {preferred.label}"))
        elif ranked[0][1] > ranked[1][1]:
            merged[key] = written[ranked[0][0]]
            decisions.append(
                Decision(field, merged[key], f"majority ({ranked[0][1]} of {len(candidates)})")
            )
        elif key in COSMETIC_KEYS:
            merged[key] = written[min(text for text, n in ranked if n == ranked[0][1])]
            decisions.append(
                Decision(field, merged[key], "cosmetic tie: the value that sorts first")
            )
        else:
            conflicts.append(
                Conflict(
                    ConflictKind.VALUE_MISMATCH,
                    field,
                    candidates,
                    "values differ and none has a majority",
                )
            )
    return merged
