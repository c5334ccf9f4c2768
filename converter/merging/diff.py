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
    if "model" in result and _one_model(old.model, new.model):
        result["model"]["same_model"] = True  # "Claude Sonnet 4.6" and claude-sonnet-4-6
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
    olds, news = set(old), set(new)  # sets: 50,000 tools were 38 s as lists
    return {
        "added": [t for t in new if t not in olds],
        "removed": [t for t in old if t not in news],
    }


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
    """Items added, removed and changed between two versions of one section.

    Each item is matched with the most similar item of the other side among those sharing
    its text exactly or one of its three rarest words (an index, not a comparison of every
    pair): near-linear in the number of items.
    """
    old_index, new_index = _ItemIndex(old), _ItemIndex(new)
    added, removed, changed = [], [], []
    for item in new:
        score, match = old_index.best(item, threshold)
        if score < threshold:
            added.append(item.text)
        elif match is not None and match.body.strip() != item.body.strip():
            changed.append({"old": match.text, "new": item.text})
    for item in old:
        if new_index.best(item, threshold)[0] < threshold:
            removed.append(item.text)
    return {"added": added, "removed": removed, "changed": changed}


#: most items an item is compared with in `diff` (the rest share none of its rare words)
_CANDIDATES = 256
#: comparisons one side's index makes before it finds exact matches only: a section of
#: hundreds of thousands of items is compared in seconds (their near-matches past that
#: point show as added and removed)
_BUDGET = 4_000_000


class _ItemIndex:
    """Items by exact key and by word, to find an item's best match without a full scan."""

    def __init__(self, found: list[itemlib.Item]) -> None:
        self.items = found
        self.exact: dict[str, int] = {}
        self.postings: dict[str, list[int]] = {}
        self.spent = 0
        for number, item in enumerate(found):
            self.exact.setdefault(item.key, number)
            for word in set(item.key.split()):
                self.postings.setdefault(word, []).append(number)

    def best(self, item: itemlib.Item, threshold: float) -> tuple[float, itemlib.Item | None]:
        if item.key in self.exact:
            return 1.0, self.items[self.exact[item.key]]
        if self.spent >= _BUDGET:
            return 0.0, None  # past the budget, exact matches only (see _BUDGET)
        words = sorted(set(item.key.split()), key=lambda w: (len(self.postings.get(w, ())), w))
        # the rarest words' items, at most _CANDIDATES in all: when every word is common
        # (items that differ only in order), the comparison stays bounded
        chosen: set[int] = set()
        for word in words[:3]:
            chosen.update(self.postings.get(word, ())[: _CANDIDATES - len(chosen)])
            if len(chosen) >= _CANDIDATES:
                break
        numbers = sorted(chosen)
        self.spent += len(numbers)
        if not numbers or not itemlib.fuzzy(item.sorted_key):
            return 0.0, None
        from rapidfuzz import fuzz, process

        choices = [self.items[n].sorted_key for n in numbers]
        match = process.extractOne(
            item.sorted_key, choices, scorer=fuzz.ratio, score_cutoff=threshold * 100
        )
        if match is None:
            return 0.0, None
        return float(match[1]) / 100, self.items[numbers[int(match[2])]]


def render_diff(difference: dict[str, Any]) -> list[str]:
    """The diff as lines for people."""
    lines: list[str] = []
    for name in ("name", "description", "model"):
        if name in difference:
            same = " (one model, spelt two ways)" if difference[name].get("same_model") else ""
            lines.append(f"{name}: {_pair(difference[name]['old'], difference[name]['new'])}{same}")
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
            lines.append(f"tools: {_pair(tools['old'], tools['new'])}")
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
        lines.extend(
            f"  ~ {_pair(*_phrasings(pair['old'], pair['new']))}" for pair in section["changed"]
        )
    return lines


def _one_model(left: Any, right: Any) -> bool:
    """Whether two models are one model in two tools' spellings (models.identity)."""
    if not isinstance(left, str) or not isinstance(right, str):
        return False
    from converter.targets import models

    return models.identity(left) == models.identity(right)


def _first(text: str) -> str:
    return _short(text.strip().splitlines()[0] if text.strip() else "")


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _window(text, 0)


#: a value on one line of the diff, its line ends and tabs shown: a line end and a `\n`
#: written out (two characters, as a plain YAML value keeps them) must not look alike
_ONE_LINE = str.maketrans({"\n": "↵", "\r": "␍", "\t": "⇥"})


def _pair(old: Any, new: Any) -> str:
    """`old → new`, each on one line and cut to 80 characters around where they first
    differ: two long values that differ past their first 80 characters were shown as the
    same `...` twice."""
    lines = [
        (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)).translate(_ONE_LINE)
        for v in (old, new)
    ]
    old_line, new_line = lines
    same = next(
        (at for at, (a, b) in enumerate(zip(old_line, new_line, strict=False)) if a != b),
        min(len(old_line), len(new_line)),
    )
    start = same - 20 if same > 57 and max(map(len, lines)) > 80 else 0
    return " → ".join(_window(line, start) for line in lines)


def _phrasings(old: str, new: str) -> tuple[str, str]:
    """Two phrasings of an item without the line end both end in."""
    both = old.endswith("\n") and new.endswith("\n")
    return (old[:-1], new[:-1]) if both else (old, new)


def _window(line: str, start: int) -> str:
    if start == 0:
        return line if len(line) <= 80 else line[:77] + "..."
    shown = "..." + line[start : start + 74]
    return shown + "..." if start + 74 < len(line) else shown
