"""Model-level differences between two agents: fields, tools, extras (deepdiff), sections
and items. Not a text diff: reordered keys or re-wrapped YAML are no difference."""

from __future__ import annotations

import json
from typing import Any

from converter.canonical import agent_to_dict
from converter.model import Agent
from converter.prompt import items as itemlib
from converter.prompt import sections


def describe_difference(left: Agent, right: Agent) -> str:
    """A short, readable account of how two agents differ (provenance ignored)."""
    from deepdiff import DeepDiff

    difference = DeepDiff(agent_to_dict(left), agent_to_dict(right), verbose_level=2)
    return str(difference.pretty()) or "no difference"


def model_diff(old: Agent, new: Agent, threshold: float = 0.70) -> dict[str, Any]:
    """The differences as JSON data; empty when the agents are equal."""
    result: dict[str, Any] = {}
    for name in ("name", "description", "model"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            result[name] = {"old": _plain(before), "new": _plain(after)}
    if old.tools != new.tools:
        result["tools"] = _tools(old.tools, new.tools)
    for name in ("metadata", "extensions"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            from deepdiff import DeepDiff

            result[name] = json.loads(DeepDiff(before, after, verbose_level=2).to_json())
    if old.instructions != new.instructions:
        result["sections"] = _sections(old.instructions, new.instructions, threshold)
    return result


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _tools(old: tuple[str, ...] | None, new: tuple[str, ...] | None) -> dict[str, Any]:
    if old is None or new is None:
        return {"old": _label(old), "new": _label(new)}
    return {"added": [t for t in new if t not in old], "removed": [t for t in old if t not in new]}


def _label(tools: tuple[str, ...] | None) -> Any:
    return "inherit all" if tools is None else list(tools)


def _by_title(text: str) -> dict[str, tuple[str, list[itemlib.Item]]]:
    outline = sections.parse(text)
    found: dict[str, tuple[str, list[itemlib.Item]]] = {
        "": ("(before the first section)", itemlib.split(outline.preamble))
    }
    for section in outline.walk():
        key = itemlib.normalise(section.title.replace("_", " "))
        found.setdefault(key, (section.title, []))[1].extend(itemlib.split(section.text))
    return found


def _sections(old: str, new: str, threshold: float) -> dict[str, Any]:
    before, after = _by_title(old), _by_title(new)
    report: dict[str, Any] = {
        "added": [after[k][0] for k in after if k not in before],
        "removed": [before[k][0] for k in before if k not in after],
        "changed": [],
    }
    for key in before:
        if key not in after:
            continue
        change = _items(before[key][1], after[key][1], threshold)
        if any(change.values()):
            report["changed"].append({"title": after[key][0], **change})
    return report


def _items(
    old: list[itemlib.Item], new: list[itemlib.Item], threshold: float
) -> dict[str, list[Any]]:
    def best(item: itemlib.Item, pool: list[itemlib.Item]) -> tuple[float, itemlib.Item | None]:
        scored = [(itemlib.similarity(item.key, other.key), other) for other in pool]
        return max(scored, key=lambda pair: pair[0], default=(0.0, None))

    added, removed, changed = [], [], []
    for item in new:
        score, match = best(item, old)
        if score < threshold:
            added.append(item.text)
        elif match is not None and match.body.strip() != item.body.strip():
            changed.append({"old": match.text, "new": item.text})
    for item in old:
        if best(item, new)[0] < threshold:
            removed.append(item.text)
    return {"added": added, "removed": removed, "changed": changed}


def render_diff(difference: dict[str, Any]) -> list[str]:
    """The diff as lines for people."""
    lines: list[str] = []
    for name in ("name", "description", "model"):
        if name in difference:
            lines.append(
                f"{name}: {_short(difference[name]['old'])} → {_short(difference[name]['new'])}"
            )
    tools = difference.get("tools")
    if tools:
        if "added" in tools:
            lines.append(
                "tools: "
                + " ".join(
                    [*(f"+{t}" for t in tools["added"]), *(f"-{t}" for t in tools["removed"])]
                )
            )
        else:
            lines.append(f"tools: {_short(tools['old'])} → {_short(tools['new'])}")
    for name in ("metadata", "extensions"):
        for change, details in difference.get(name, {}).items():
            lines.append(f"{name}: {change.replace('_', ' ')}: {_short(details)}")
    body = difference.get("sections", {})
    lines.extend(f"section added: {title}" for title in body.get("added", []))
    lines.extend(f"section removed: {title}" for title in body.get("removed", []))
    for section in body.get("changed", []):
        counts = f"+{len(section['added'])} -{len(section['removed'])} ~{len(section['changed'])}"
        lines.append(f"section {section['title']}: {counts}")
        lines.extend(f"  + {_first(text)}" for text in section["added"])
        lines.extend(f"  - {_first(text)}" for text in section["removed"])
        lines.extend(f"  ~ {_first(pair['new'])}" for pair in section["changed"])
    return lines


def _first(text: str) -> str:
    return _short(text.strip().splitlines()[0] if text.strip() else "")


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
