"""How the merge reads, in figures: for the five seeds and families of same-named agents in
../shared/corpus, the checks of the merge issue (identity statements, list restarts,
lead-ins, top-level sections, input items covered by meaning, near-duplicate pairs left,
examples in the description, tool list).

    python bench/merge_quality.py [--families N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from converter import Agent, loads  # noqa: E402
from converter.merging import merge  # noqa: E402
from converter.merging.fields import normalise_name  # noqa: E402
from converter.merging.meaning import Meaning  # noqa: E402
from converter.prompt import items as itemlib  # noqa: E402
from converter.prompt import sections  # noqa: E402

_ORDERED = re.compile(r"\s*(\d+)[.)]\s")


def figures(agents: list[Agent]) -> dict[str, object]:
    result = merge(agents)
    text = result.agent.instructions
    outline = sections.parse(text)
    out_items = [i for s in [outline.preamble, *(x.text for x in outline.walk())]
                 for i in itemlib.split(s)]  # fmt: skip
    in_items = [i for a in agents for s in _texts(a.instructions) for i in itemlib.split(s)]
    meaning = Meaning([i.key for i in [*in_items, *out_items]])
    covered = sum(
        1 for i in in_items
        if any(i.text == o.text or meaning.similar(i, o, 0.6) for o in out_items)
    )  # fmt: skip
    pairs = sum(
        1 for n, a in enumerate(out_items) for b in out_items[n + 1:]
        if a.kind not in ("code", "block") and b.kind not in ("code", "block")
        and meaning.similar(a, b, 0.7)
    )  # fmt: skip
    restarts = 0
    previous = None
    for line in text.splitlines():
        found = _ORDERED.match(line)
        if found and previous is not None and int(found[1]) == 1 and previous >= 1:
            restarts += 1
        if found:
            previous = int(found[1])
        elif line.strip() and not line.startswith((" ", "\t")):
            previous = None
    dangling = 0
    # a lead-in ("When implementing new features:") must be followed by its list or code; at
    # the end of a text that subsections follow, it introduces them (as in the inputs)
    parts = [(outline.preamble, bool(outline.sections))]
    parts += [(x.text, bool(x.children)) for x in outline.walk()]
    for section_text, introduces in parts:
        found_items = itemlib.split(section_text)
        for n, item in enumerate(found_items):
            if item.kind == "paragraph" and item.text.rstrip().endswith(":"):
                following = found_items[n + 1] if n + 1 < len(found_items) else None
                if (following is None and not introduces) or (
                    following is not None and following.kind == "paragraph"
                ):
                    dangling += 1
    listed = [set(a.tools) for a in agents if a.tools is not None and not a.inherits_all_tools]
    union = set().union(*listed) if listed else None
    return {
        "variants": len(agents),
        "lines": text.count("\n"),
        "identity statements": sum(1 for i in out_items if i.text.lower().startswith("you are")),
        "numbered list restarts": restarts,
        "lead-ins without their list": dangling,
        "top-level sections": len(outline.sections),
        "input items covered": f"{covered}/{len(in_items)} ({100 * covered / max(1, len(in_items)):.1f} %)",
        "near-duplicate pairs": f"{pairs} ({100 * pairs / max(1, len(out_items)):.1f} % of {len(out_items)} items)",
        "examples in description": result.agent.description.count("<example>"),
        "tools are the union of the lists": (set(result.agent.tools or ()) == union)
        if union is not None else result.agent.tools is None,
    }  # fmt: skip


def _texts(prompt: str) -> list[str]:
    outline = sections.parse(prompt)
    return [outline.preamble, *(s.text for s in outline.walk())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=6)
    options = parser.parse_args()
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        print("needs ../shared/seeds", file=sys.stderr)
        return 2
    groups: dict[str, list[Agent]] = {"seeds (backend-developer)": [
        loads(p.read_bytes(), path=str(p), format="markdown") for p in seeds
    ]}  # fmt: skip
    families: dict[str, list[Agent]] = defaultdict(list)
    for path in sorted((SHARED / "corpus").rglob("*.md")):
        if "awesome-copilot" in str(path) or "gemini-cli" in str(path) or path.name == "SOURCES.md":
            continue
        try:
            agent = loads(path.read_bytes(), path=str(path), format="markdown")
        except Exception:
            continue
        families[normalise_name(agent.name)].append(agent)
    biggest = sorted(families.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    for name, members in biggest[: options.families]:
        groups[name] = members
    for name, agents in groups.items():
        print(f"## {name}")
        for key, value in figures(agents).items():
            print(f"- {key}: {value}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
