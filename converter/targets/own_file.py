"""A tool's own file written back to that tool as it was read, while the agent is unchanged.

Writing anew would reorder its keys, drop its comments and respell its names (`read` as
`fs_read`, a TOML string quoted anew); what writing anew says (a coarser tool name, a model
list cut to one) is then untrue of what is written, and is not said.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from converter.diagnostics import Code, Diagnostic, Diagnostics
from converter.model import Agent
from converter.registry import WriteContext
from converter.targets.server_values import rewrites_own
from converter.targets.spelling import kept_as_written

#: what writing anew said that makes the file as read unfit to write back: a value made up,
#: a name fixed, a model the tool cannot run (left out or replaced) that the file would keep
MADE_UP = (Code.VALUE_DERIVED, Code.NAME_CHANGED, Code.MODEL_UNMAPPED)


def inputs(agent: Agent) -> tuple[Any, ...]:
    """What a whole file is made from: while an agent has exactly these values, the file as
    read is what its format would write."""
    return (agent.name, agent.description, agent.instructions, agent.model, agent.tools,
            agent.metadata, agent.extensions)  # fmt: skip


def inputs_of(values: dict[str, Any]) -> tuple[Any, ...]:
    """`inputs` of the agent these keyword arguments of `Agent` make (a reader that has them
    before the agent saves building it twice); `tools` and `metadata` default as there."""
    return (values["name"], values.get("description"), values.get("instructions", ""),
            values.get("model"), values.get("tools"), values.get("metadata", {}),
            values.get("extensions", {}))  # fmt: skip


def written_back(
    agent: Agent,
    format_name: str,
    context: WriteContext,
    said: Diagnostics,
    kept: Callable[[Diagnostic], bool] = kept_as_written,
) -> str | None:
    """The file as read when it may be written back (its format's own, the agent unchanged,
    nothing made up for it), else None; `said` (what writing anew said) is passed on, only
    its `kept` part when the file is written back."""
    source = agent.provenance
    if (
        not context.options.normalize
        and source is not None
        and source.format == format_name
        and source.raw_header is not None
        and source.header_snapshot == inputs(agent)
        and not any(d.code in MADE_UP and not kept(d) for d in said.items)
        and not rewrites_own(said)
    ):
        context.diagnostics.items.extend(filter(kept, said.items))
        return source.raw_header
    context.diagnostics.extend(said)
    return None
