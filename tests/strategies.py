"""Hypothesis strategies for agents, with the hostile text real files and attackers contain."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from converter import Agent

#: fragments that break naive frontmatter, YAML, TOML and tag handling
HOSTILE = [
    "---", "\n---\n", "---\n", "'''", '"""', "]]>", "<tag>", "</tag>", "<example>", "key: value",
    "\r\n", "\r", "\t", "\U0001f600", "#", " #", ": ", "- ", "|", ">", "&a", "*a",
    "!!python/object",
    "\\n", "{", "}", "[", "]", "```", "~~~", "\n\n", " ", "null", "yes", "1.10", "2025-01-01",
    "\\", '"', "'", "\x00", "\x07", "\u2028", "\x85", "\ufeff", "%", "@", "`", "=", "+++",
]  # fmt: skip

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=12).map(
    "".join
)
names = st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), hostile_text)
#: keys the tools give meaning to (settings, MCP server fields), so hostile values reach the
#: code that reads them, not only the code that passes unknown keys through
SETTING_KEYS = [
    "mcpServers", "mcp_servers", "mcp-servers", "tools", "disallowedTools", "permission",
    "sandbox_mode", "readonly", "maxTurns", "max_turns", "steps", "effort", "background",
    "command", "args", "env", "url", "http_url", "type", "headers", "http_headers",
    "enabled", "disabled", "enabled_tools", "disabled_tools", "include_tools",
    "exclude_tools", "disabledTools", "bearer_token_env_var", "env_http_headers", "env_vars",
    "timeout", "tool_timeout_sec", "model", "groups",
]  # fmt: skip
keys = st.one_of(
    st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_-]{0,12}", fullmatch=True),
    hostile_text,
    st.sampled_from(SETTING_KEYS),
)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=12,
)
tool_lists = st.one_of(st.none(), st.lists(hostile_text, max_size=5).map(tuple))
models = st.one_of(
    st.none(), hostile_text, st.lists(hostile_text, min_size=1, max_size=3).map(tuple)
)


@st.composite
def agents(draw: st.DrawFn) -> Agent:
    """Any agent the model allows, with hostile text in every string."""
    return Agent(
        name=draw(names),
        description=draw(st.one_of(st.none(), hostile_text)),
        instructions=draw(hostile_text),
        model=draw(models),
        tools=draw(tool_lists),
        metadata=draw(st.dictionaries(keys, json_values, max_size=4)),
        extensions=draw(
            st.dictionaries(
                st.sampled_from(
                    [
                        "claude",
                        "opencode",
                        "copilot",
                        "codex",
                        "gemini",
                        "kiro",
                        "cursor",
                        "roo",
                        "x",
                    ]
                ),
                st.dictionaries(keys, json_values, min_size=1, max_size=3),
                max_size=3,
            )
        ),
    )
