"""The merge's data: options, variants, merged sections and items, decisions, conflicts
(with a kind), the report and the result. Plain frozen values; no merging here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from converter.diagnostics import Diagnostic
from converter.model import Agent
from converter.options import MAX_SECTIONS
from converter.prompt.items import Item
from converter.prompt.restyle import RECORD_TOOL


class ConflictKind(StrEnum):
    """What kind of disagreement a conflict is; frozen strings (scripts match on them)."""

    #: variants set different values and no rule settles them
    VALUE_MISMATCH = "value-mismatch"
    #: the variants are named differently: probably not variants of one agent
    NAME_MISMATCH = "name-mismatch"


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Knobs of a merge; the defaults are documented in the README ("Merging")."""

    #: keep items that at least this many variants carry; "majority" = more than half
    min_support: int | Literal["majority"] = 1
    #: two items are near-duplicates at or above this similarity (0..1)
    item_threshold: float = 0.70
    #: a section joins a group of aligned sections at or above this score: the weighted
    #: share of title words plus 0.8 times the cosine similarity of the sections' words
    section_threshold: float = 0.55
    #: "union" of the tool lists set (default; variants that inherit every tool add none),
    #: "intersect" (the strictest), or "inherit" (every tool when any variant inherits all)
    tools: Literal["union", "intersect", "inherit"] = "union"
    #: a source label (path, file name or stem) whose values settle every conflict
    prefer: str | None = None
    #: write each section's and item's support and sources into the prompt as HTML comments
    annotate: bool = False
    #: the merged agent's name; without it, variants named differently are a conflict
    name: str | None = None
    #: at most this many <example> blocks in the merged description (the medoid's own
    #: count; the others add distinct ones, the most different first, up to this)
    max_examples: int = 3
    #: also compare items by a small static embedding model (agentmorph[semantic])
    semantic: bool = False
    #: processes that may cluster the sections' items (`--jobs`); the result is the same
    #: with any number, and a merge of few items, or with `semantic`, uses one
    jobs: int = 1
    #: at most this many sections (headings or tags) in all the variants together: each is
    #: aligned against up to a few thousand candidates, so a prompt of tens of thousands (a
    #: hostile one: 16,000 took 20 s, 16 MiB of them hours) is refused, not merged; the
    #: largest agent of the corpus has under 100
    max_sections: int = MAX_SECTIONS


@dataclass(frozen=True, slots=True)
class Variant:
    """One agent given to a merge, with the label that names it in reports."""

    label: str
    agent: Agent


@dataclass(frozen=True, slots=True)
class MergedItem:
    """One item of the merged prompt, and the variants that carry it."""

    item: Item
    sources: tuple[str, ...]

    @property
    def support(self) -> int:
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class MergedSection:
    """One section of the merged prompt: its title, level and the variants it came from."""

    #: None for the text before the first section
    title: str | None
    level: int
    sources: tuple[str, ...]
    items: tuple[MergedItem, ...]
    #: the titles the variants gave this section
    titles: tuple[str, ...] = ()
    #: the title as the first variant with that title wrote it, when every variant wrote a
    #: bold line or a tag (`**Check the soil.**`, `<ROLE lang="en">`); else written anew
    written: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """How one field of the merged agent was decided, and by which rule."""

    field: str
    value: object
    rule: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field the variants disagree on, with each variant's value."""

    kind: ConflictKind
    field: str
    #: label → value, for every variant that set the field
    candidates: dict[str, object]
    reason: str


@dataclass(frozen=True, slots=True)
class Folded:
    """An input item that is not in the output as written, and why."""

    text: str
    #: the variants that wrote it this way
    sources: tuple[str, ...]
    #: the output item that says it (None: dropped by --min-support)
    into: str | None
    #: the title of the output section holding `into`
    section: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge did: its sections, decisions and conflicts (`merge --report`)."""

    variants: tuple[str, ...]
    sections: tuple[MergedSection, ...]
    decisions: tuple[Decision, ...]
    conflicts: tuple[Conflict, ...]
    input_items: int
    style: str
    #: every input phrasing not kept as written: its cluster's kept item and the reason
    folded: tuple[Folded, ...] = ()
    #: the variant whose section tree is the skeleton
    base: str = ""


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged agent, its report, and what was noticed on the way."""

    agent: Agent
    report: MergeReport
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.report.conflicts


def find_variant(variants: list[Variant], wanted: str) -> Variant | None:
    from pathlib import PurePath

    for variant in variants:
        path = PurePath(variant.label)
        if wanted in (variant.label, path.name, path.stem):
            return variant
    return None


def drop_layout_record(extensions: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """A merged prompt is new text: a restyling record of one variant does not apply to it."""
    cleaned = {
        tool: {k: v for k, v in keys.items() if not (tool == RECORD_TOOL and k == "sections")}
        for tool, keys in extensions.items()
    }
    return {tool: keys for tool, keys in cleaned.items() if keys}
