"""An empty map or list under another tool's key says nothing: Kiro CLI's own agent template
(`/agent create`) writes `"mcpServers": {}`, `"toolAliases": {}`, `"allowedTools": []`,
`"resources": []`, `"hooks": {}` and `"toolsSettings": {}` into every agent. Converted, none
of them was written as an empty server list (`mcpServers: []`) nor said lost."""

from __future__ import annotations

import json

import pytest

from converter import Diagnostics, dumps, loads

KIRO = {
    "name": "host",
    "description": "Answers questions about the repository.",
    "prompt": "Answer from the code.",
    "mcpServers": {},
    "tools": ["read"],
    "toolAliases": {},
    "allowedTools": [],
    "resources": [],
    "hooks": {},
    "toolsSettings": {},
    "model": None,
}


@pytest.mark.parametrize(
    ("target", "servers"),
    [("claude", "mcpServers"), ("codex", "mcp_servers"), ("gemini", "mcp_servers"),
     ("copilot", "mcp-servers"), ("opencode", "mcp")],
)  # fmt: skip
def test_a_kiro_agents_empty_defaults_are_neither_written_nor_said_lost(
    target: str, servers: str
) -> None:
    diags = Diagnostics()
    agent = loads(json.dumps(KIRO), path=".kiro/agents/host.json", diagnostics=diags)
    written = dumps(agent, target, diagnostics=diags)
    assert servers not in written
    assert not [d for d in diags if d.code.value == "field-dropped"], [d.message for d in diags]


def test_a_setting_with_a_value_is_still_said_lost() -> None:
    diags = Diagnostics()
    kiro = {**KIRO, "resources": ["file://AGENTS.md"], "mcpServers": {"x": {"command": "x"}}}
    agent = loads(json.dumps(kiro), path=".kiro/agents/host.json", diagnostics=diags)
    written = dumps(agent, "claude", diagnostics=diags)
    assert "mcpServers:\n- x:\n" in written
    dropped = [d.message for d in diags if d.code.value == "field-dropped"]
    assert dropped == ["claude has no place for extensions.kiro.resources; not written"]
