"""The `roo` target: Roo Code / Zoo Code custom modes, `.roomodes` (formats.md §8.1).

Roo reads only `<workspace>/.roomodes` (and its global settings): one YAML file holds every
mode of a project (`customModes: [...]`), so all the agents of a conversion are collected
into that one file, merged into the file already there: its other modes are kept. `slug`
is the name (`^[a-zA-Z0-9-]+$`); `whenToUse` is the routing description; the prompt is
`roleDefinition` (which must not be empty), then `customInstructions`; tools are `groups`
(`read`, `edit`, `command`, `mcp`, `modes`; @roo-code/types 1.115 checks them, one unknown
group rejects the whole file, and the deprecated `browser` group is removed).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics
from converter.errors import OutputError, ParseError, SourceSpan, ValidationError
from converter.frontmatter.cursor_lines import JS_SPACE
from converter.model import FIELDS, Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import models
from converter.targets.fields import left_out, refused, shared
from formats import _roo_groups as roo_groups
from formats import _roo_schema as roo_schema
from formats import _roomodes_text as roomodes_text

_KEYS = (
    "name",
    "description",
    "groups",
    "source",
    "allowedMcpServers",
    "inputs",
    "doneWhen",
    "iconName",
    "roleDefinition",
)
#: what Roo reads of a mode (@roo-code/types 1.115's modeConfigSchema), and its forks' keys
_READ = frozenset({"slug", "roleDefinition", "customInstructions", "whenToUse", *_KEYS})
RULES = targets.TargetRules(
    tool="roo",
    display="Roo",
    keys=_KEYS,
    name_pattern=r"[a-zA-Z0-9-]+",
    name_rule="letters, digits and hyphens",
    required=(),
    strict=True,
    # @roo-code/types 1.115 refuses the whole file for one such value
    key_types={"groups": "group-list", "name": "non-empty-text"},
)
_ALL_GROUPS, _DEPRECATED = roo_groups.ALL_GROUPS, roo_groups.DEPRECATED
#: what a mode file looks like, for a file that is not a mapping
_SHAPE = "a mode file looks like 'customModes:' and a list of '- slug: my-mode' entries"

_SEPARATOR = "\n\n"


class RooFormat(Format):
    target_rules = RULES  # the tool's own keys (converter/targets/lifted.py)
    name = "roo"
    aliases = ("roo-code", "zoo", "roomodes")
    filenames = (".roomodes", "custom_modes*.yaml", "*.roomodes")
    extension = ".roomodes"
    carries = frozenset(FIELDS) - {"metadata", "model"}
    summary = "Roo Code custom modes: .roomodes (many modes per file)"
    lossless = False
    layout = ".roomodes"
    collects = True  # every agent of a project goes into this one file (converter/io/batch.py)

    def sniff(self, text: str) -> float:
        head = text.lstrip()
        # YAML, or the JSON Roo also takes (formats.md §8.1)
        json_modes = head.startswith("{") and '"customModes"' in head[:200]
        return 0.9 if head.startswith("customModes:") or json_modes else 0.0

    def read_many(self, text: str, context: ReadContext) -> list[Agent]:
        # YAML only where a mode file is read or written (a `sync` with nothing changed)
        from converter.frontmatter import glued, yaml12

        if text.lstrip().startswith("{"):
            # JSON, which Roo also takes: read as JSON (PyYAML refuses the surrogate pair
            # escapes JSON writers give an emoji, `\ud83d\udcdd`; Roo's parser does not)
            pairs = roo_schema.KeyPairs(text)  # Roo's YAML parser refuses a key twice
            data: Any = fields.parse_json(
                text, context.path, max_depth=context.options.max_depth, object_pairs_hook=pairs
            )
            spelt, repeated = False, pairs.repeated()
        else:
            try:  # Roo's `yaml` 2.9.1 reads a value under a tag of no known type untagged
                data, notes = yaml12.load_mapping(
                    text, path=context.path, first_line=1, limits=context.options.limits,
                    local_tags=True,
                )  # fmt: skip
            except ParseError as error:  # told of a header: this whole file is the YAML
                raise roo_schema.as_mode_file_error(error, _SHAPE) from None
            spelt, repeated = bool(notes.numbers_kept), notes.duplicate_keys  # `name: 1.10`
            if (line := glued.glued_line(text)) is not None:  # `"a"#c`: "Comments must be
                context.diagnostics.add(  # separated from other tokens by white space"
                    Code.TOOL_REFUSES,
                    "Roo loads no mode of this file: a comment glued to the value before it "
                    "(its YAML parser wants a space before '#')",
                    line=line + 1,
                )
            for tag, line in notes.local_tags:  # (with a warning no user sees)
                said = f"Roo takes {tag!r} for a YAML tag and reads the value without it"
                context.diagnostics.add(Code.TOOL_MISREADS, said + "; quote it", line=line)
        modes = (data or {}).get("customModes") if isinstance(data, dict) else None
        if not isinstance(modes, list) or not all(isinstance(m, dict) for m in modes):
            raise ValidationError(
                "expected customModes: a list of modes", span=SourceSpan(context.path, 1, 1)
            )
        for why in roo_schema.refusals(modes, text if spelt else None, repeated):
            context.diagnostics.add(Code.TOOL_REFUSES, f"Roo loads no mode of this file: {why}")
        return [self._agent(mode, context) for mode in modes]

    def read(self, text: str, context: ReadContext) -> Agent:
        return targets.first_agent(self.read_many(text, context), "mode", context)

    def _agent(self, mode: dict[str, Any], context: ReadContext) -> Agent:
        diags = context.diagnostics
        slug = fields.text_field(mode.get("slug"), "slug", diags, None)
        if not slug:
            raise ValidationError("a mode has no slug", span=SourceSpan(context.path, 1, 1))
        role = "" if (given := mode.get("roleDefinition")) is None else str(given)  # no "None"
        custom = mode.get("customInstructions")
        own = {k: v for k, v in mode.items() if k in _KEYS and k != "roleDefinition"}
        instructions = role
        if isinstance(custom, str) and custom:
            # Both parts are prompt text; remember where roleDefinition ended, to split again.
            instructions = role + _SEPARATOR + custom
            own["roleDefinition"] = role
        if own.get("name") == slug.replace("-", " ").title():
            del own["name"]  # the default display name: nothing to remember
        groups = mode.get("groups")
        if (
            isinstance(groups, list)
            and all(isinstance(g, str) for g in groups)
            and len(set(groups)) == len(groups)
        ):
            own.pop("groups", None)  # plain groups are the tool list itself (a repeated one
            # is kept as written: Roo refuses it, and `validate` says so)
        tools = None
        if isinstance(groups, list):
            # a group is its name, or [name, options] (`["edit", {"fileRegex": ...}]`); an
            # entry of another shape names no group (Roo's schema refuses it: `validate`)
            names = [
                g if isinstance(g, str) else g[0]
                for g in groups
                if isinstance(g, str) or (isinstance(g, list) and g and isinstance(g[0], str))
            ]
            names = [n for n in names if n not in _DEPRECATED]
            tools = None if set(_ALL_GROUPS) <= set(names) else targets.read_tools(names, RULES)
        rules = _mode_rules(context.path, slug)
        if rules:
            diags.add(
                Code.PROMPT_IN_FILE,
                f"{slug}: Roo adds the instructions in {rules} to this mode's prompt; they are "
                "not read here (add them to customInstructions to convert them)",
                field="instructions",
            )
        # a key its mode schema lacks: @roo-code/types 1.115 strips it (the mode loads without
        # it, checked with its customModesSettingsSchema); kept, and said
        ignored = {k: v for k, v in mode.items() if k not in _READ}
        for key in ignored:
            diags.add(
                Code.TOOL_MISREADS,
                f"{slug}: Roo ignores the key {key!r} (its mode schema has none; the mode loads "
                "without it); kept in metadata",
                field=key,
            )
        agent = Agent(
            name=slug,
            description=fields.text_field(mode.get("whenToUse"), "whenToUse", diags, None),
            instructions=instructions,
            tools=tools,
            metadata=fields.json_object(ignored, "metadata", context.path) if ignored else {},
            extensions={"roo": fields.json_object(own, "roo", context.path)} if own else {},
        )
        return replace(agent, provenance=Provenance(path=context.path, format=self.name))

    def write(self, agent: Agent, context: WriteContext) -> str:
        diags = context.diagnostics
        own = {  # a value Roo refuses would refuse every mode of the file: left out, said
            k: v
            for k, v in agent.extensions.get("roo", {}).items()
            if not refused(RULES, k, v, diags)
        }
        own = shared(agent, RULES, diags) | own  # another tool's display name (Gemini CLI's)
        role, custom = agent.instructions, None
        kept = own.pop("roleDefinition", None)
        if isinstance(kept, str) and agent.instructions.startswith(kept + _SEPARATOR):
            role, custom = kept, agent.instructions[len(kept) + len(_SEPARATOR) :]
        slug = targets.safe_name(agent.name, RULES, diags)
        mode: dict[str, Any] = {
            "slug": slug,
            # the display name: the agent's own name where the slug had to change it
            # ("Workshop TA", not "Workshop Ta")
            "name": own.pop(
                "name", agent.name if slug != agent.name else slug.replace("-", " ").title()
            ),
        }
        if "description" in own:
            mode["description"] = own.pop("description")
        # Roo refuses an empty roleDefinition; one blank as JavaScript trims (U+001F is not)
        if not role.strip(JS_SPACE):
            diags.add(
                Code.VALUE_DERIVED,
                "Roo needs a role definition; the description is written as it",
                field="instructions",
            )
            role = agent.description or agent.name
        mode["roleDefinition"] = role
        description = targets.description_or_derived(agent, RULES, diags)
        if description is not None:
            mode["whenToUse"] = description
        mode["groups"] = roo_groups.groups(agent, own.pop("groups", None), RULES, diags)
        if custom is not None:
            mode["customInstructions"] = custom
        mode.update({k: v for k, v in own.items() if k in _KEYS})
        if agent.model is not None and not (
            isinstance(agent.model, str) and models.is_inherit(agent.model)
        ):  # `inherit` is the default everywhere: leaving it out loses nothing
            diags.add(
                Code.FIELD_DROPPED,
                f"roo modes have no model field; {agent.model!r} is not written",
                field="model",
            )
        left_out(agent, RULES, diags, metadata=False)
        from converter.frontmatter import yaml12

        return yaml12.dump_mapping({"customModes": [mode]})

    @staticmethod
    def combine(
        outputs: list[str],
        existing: str | None,
        *,
        replace: bool,
        remove: frozenset[str] = frozenset(),
        refused: list[str] | None = None,
    ) -> str:
        """One `.roomodes` holding the modes of `outputs`, merged into `existing`: its
        other modes stay where they are, a mode of the same slug is replaced only with
        `replace` (--force), the modes named in `remove` are taken out. What Roo refuses in
        the file (so in every mode of it) goes to `refused`.

        Raises:
            OutputError: a mode of the same slug exists, and not `replace`.
        """
        if not existing:
            joined = _joined(outputs)
            if joined is not None:
                return joined
        from converter.frontmatter import yaml12

        load = roomodes_text.loader()
        modes = roomodes_text.modes_in(existing, load) if existing else []
        place = {m.get("slug"): n for n, m in enumerate(modes) if isinstance(m, dict)}
        removed = {place[slug] for slug in remove if slug in place}
        first_new = len(modes)
        texts: dict[int, str] = {}  # our one-mode text of each mode written, by position
        for text in outputs:
            found = load(text)["customModes"]
            for mode in found:
                slot = place.get(mode["slug"])
                if slot is None:
                    slot = place[mode["slug"]] = len(modes)
                    modes.append(mode)
                elif replace:
                    modes[slot] = mode
                else:
                    raise OutputError(
                        f".roomodes already has a mode {mode['slug']!r}; not replaced",
                        hint="use --force to replace the modes agentmorph writes",
                    )
                texts[slot] = text if len(found) == 1 else ""
        modes = [mode for n, mode in enumerate(modes) if n not in removed]
        if refused is not None:
            refused += roo_schema.written_into(modes)
        if existing and all(texts.values()):
            kept = roomodes_text.kept_text(existing, first_new, texts, removed, modes, load)
            if kept is not None:
                return kept
        return yaml12.dump_mapping({"customModes": modes})

    @staticmethod
    def parts_of(text: str) -> dict[str, str]:
        """Each mode's slug in a `.roomodes`, and a hash of what it holds (key order and
        layout aside): what `sync` wrote for a mode can be told from an edit of it."""
        import hashlib
        import json

        return {
            str(mode["slug"]): hashlib.sha256(
                json.dumps(mode, sort_keys=True, ensure_ascii=False).encode()
            ).hexdigest()
            for mode in roomodes_text.modes_in(text, roomodes_text.loader())
            if isinstance(mode, dict) and "slug" in mode
        }

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, RULES, None)

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        targets.validate(roo_schema.as_checked(agent), RULES, diagnostics)
        role = agent.extensions.get("roo", {}).get("roleDefinition", agent.instructions)
        of_its_own = agent.provenance is not None and agent.provenance.format == self.name
        if not role and not of_its_own:  # a mode file's own is said on reading (_roo_schema)
            # @roo-code/types: "Role definition is required" (at least one character)
            diagnostics.add(
                Code.TARGET_RULE,
                f"Roo refuses the mode {agent.name!r} (and the whole file): its roleDefinition "
                "is empty",
                field="roleDefinition",
            )


_ONE_MODE = re.compile(r"customModes:\n- slug: ([A-Za-z0-9-]+)\n")
#: a block scalar's header as libyaml writes it: style, indentation digit, chomping
_BLOCK = re.compile(r": [|>][1-9]?[+-]?\n")


#: libyaml's escape of a character beyond U+FFFF, or text that looks like one
_ASTRAL_ESCAPE = re.compile(r"\\U(?:000[1-9A-F]|0010)")


def _joined(outputs: list[str]) -> str | None:
    """Our own one-mode outputs joined as one list without parsing them again (a thousand
    modes would take seconds through YAML); None when a part is not such an output or two
    share a slug (the general path then says which). tests/test_targets.py checks that the
    result equals the parsed-and-dumped one."""
    slugs = set()
    modes = []
    ended = False
    for text in outputs:
        found = _ONE_MODE.match(text)
        if found is None or "\n- " in text[found.end() :] or found[1] in slugs:
            return None
        if _ASTRAL_ESCAPE.search(text):
            # an emoji left as libyaml's escape (its mode holds a literal "\\U..." that the
            # unescaping would change: converter/frontmatter/yaml12.py): the whole list
            # decides that once, so the general path writes it
            return None
        slugs.add(found[1])
        body = text[len("customModes:\n") :]
        # libyaml ends a document whose last block scalar keeps its final newlines (`|+`)
        # with `...` (its emitter's open_ended; the next block scalar clears it). Inside the
        # joined file that mark would end the YAML there: it goes at the end only, where
        # dumping the whole list writes it.
        if body.endswith("\n...\n"):
            body, ended = body[: -len("...\n")], True
        elif _BLOCK.search(body):
            ended = False
        modes.append(body)
    return "customModes:\n" + "".join(modes) + ("...\n" if ended else "")


def _mode_rules(path: str, slug: str) -> str | None:
    """Where a project's `.roomodes` has instructions Roo adds to the mode `slug`: the
    folder `.roo/rules-<slug>/` beside it (its files), else the file `.roorules-<slug>`
    (Roo's docs, "Custom Instructions": mode-specific rules); None when it has none."""
    import os

    if os.path.basename(path) != ".roomodes" or not os.path.isfile(path):
        return None
    root = os.path.dirname(path)
    folder = os.path.join(".roo", f"rules-{slug}")
    if os.path.isdir(os.path.join(root, folder)):
        count = sum(len(files) for _, _, files in os.walk(os.path.join(root, folder)))
        if count:
            return f"{folder}/ ({count} file{'s' if count != 1 else ''})"
    legacy = f".roorules-{slug}"
    return legacy if os.path.isfile(os.path.join(root, legacy)) else None
