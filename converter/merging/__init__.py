"""The merge room: combine variants of one agent into one canonical agent, report every
decision and conflict, and compare two agents by meaning (`diff`)."""

from converter.merging.engine import merge
from converter.merging.types import (
    Conflict,
    ConflictKind,
    Decision,
    MergeOptions,
    MergeReport,
    MergeResult,
    Variant,
)

__all__ = [
    "Conflict",
    "ConflictKind",
    "Decision",
    "MergeOptions",
    "MergeReport",
    "MergeResult",
    "Variant",
    "merge",
]
