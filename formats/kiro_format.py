"""The `kiro` target: Kiro CLI / Amazon Q Developer CLI agents, `.kiro/agents/<name>.json`
(formats.md §6.1). `prompt` holds the instructions; `tools` uses Kiro's names (`fs_read`,
`fs_write`, `execute_bash`, `@server/tool`) and `*` for every tool; only documented keys.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import LimitError, OutputError, SourceSpan, ValidationError
from converter.model import FIELDS, Agent, Provenance
from converter.options import MAX_BYTES
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import hooks, own_file, scoped
from converter.targets.fields import left_out
from converter.targets.fields import shared as shared_fields
from converter.targets.server_values import own_servers
from formats import _json_text as json_text
from formats._referenced import project_root, read_referenced

_KEYS = (
    "$schema", "mcpServers", "toolAliases", "allowedTools", "toolsSettings", "resources", "hooks",
    "useLegacyMcpJson", "includeMcpJson", "keyboardShortcut", "welcomeMessage",
)  # fmt: skip
RULES = targets.TargetRules(tool="kiro", keys=_KEYS, required=("description",), strict=True)


#: the document's first key holds text (`{"name": "aws-helper", ...}`), not an object
_FIRST_VALUE_TEXT = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*:\s*"')
#: the agent schema's own address, which the documented agents start with ("$schema":
#: ".../amazon-q-developer-cli/.../schemas/agent-v1.json"; formats.md §6.1)
_KIRO_SCHEMA = re.compile(r'"\$schema"\s*:\s*"[^"]*(?:amazon-q-developer-cli|kiro)[^"]*"', re.I)
#: keys only a Kiro agent has: one without a prompt (optional to Kiro) is told by them
_KIRO_ONLY = re.compile(r'"(?:useLegacyMcpJson|includeMcpJson|toolsSettings|toolAliases)"\s*:')


class KiroFormat(Format):
    target_rules = RULES  # the tool's own keys (converter/targets/lifted.py)
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
        if not head.startswith("{"):
            return 0.0
        if _KIRO_SCHEMA.search(head):
            return 0.95
        kiro_keys = '"fs_' in head or '"execute_bash"' in head or '"mcpServers"' in head
        # one agent, its keys at the top (`claude --agents` nests agents one level down)
        flat = _FIRST_VALUE_TEXT.match(head) is not None and '"instructions"' not in head
        if '"prompt"' in head and (kiro_keys or flat):
            return 0.85
        if _KIRO_ONLY.search(head):
            return 0.85
        # Kiro CLI loads every object in its folder as an agent, the prompt optional (its
        # `default` agents often have none: a name, resources, hooks, servers): where the
        # file's folder names Kiro, that decides (0.3 and up); elsewhere an object without a
        # prompt is not told apart from other JSON by its content (below 0.5)
        return 0.4 if '"instructions"' not in head else 0.0

    def read(self, text: str, context: ReadContext) -> Agent:
        data, repeated = fields.parse_json_noting_repeats(
            text, context.path, max_depth=context.options.max_depth
        )
        _say_repeated(text, data, repeated, context.diagnostics)
        if not isinstance(data, dict):
            raise ValidationError(
                "a Kiro agent is a JSON object", span=SourceSpan(context.path, 1, 1)
            )
        _refuse_other_documents(data, context)
        hooks.say_unheard("kiro", "Kiro CLI", data.get("hooks"), context.diagnostics, None)
        diags = context.diagnostics
        name = targets.name_or_fallback(data.get("name"), context)
        tools: tuple[str, ...] | None = None
        if "tools" in data:
            listed = fields.tools_field(data["tools"], diags, None)
            tools = None if "*" in listed else targets.read_tools(listed, RULES)
        own = {k: v for k, v in data.items() if k in _KEYS}
        tools, own = scoped.read_back(self.name, tools, own)  # execute_bash held to commands
        metadata = {
            k: v
            for k, v in data.items()
            if k not in (*_KEYS, "name", "description", "prompt", "tools", "model")
        }
        for key in metadata:
            diags.add(Code.TARGET_RULE, f"kiro does not know {key!r}; kept in metadata", field=key)
        at = text.find('"prompt"')
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        prompt = _prompt(
            fields.text_field(data.get("prompt"), "prompt", diags, line) or "", context, line
        )
        agent = Agent(
            name=name,
            description=fields.text_field(data.get("description"), "description", diags, None),
            instructions=prompt,
            model=targets.read_model(data.get("model"), RULES, diags, None),
            tools=tools,
            metadata=fields.json_object(metadata, "metadata", context.path),
            extensions={"kiro": fields.json_object(own, "kiro", context.path)} if own else {},
        )
        # the file as read is written back while the agent is unchanged (its own tool names,
        # `read` or `fs_read`, and its key order kept); not when its prompt was a `file://`
        # reference or it holds keys Kiro does not know (written anew, they are left out)
        inline = isinstance(data.get("prompt"), str) and data["prompt"] == prompt
        provenance = Provenance(
            path=context.path,
            format=self.name,
            raw_header=text if inline and not metadata else None,
            header_snapshot=own_file.inputs(agent),
        )
        return replace(agent, provenance=provenance)

    def write(self, agent: Agent, context: WriteContext) -> str:
        said = Diagnostics(context.diagnostics.path)
        text = self._anew(agent, said)
        back = own_file.written_back(agent, self.name, context, said)
        return text if back is None else back

    def _anew(self, agent: Agent, diags: Diagnostics) -> str:
        taken = _taken_for_a_file(agent)
        if taken is not None:
            where = agent.provenance.path if agent.provenance else None
            line = agent.provenance.field_lines.get("instructions") if agent.provenance else None
            raise OutputError(
                taken,
                span=SourceSpan(where or "<agent>", line),
                hint="Kiro has no way to send such a prompt as text: reword its first line, or "
                "convert the Kiro agent that holds the reference itself",
            )
        out: dict[str, Any] = {
            "name": agent.name,
            "description": targets.description_or_derived(agent, RULES, diags),
        }
        out["prompt"] = agent.instructions
        # `Bash(git diff:*)`: execute_bash held to that command by its toolsSettings
        held, listed = scoped.settings(agent, self.name)
        names = targets.write_tools(replace(agent, tools=listed), RULES, diags)
        out["tools"] = ["*"] if names is None else names
        model = targets.write_model(agent, RULES, diags)
        if model is not None:
            out["model"] = model
        own = {k: own_servers("kiro", v, diags) if k == "mcpServers" else v
               for k, v in agent.extensions.get("kiro", {}).items() if k in _KEYS}  # fmt: skip
        own.update({k: v for k, v in shared_fields(agent, RULES, diags).items() if k not in own})
        for key, value in held.items():  # the agent's own settings of a tool win
            mine = own.get(key)
            own[key] = {**value, **mine} if isinstance(mine, dict) else value
        out.update(own)
        left_out(agent, RULES, diags, metadata=False)
        return json_text.dumps(out) + "\n"

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, RULES, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(agent, RULES, diagnostics, list(agent.metadata))
        taken = _taken_for_a_file(agent)
        if taken is not None:
            diagnostics.add(Code.TARGET_RULE, taken, field="instructions")


def _taken_for_a_file(agent: Agent) -> str | None:
    """Why Kiro would not send `agent`'s prompt as written: a `prompt` that begins with
    `file://` is the address of a file to Kiro (formats.md §6.1), whose text it sends to the
    model instead (`file:///home/me/.aws/credentials` would send that file). None for a
    Kiro agent's own reference, kept as its prompt when read (reading said so)."""
    prompt = agent.instructions
    if not prompt.startswith(_FILE_URI) or (agent.provenance and agent.provenance.format == "kiro"):
        return None
    first = prompt.split("\n", 1)[0]
    shown = first if len(first) <= 80 else first[:79] + "…"
    return (
        f"Kiro would take this agent's prompt for the address of a file ({shown!r}) and send "
        "that file's text to the model, not the prompt"
    )


