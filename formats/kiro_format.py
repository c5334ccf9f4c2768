"""The `kiro` target: Kiro CLI / Amazon Q Developer CLI agents, `.kiro/agents/<name>.json`
(formats.md §6.1). `prompt` holds the instructions; `tools` uses Kiro's names (`fs_read`,
`fs_write`, `execute_bash`, `@server/tool`) and `*` for every tool; only documented keys.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets.fields import left_out
from converter.targets.fields import shared as shared_fields

_KEYS = (
    "$schema", "mcpServers", "toolAliases", "allowedTools", "toolsSettings", "resources", "hooks",
    "useLegacyMcpJson", "includeMcpJson", "keyboardShortcut", "welcomeMessage",
)  # fmt: skip
RULES = targets.TargetRules(tool="kiro", keys=_KEYS, required=("description",), strict=True)


#: the document's first key holds text (`{"name": "aws-helper", ...}`), not an object
_FIRST_VALUE_TEXT = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*:\s*"')


class KiroFormat(Format):
    name = "kiro"
    aliases = ("kiro-cli", "amazon-q", "q-cli")
    filenames = (".kiro/agents/*.json", ".amazonq/cli-agents/*.json")
    extension = ".json"
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "Kiro CLI / Amazon Q CLI agent: .kiro/agents/NAME.json (prompt, fs_read...)"
    lossless = False
    layout = ".kiro/agents/{name}.json"

    def sniff(self, text: str) -> float:
        head = text.lstrip()[:4000]
        kiro_keys = '"fs_' in head or '"execute_bash"' in head or '"mcpServers"' in head
        # one agent, its keys at the top (`claude --agents` nests agents one level down)
        flat = _FIRST_VALUE_TEXT.match(head) is not None and '"instructions"' not in head
        return 0.85 if head.startswith("{") and '"prompt"' in head and (kiro_keys or flat) else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        data = fields.parse_json(text, context.path, max_depth=context.options.max_depth)
        if not isinstance(data, dict):
            raise ValidationError(
                "a Kiro agent is a JSON object", span=SourceSpan(context.path, 1, 1)
            )
        _refuse_other_documents(data, context)
        diags = context.diagnostics
        name = targets.name_or_fallback(data.get("name"), context)
        tools: tuple[str, ...] | None = None
        if "tools" in data:
            listed = fields.tools_field(data["tools"], diags, None)
            tools = None if "*" in listed else targets.read_tools(listed, RULES)
        own = {k: v for k, v in data.items() if k in _KEYS}
        metadata = {
            k: v
            for k, v in data.items()
            if k not in (*_KEYS, "name", "description", "prompt", "tools", "model")
        }
        for key in metadata:
            diags.add(Code.TARGET_RULE, f"kiro does not know {key!r}; kept in metadata", field=key)
        prompt = str(data.get("prompt", ""))
        if prompt.startswith("file://") and "\n" not in prompt:
            # Kiro reads the prompt from that file, relative to the agent file (formats.md
            # §6.1). A reader gets only this text, so the reference stays the prompt: written
            # back to Kiro it works; any other tool would get the reference as its prompt.
            diags.add(
                Code.PROMPT_IN_FILE,
                f"Kiro reads this agent's prompt from the file {prompt[len('file://') :]!r}; "
                "the reference is kept as the prompt, so another tool gets the reference, not "
                "the text: put the file's text in 'prompt' to convert it",
                field="instructions",
            )
        agent = Agent(
            name=name,
            description=fields.text_field(data.get("description"), "description", diags, None),
            instructions=prompt,
            model=targets.read_model(fields.model_field(data.get("model"), diags, None), RULES),
            tools=tools,
            metadata=fields.json_object(metadata, "metadata", context.path),
            extensions={"kiro": fields.json_object(own, "kiro", context.path)} if own else {},
        )
        return replace(agent, provenance=Provenance(path=context.path, format=self.name))

    def write(self, agent: Agent, context: WriteContext) -> str:
        diags = context.diagnostics
        out: dict[str, Any] = {
            "name": agent.name,
            "description": targets.description_or_derived(agent, RULES, diags),
        }
        out["prompt"] = agent.instructions
        names = targets.write_tools(agent, RULES, diags)
        out["tools"] = ["*"] if names is None else names
        model = targets.write_model(agent, RULES, diags)
        if model is not None:
            out["model"] = model
        own = {k: v for k, v in agent.extensions.get("kiro", {}).items() if k in _KEYS}
        own.update({k: v for k, v in shared_fields(agent, RULES, diags).items() if k not in own})
        out.update(own)
        left_out(agent, RULES, diags, metadata=False)
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, RULES, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(agent, RULES, diagnostics, list(agent.metadata))


#: a Kiro agent has at least one of these at its top level (formats.md §6.1)
_AGENT_KEYS = frozenset({"name", "description", "prompt", "tools", "model", *_KEYS}) - {"$schema"}


def _refuse_other_documents(data: dict[str, Any], context: ReadContext) -> None:
    """A JSON object with none of an agent's keys is some other tool's file (opencode.json
    holds agents under `agent`): read as an agent it would be one with no prompt."""
    if _AGENT_KEYS & data.keys():
        return
    opencode = "opencode" in str(data.get("$schema", "")) or isinstance(data.get("agent"), dict)
    raise ValidationError(
        "this is an OpenCode configuration, not a Kiro agent"
        if opencode
        else "this JSON object has none of an agent's keys (name, description, prompt, tools)",
        span=SourceSpan(context.path, 1, 1),
        hint="read its agents (under 'agent') with --from opencode"
        if opencode
        else "name its format with --from, e.g. --from json (see 'agentmorph formats')",
    )
