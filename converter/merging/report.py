"""The merge report as text for people and as JSON for programs; no printing here."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from converter.merging.types import MergeReport

_WIDTH = 72


def _short(label: str, labels: frozenset[str] | set[str] = frozenset()) -> str:
    """A variant's path as short as it can be and still tell it from the others: its file
    name, or as many folders before it as needed (`.claude/agents/reviewer.md` beside
    `.gemini/agents/reviewer.md` is `claude/agents/reviewer.md`, not `reviewer.md` twice)."""
    return _shorts(frozenset(labels) | {label})[label]


@lru_cache(maxsize=4)
def _shorts(labels: frozenset[str]) -> dict[str, str]:
    """Every label's short form, found once for the set (a report names 100 variants in
    every rule it shows: comparing each with all the others each time took a third of a
    100-variant merge)."""
    parts = {label: PurePath(label).parts for label in labels}
    found: dict[str, str] = {}
    for size in range(1, max((len(p) for p in parts.values()), default=0) + 1):
        tails = Counter(p[-size:] for p in parts.values())
        for label, mine in parts.items():
            if label not in found and (tails[mine[-size:]] == 1 or size >= len(mine)):
                found[label] = "/".join(mine[-size:]) if tails[mine[-size:]] == 1 else label
    return {label: found.get(label, label) for label in labels}


def to_json(report: MergeReport) -> dict[str, Any]:
    """A stable, documented structure (README, "Merging")."""
    return {
        "variants": list(report.variants),
        "style": report.style,
        "input_items": report.input_items,
        "output_items": sum(len(s.items) for s in report.sections),
        "sections": [
            {
                "title": section.title,
                "level": section.level,
                "titles_seen": list(section.titles),
                "support": len(section.sources),
                "sources": list(section.sources),
                "items": [
                    {
                        "text": m.item.text,
                        "kind": m.item.kind,
                        "support": m.support,
                        "sources": list(m.sources),
                    }
                    for m in section.items
                ],
            }
            for section in report.sections
        ],
        "decisions": [
            {"field": d.field, "value": d.value, "rule": d.rule} for d in report.decisions
        ],
        "conflicts": [
            {"kind": str(c.kind), "field": c.field, "reason": c.reason, "candidates": c.candidates}
            for c in report.conflicts
        ],
        "base": report.base,
        "folded": [
            {
                "text": f.text,
                "sources": list(f.sources),
                "into": f.into,
                "section": f.section,
                "reason": f.reason,
            }
            for f in report.folded
        ],
    }


def summary(report: MergeReport, name: str) -> list[str]:
    """A few lines: what was merged, each metadata decision, each conflict."""
    total = len(report.variants)
    output = sum(len(s.items) for s in report.sections)
    titled = sum(1 for s in report.sections if s.title is not None)
    lines = [
        f"merged {_count(total, 'variant')} of {name}: {_count(titled, 'section')}, "
        f"{_count(output, 'item')} (from {_count(report.input_items, 'item')} in the inputs)"
    ]
    if report.base:
        lines.append(
            f"  skeleton: {_short(report.base, set(report.variants))} (its sections and their order)"
        )
    if report.folded:
        dropped = sum(1 for f in report.folded if f.into is None)
        lines.append(
            f"  folded: {_count(len(report.folded) - dropped, 'phrasing')} said by a kept item"
            + (f", {dropped} below --min-support" if dropped else "")
            + " (--report lists each with its reason)"
        )
    labels = set(report.variants)
    for decision in report.decisions:
        shown = _value(decision.value, labels, decision.field)
        lines.append(f"  {decision.field}: {shown} ({_labels(decision.rule, labels)})")
    for conflict in report.conflicts:
        lines.append(f"CONFLICT ({conflict.field}): {conflict.reason} [{conflict.kind}]")
        for label, value in conflict.candidates.items():
            lines.append(f"  {_short(label, labels)}: {_value(value, labels, conflict.field)}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _labels(text: str, labels: set[str]) -> str:
    """A rule's text with variant paths shortened to file names."""
    for label in sorted(labels, key=len, reverse=True):
        if label in text:
            text = text.replace(label, _short(label, labels))
    return text


def outline(report: MergeReport) -> list[str]:
    """The merged sections with each item's support and sources, for a terminal."""
    total = len(report.variants)
    lines: list[str] = []
    for section in report.sections:
        title = section.title or "(before the first section)"
        lines.append(f"{title}  [{len(section.sources)}/{total}]")
        for merged in section.items:
            first = merged.item.body.strip().splitlines()[0] if merged.item.body.strip() else ""
            if len(first) > _WIDTH:
                first = first[: _WIDTH - 3] + "..."
            sources = ", ".join(PurePath(s).stem for s in merged.sources)
            lines.append(f"  {merged.support}/{total}  {first}  ({sources})")
    return lines


def _value(value: object, labels: set[str] = frozenset(), field: str = "") -> str:  # type: ignore[assignment]
    if isinstance(value, str) and value in labels:
        text = _short(value, labels)
    elif value is None and field == "tools":
        text = "inherit all"
    elif isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value) or "none"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
