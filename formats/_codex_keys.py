"""The keys Codex 0.171 takes in a role file, and the kind of value each takes; a private
helper of the `codex` target (formats/codex_format.py).

A role file is a layer of Codex's configuration: besides `name`, `description`,
`developer_instructions` and `nickname_candidates`, it takes the keys of `config.toml`'s top
level, and Codex ignores the whole role for any other key ("Ignoring malformed agent role
definition: ... unknown field `color`") or for a value of another kind ("invalid type:
string, expected a boolean"). Codex publishes no list of them: this one is what its own
loader takes, found by `conformance/codex_keys.py`, which offers `codex doctor` a role for
each field name of the binary's serde tables (11,811 names) and records which roles Codex
lists; `make conformance` checks the table against the tool again. The kinds are what the
loader says it expected; a table's own keys are not checked (Codex takes most of them as
they come), nor serde's rare spelling of a table as a list of all its fields in order.
"""

from __future__ import annotations


def _each(keys: str, kind: str) -> dict[str, str]:
    return dict.fromkeys(keys.split(), kind)


#: every key Codex 0.171 reads in a role file but `name`, `description`, `model` and
#: `developer_instructions` (formats/_codex_roles.py checks those), with its kind
#: (converter/targets/kinds.py); `u64`, `usize`: 0 up to TOML's largest integer
KINDS: dict[str, str] = {
    **_each(
        "apps_mcp_product_sku chatgpt_base_url compact_prompt default_permissions "
        "experimental_compact_prompt_file experimental_realtime_start_instructions "
        "experimental_realtime_webrtc_call_base_url experimental_realtime_ws_backend_prompt "
        "experimental_realtime_ws_base_url experimental_realtime_ws_model "
        "experimental_realtime_ws_startup_context experimental_thread_store_endpoint "
        "instructions js_repl_node_path log_dir "
        "mcp_oauth_callback_url model_catalog_json model_instructions_file model_provider "
        "openai_base_url oss_provider profile review_model service_tier sqlite_home",
        "text",
    ),
    **_each("model_reasoning_effort plan_mode_reasoning_effort", "non-empty-text"),
    **_each(
        "allow_login_shell allow_symlinked_codex_home check_for_update_on_startup daybreak "
        "disable_paste_burst experimental_use_unified_exec_tool hide_agent_reasoning "
        "include_apps_instructions include_collaboration_mode_instructions "
        "include_environment_context include_environment_context_time "
        "include_permissions_instructions show_raw_agent_reasoning "
        "suppress_unstable_features_warning",
        "boolean",
    ),
    **_each("model_auto_compact_token_limit model_context_window", "integer"),
    **_each(
        "background_terminal_max_timeout mcp_optional_startup_grace_ms project_doc_max_bytes "
        "thread_unload_delay_secs tool_output_token_limit",
        "integer-in 0 9223372036854775807",
    ),
    "mcp_oauth_callback_port": "integer-in 0 65535",
    "model_post_turn_compact_threshold_percent": "integer-in 0 255",
    **_each(
        "js_repl_node_module_dirs notify project_doc_fallback_filenames project_root_markers",
        "text-list",
    ),
    "nickname_candidates": "name-list",
    **_each(
        "agents analytics apps audio auto_review browser_use cloud code_mode computer_use "
        "desktop experimental_thread_store feedback ghost_snapshot goals hooks "
        "mcp_enterprise_managed_auth memories notice orchestrator otel permissions plugins "
        "realtime responses rollout_trace shell_environment_policy "
        "tools tui windows",
        "mapping",
    ),
    **_each("marketplaces mcp_servers model_providers profiles projects", "map-of-maps"),
    # serde also takes a table spelt as a list of its fields in order: an empty one where
    # every field has a default (`skills = []` loads; other such lists are not modelled)
    **_each("history sandbox_workspace_write skills tool_suggest", "mapping or empty-list"),
    "forced_chatgpt_workspace_id": "text or text-list",
    "features": "boolean-map",
    "responses_api_metadata": "text-map",
    "model_reasoning_summary": "one-of auto concise detailed none",
    "mcp_oauth_credentials_store": "one-of auto file keyring",
    "forced_login_method": "one-of chatgpt api",
    "web_search": "one-of disabled cached indexed live",
    "cli_auth_credentials_store": "one-of file keyring auto ephemeral",
    "model_verbosity": "one-of low medium high",
    "personality": "one-of none friendly pragmatic",
    "sandbox_mode": "one-of read-only workspace-write danger-full-access",
    "model_auto_compact_token_limit_scope": "one-of total body_after_prefix",
    "approval_policy": "one-of untrusted on-failure on-request granular never or granular-map",
    "approvals_reviewer": "one-of user auto_review guardian_subagent",
    "file_opener": "one-of vscode vscode-insiders windsurf cursor none",
}
