"""Model-level differences between two agents (deepdiff), for messages and `agentmorph diff`."""

from __future__ import annotations

from converter.canonical import agent_to_dict
from converter.model import Agent


def describe_difference(left: Agent, right: Agent) -> str:
    """A short, readable account of how two agents differ (provenance ignored)."""
    from deepdiff import DeepDiff

    difference = DeepDiff(agent_to_dict(left), agent_to_dict(right), verbose_level=2)
    return difference.pretty() or "no difference"