#: the tool folders an agent's `file://` prompt may be read from (never the rest of the
#: project: a `.env` beside them is not the agent's)
_TOOL_FOLDERS = (".kiro", ".amazonq", "amazonq")
_FILE_URI = "file://"


def _prompt(prompt: str, context: ReadContext, line: int | None) -> str:
    """The prompt as Kiro reads it: `file://path` is that file's text, relative to the agent
    file (`~/` the home folder, `/` absolute; amazon-q-developer-cli's resolve_file_uri, which
    Kiro CLI kept: read as it is, not trimmed; a missing file fails the agent's load)."""
    if not prompt.startswith(_FILE_URI) or "\n" in prompt or len(prompt) == len(_FILE_URI):
        return prompt
    wanted = prompt[len(_FILE_URI) :]
    diags = context.diagnostics
    agent_path = context.path if os.path.isfile(context.path) else None
    root = project_root(context.path, _TOOL_FOLDERS, step_out=False) if agent_path else None
    shown_from = os.path.dirname(root) if root else None  # `.kiro/prompts/x.md`
    got = read_referenced(
        wanted, agent_path, root, max_bytes=MAX_BYTES, strict=True, shown_from=shown_from
    )
    where = SourceSpan(context.path, line)
    if got.status == "read":
        diags.add(
            Code.PROMPT_IN_FILE,
            f"the prompt is the text of {got.shown}, as Kiro reads it ({prompt!r})",
            field="instructions",
            severity=Severity.INFO,
        )
        return got.text
    if got.status in ("missing", "not-a-file", "unreadable"):
        why = {"missing": "does not exist", "not-a-file": "is not a file"}.get(
            got.status, f"cannot be read: {got.reason}"
        )
        raise ValidationError(
            f"the prompt {prompt!r} names {got.shown}, which {why}; Kiro does not load this agent",
            span=where,
        )
    if got.status == "too-big":
        raise LimitError(f"{prompt!r} names a file of more than {MAX_BYTES} bytes", span=where)
    # a reference kept as the prompt: written back to Kiro it works; any other tool would
    # get the reference as its prompt
    diags.add(
        Code.PROMPT_IN_FILE,
        f"Kiro reads this agent's prompt from {wanted!r}, "
        + (
            "and this agent was given without its path"
            if got.status == "no-path"
            else "outside the agent's tool folder; not read here (an agent from elsewhere could "
            "name any file of this machine)"
        )
        + ": the reference is kept as the prompt, so another tool gets the reference, not the "
        "text; put the file's text in 'prompt' to convert it",
        field="instructions",
    )
    return prompt


