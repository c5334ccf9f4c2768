"""A display name, where a tool shows one beside the name an agent is called by: a Roo mode's
`name` ("📝 Documentation Writer", its slug the name) is Gemini CLI's `display_name` (0.61's
localAgentSchema), both ways, not a key with no place."""

from __future__ import annotations

from converter import Diagnostics, dumps, loads
from converter.registry import ReadContext, default_registry

ROOMODES = (
    "customModes:\n  - slug: docs-writer\n    name: \U0001f4dd Documentation Writer\n"
    "    roleDefinition: You write documentation.\n    whenToUse: Docs changes.\n"
    "    groups: [read, edit]\n"
)


def test_a_roo_mode_s_display_name_is_gemini_cli_s_and_back() -> None:
    (agent,) = default_registry().get("roo").read_many(ROOMODES, ReadContext(path=".roomodes"))
    diags = Diagnostics(".roomodes")
    gemini = dumps(agent, format="gemini", diagnostics=diags)
    assert 'display_name: "\U0001f4dd Documentation Writer"' in gemini
    assert not [d for d in diags if d.code.value == "field-dropped"]
    back = loads(gemini, path=".gemini/agents/docs-writer.md")
    assert '  name: "\U0001f4dd Documentation Writer"\n' in dumps(back, format="roo")


def test_a_tool_without_display_names_still_says_it_lost() -> None:
    (agent,) = default_registry().get("roo").read_many(ROOMODES, ReadContext(path=".roomodes"))
    diags = Diagnostics(".roomodes")
    dumps(agent, format="claude", diagnostics=diags)
    assert any("extensions.roo.name" in d.message for d in diags if d.code.value == "field-dropped")
