"""Any value under the keys tools give meaning to, in any tool's own file: read, then written
for every target and passing convert's self-check, or refused with a typed error; never an
internal error (`model: []` and Roo's `groups: [[false]]` were)."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import Diagnostics, loads
from converter.errors import ConverterError, InternalError
from converter.frontmatter.fix import fix_text
from converter.registry import default_registry
from formats import _toml_text as toml_text
from tests.strategies import SETTING_KEYS, json_values
from tests.test_targets import TARGETS, written_and_checked

SOURCES = {
    "claude": ".claude/agents/a.md",
    "gemini": ".gemini/agents/a.md",
    "copilot": ".github/agents/a.agent.md",
    "opencode": ".opencode/agents/a.md",
    "cursor": ".cursor/agents/a.md",
    "kiro": ".kiro/agents/a.json",
    "codex": ".codex/agents/a.toml",
    "roo": ".roomodes",
}


def _toml_safe(value: Any) -> Any:
    """TOML has no null: a value as TOML can say it."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return [_toml_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _toml_safe(v) for k, v in value.items()}
    return value


def _file(tool: str, values: dict[str, Any]) -> str:
    base = {"name": "a", "description": "d"}
    if tool == "kiro":
        return json.dumps({**base, "prompt": "p", **values})
    if tool == "codex":
        body = {**base, "developer_instructions": "p", **_toml_safe(values)}
        return "".join(f"{toml_text.key(k)} = {toml_text.value(v)}\n" for k, v in body.items())
    if tool == "roo":
        mode = {"slug": "a", "name": "A", "roleDefinition": "p", "groups": ["read"], **values}
        return yaml.safe_dump({"customModes": [mode]})
    return "---\n" + yaml.safe_dump({**base, **values}) + "---\np\n"


def _converts_or_is_refused(tool: str, values: dict[str, Any]) -> None:
    """Read the tool's file holding `values`, then write it for every target through the
    self-check; a typed refusal at either step is fine, an internal error is not."""
    try:
        agent = loads(_file(tool, values), path=SOURCES[tool])
    except InternalError:
        raise
    except ConverterError:
        return
    for target in TARGETS:
        written_and_checked(agent, target)
        # `validate --target` too (`mcpServers: 5` in a Claude Code agent failed it once)
        default_registry().get(target).validate(agent, Diagnostics())
    if tool not in ("kiro", "codex", "roo"):  # `fix` and `validate --for`: Markdown headers
        try:
            fix_text(_file(tool, values), ["claude", "copilot", "gemini", "opencode"])
        except InternalError:
            raise
        except ConverterError:
            pass


#: the shapes real files get wrong most: empty, nested one level too deep, of another kind
EDGES = st.sampled_from(
    [[], {}, "", 0, -1, True, None, [[]], [None], [False], [[False]], [{}], {"a": []}, ["*"]]
)


@settings(max_examples=max(500, settings.default.max_examples))  # `make fuzz`: its profile's
@given(
    tool=st.sampled_from(sorted(SOURCES)),
    values=st.dictionaries(
        st.sampled_from(SETTING_KEYS), st.one_of(EDGES, json_values), min_size=1, max_size=3
    ),
)
def test_any_setting_in_any_tools_file_converts_or_is_refused_with_a_reason(
    tool: str, values: dict[str, Any]
) -> None:
    _converts_or_is_refused(tool, values)


SERVER_KEYS = [
    "command", "args", "env", "url", "http_url", "type", "headers", "http_headers", "enabled",
    "disabled", "enabled_tools", "disabled_tools", "include_tools", "exclude_tools",
    "disabledTools", "tools", "bearer_token_env_var", "env_http_headers", "env_vars",
    "timeout", "tool_timeout_sec", "cwd",
]  # fmt: skip
SERVER_VALUES = st.one_of(
    EDGES,
    json_values,
    st.sampled_from(["${X}", "$X", "Bearer ${X}", "a${X}b", "https://x", "http", "sse", "local"]),
)
SERVERS_KEY = {"gemini": "mcp_servers", "codex": "mcp_servers", "copilot": "mcp-servers"}


@settings(max_examples=max(300, settings.default.max_examples))
@given(
    tool=st.sampled_from(sorted(SOURCES)),
    servers=st.dictionaries(
        st.sampled_from(["s", "t", "a_b"]),
        st.dictionaries(st.sampled_from(SERVER_KEYS), SERVER_VALUES, max_size=5),
        min_size=1,
        max_size=2,
    ),
    tools=st.sampled_from([None, ["Read", "mcp__s"], ["mcp__*"], ["read", "s/*"]]),
)
def test_any_mcp_server_shape_converts_or_is_refused_with_a_reason(
    tool: str, servers: dict[str, Any], tools: list[str] | None
) -> None:
    # a server's `type: [null]` crashed the Gemini target ("unhashable type: 'list'")
    values: dict[str, Any] = {SERVERS_KEY.get(tool, "mcpServers"): servers}
    if tools is not None and tool not in ("codex", "roo", "kiro"):
        values["tools"] = tools
    _converts_or_is_refused(tool, values)