#: a Kiro agent has at least one of these at its top level (formats.md §6.1)
_AGENT_KEYS = frozenset({"name", "description", "prompt", "tools", "model", *_KEYS}) - {"$schema"}


def _say_repeated(
    text: str, data: Any, repeated: list[tuple[str, dict[str, Any]]], diags: Diagnostics
) -> None:
    """A key written twice: the last is read, as Python's json and serde's maps read it. At
    the top, Kiro CLI loads no agent from the file: its agent config is a struct read by
    serde (`#[derive(Deserialize)]`, `deny_unknown_fields`, `serde_json::from_slice::<Agent>`
    in Amazon Q Developer CLI's crates/chat-cli/src/cli/agent/mod.rs, which Kiro CLI
    continues), and serde refuses a field given twice ("duplicate field `prompt`")."""
    for key, where in repeated:
        spelled = re.escape(json.dumps(key, ensure_ascii=False))
        found = [m.start() for m in re.finditer(spelled + r"\s*:", text)]
        line = text.count("\n", 0, found[-1]) + 1 if found else None
        diags.add(
            Code.DUPLICATE_KEY,
            f"key {key!r} appears more than once; the last one is kept",
            line=line,
        )
        if where is data:
            diags.add(
                Code.TOOL_REFUSES,
                f"Kiro CLI loads no agent from this file: it gives {key!r} twice, and Kiro reads "
                "an agent's keys as fields, each once (serde: duplicate field)",
                line=line,
            )


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
