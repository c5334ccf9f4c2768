"""A tool's own key in another tool's file (its metadata there) is written as that tool's
key (converter/targets/lifted.py): a Copilot agent's `permissionMode` reached Claude Code as
nothing, unsaid, and an agent's `temperature` was said to have "no place" in OpenCode and
Gemini CLI, which both read it."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import Agent, Diagnostics, dumps, loads
from converter.errors import ConverterError
from converter.frontmatter.target import CORE
from converter.registry import Format, default_registry
from converter.targets.lifted import rules_of

#: a GitHub Copilot agent whose header also holds other tools' keys (Copilot CLI ignores them)
COPILOT = """---
name: planner
description: Plans.
permissionMode: plan
memory: project
temperature: 0.2
sandbox_mode: read-only
resources: [README.md]
color: blue
---
Plan.
"""


def _header(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---\n")[1])


def _write(source: str, path: str, target: str) -> tuple[str, str]:
    diags = Diagnostics()
    agent = loads(source, path=path)
    text = dumps(agent, target, diagnostics=diags)
    return text, "\n".join(d.message for d in diags)


def test_claude_code_gets_its_own_keys_from_a_copilot_agent() -> None:
    text, said = _write(COPILOT, ".github/agents/planner.agent.md", "claude")
    header = _header(text)
    assert header["permissionMode"] == "plan" and header["memory"] == "project"
    assert header["color"] == "blue"  # Claude Code's own colour names
    assert header["temperature"] == 0.2  # no key of Claude Code's: metadata, as before
    assert "permissionMode" not in said


def test_a_key_every_tool_reads_is_not_said_to_have_no_place() -> None:
    for target in ("opencode", "gemini"):
        text, said = _write(COPILOT, ".github/agents/planner.agent.md", target)
        assert _header(text)["temperature"] == 0.2, target
        assert "metadata.temperature" not in said, said
    codex = tomllib.loads(_write(COPILOT, ".github/agents/planner.agent.md", "codex")[0])
    assert codex["sandbox_mode"] == "read-only"


def test_a_value_the_tool_refuses_is_left_out_and_said() -> None:
    # OpenCode takes a colour as #RRGGBB or a theme's name: "blue" would fail its whole
    # configuration (as for an OpenCode agent's own `color: blue`)
    text, said = _write(COPILOT, ".github/agents/planner.agent.md", "opencode")
    assert "color" not in _header(text)
    assert "OpenCode refuses color = 'blue'" in said


def test_a_strict_tool_gets_no_key_whose_kind_is_not_checked() -> None:
    # Kiro CLI refuses the whole agent for a value of the wrong kind (serde), and the kind
    # of `resources` is not modelled: it stays metadata, said dropped
    text, said = _write(COPILOT, ".github/agents/planner.agent.md", "kiro")
    assert "resources" not in json.loads(text)
    assert "metadata.resources" in said


def test_the_agents_own_value_wins_and_the_other_is_said() -> None:
    both = (
        "---\nname: planner\ndescription: Plans.\nmemory: user\n"
        "x-agentmorph:\n  metadata:\n    memory: project\n---\nPlan.\n"
    )
    text, said = _write(both, "planner.md", "claude")
    assert _header(text)["memory"] == "user"
    assert "metadata.memory" in said and "not written" in said


def test_a_file_of_the_tool_itself_is_written_back_byte_for_byte() -> None:
    own = "---\nname: planner\ndescription: Plans.\npermissionMode: plan\nauthor: me\n---\nPlan.\n"
    assert _write(own, ".claude/agents/planner.md", "claude")[0] == own


_TARGETS = [f for f in default_registry() if not f.lossless and f.kind == "agent"]
#: every tool target's own keys: what another tool's file may hold as metadata
_OWN_KEYS = sorted(
    {key for f in _TARGETS if (r := rules_of(f)) is not None for key in r.keys} - {*CORE}
)
_VALUES = st.one_of(
    st.text(alphabet="abc #01", max_size=6),
    st.integers(-2, 300),
    st.booleans(),
    st.lists(st.text(alphabet="abc", max_size=3), max_size=2),
    st.dictionaries(st.text(alphabet="abc", min_size=1, max_size=3), st.booleans(), max_size=2),
)


@settings(deadline=None)
@given(
    metadata=st.dictionaries(st.sampled_from(_OWN_KEYS), _VALUES, min_size=1, max_size=4),
    own=st.dictionaries(st.sampled_from(_OWN_KEYS), _VALUES, max_size=2),
    fmt=st.sampled_from(_TARGETS),
)
def test_no_key_of_a_tool_is_lost_unsaid(
    metadata: dict[str, Any], own: dict[str, Any], fmt: Format
) -> None:
    # Any target, any of any tool's keys as metadata: each is written (read back as the
    # target's own key or as metadata) or named by a diagnostic
    rules = rules_of(fmt)
    tool = rules.tool if rules is not None else fmt.name
    agent = Agent(
        name="probe",
        description="Probes.",
        instructions="Probe.\n",
        metadata=metadata,
        extensions={tool: {k: v for k, v in own.items() if rules is not None and k in rules.keys}},
    )
    diags = Diagnostics()
    try:
        text = dumps(agent, fmt.name, diagnostics=diags)
    except ConverterError:
        return  # refused as a whole, said
    said = "\n".join(d.message for d in diags) + "\n" + "\n".join(str(d.field) for d in diags)
    again = loads(text, format=fmt.name, path=f"x{fmt.extension}")
    kept = {*again.metadata, *(k for keys in again.extensions.values() for k in keys)}
    for key in metadata:
        # a key the reader takes into the model's own fields (Roo's `groups` are its tools)
        written = re.search(rf"(?m)^\s*-? *{re.escape(key)} *[:=]|\"{re.escape(key)}\":", text)
        assert key in kept or key in said or written, (fmt.name, key, text, said)


def test_a_key_of_a_tool_never_widens_the_tool_list() -> None:
    # Codex's sandbox and Roo's groups are tool lists of a kind: the agent's own list (or deny
    # list) decides, and the wider value is said not written (Codex wrote an agent's own
    # `sandbox_mode` over a read-only list: "danger-full-access" for `tools: Read, Grep`)
    read_only = "---\nname: w\ndescription: d\ntools: Read, Grep\n{}\n---\nBody\n"
    text, said = _write(read_only.format("sandbox_mode: danger-full-access"), "w.md", "codex")
    assert tomllib.loads(text)["sandbox_mode"] == "read-only"
    assert "sandbox_mode = 'danger-full-access' would let the agent change files" in said
    text, said = _write(read_only.format("groups: [read, edit, command]"), "w.md", "roo")
    assert yaml.safe_load(text)["customModes"][0]["groups"] == ["read"]
    assert "Roo groups edit, command would give the mode tools" in said
    denied = (
        "---\nname: w\ndescription: d\ndisallowedTools: Bash\ngroups: [read, command]\n---\nB\n"
    )
    text, said = _write(denied, "w.md", "roo")
    assert yaml.safe_load(text)["customModes"][0]["groups"] == ["read"]
    assert "Roo groups command would give the mode tools its deny list takes away" in said


def test_another_tools_key_in_metadata_is_the_targets_setting() -> None:
    # `maxTurns` (Claude Code's) in a Gemini CLI agent, as a cross-tool generator wrote it:
    # OpenCode's `steps`, Claude Code's own key; a Claude Code file written back keeps its
    # Gemini-spelt `max_turns` as it is (said when read)
    gemini = "---\nname: g\ndescription: d\nmaxTurns: 10\n---\nBody.\n"
    text, said = _write(gemini, ".gemini/agents/g.md", "opencode")
    assert _header(text)["steps"] == 10
    assert "maxTurns is written as opencode's steps" in said
    claude = "---\nname: c\ndescription: d\nmax_turns: 5\n---\nBody.\n"
    assert _write(claude, ".claude/agents/c.md", "claude")[0] == claude
    assert _header(_write(claude, ".claude/agents/c.md", "opencode")[0])["steps"] == 5


def test_a_value_claude_code_ignores_is_said() -> None:
    # Claude Code 2.1.332 ignores a permissionMode, memory or isolation it does not know
    # ("Agent file ... has invalid permissionMode 'ask'. Valid options: ..."): from another
    # tool's file it is not written, said; in its own file `validate` says it
    gemini = "---\nname: g\ndescription: d\npermissionMode: ask\nmemory: project\n---\nBody.\n"
    text, said = _write(gemini, ".gemini/agents/g.md", "claude")
    assert "permissionMode" not in _header(text) and _header(text)["memory"] == "project"
    assert "Claude Code ignores the permissionMode 'ask'" in said
    diags = Diagnostics()
    own = "---\nname: c\ndescription: d\nisolation: container\n---\nBody.\n"
    agent = loads(own, path=".claude/agents/c.md")
    default_registry().get("claude").validate(agent, diags)
    assert any("ignores the isolation 'container'" in d.message for d in diags)
