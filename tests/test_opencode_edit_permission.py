"""OpenCode governs writing, editing and patching files by one permission, `edit`: we read an
OpenCode agent's `permission` and `tools` as OpenCode 1.18.33 does, and say where that is not
what the keys say (recorded cases: fixtures/conformance/opencode/, judged by running the
tool with `opencode debug agent NAME --tool write`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.targets.rules import denied_tools

PATH = ".opencode/agents/reviewer.md"


def _agent(header: str) -> str:
    return f"---\ndescription: Reviews.\nmode: subagent\n{header}---\nReview.\n"


def _convert(text: str, target: str = "claude") -> tuple[str, list[tuple[str, str]]]:
    diags = Diagnostics(PATH)
    written = dumps(loads(text, path=PATH, diagnostics=diags), format=target, diagnostics=diags)
    return written, [(d.code.value, d.message) for d in diags]


def _misreads(said: list[tuple[str, str]]) -> list[str]:
    return [message for code, message in said if code == "tool-misreads"]


def _denied(written: str) -> str:
    lines = [line for line in written.splitlines() if line.startswith("disallowedTools:")]
    return lines[0].split(":", 1)[1].strip() if lines else ""


@pytest.mark.parametrize("key", ["write", "patch", "apply_patch", "multiedit"])
def test_a_permission_key_opencode_asks_no_tool_for_takes_nothing_away(key: str) -> None:
    # OpenCode 1.18.33 asks `edit` for its write and apply_patch tools: `write: deny` left the
    # agent writing files there (`opencode debug agent x --tool write`: "Wrote file
    # successfully."), where Claude Code's agent was given `disallowedTools: Write`
    written, said = _convert(_agent(f"permission:\n  {key}: deny\n"))
    assert _denied(written) == ""
    (misread,) = _misreads(said)
    assert f"'{key}: deny'" in misread and "'edit'" in misread


def test_a_restricting_map_that_allows_write_gives_no_write_tool() -> None:
    text = _agent("permission:\n  '*': deny\n  read: allow\n  write: allow\n")
    written, said = _convert(text)
    assert "tools: Read\n" in written
    assert any("'write: allow'" in m for m in _misreads(said))


def test_a_write_switch_turns_edit_off_as_opencode_does_and_is_said() -> None:
    # OpenCode turns `tools: {write: false}` into `edit: deny` (`opencode debug config`): its
    # agent has no edit tool either, where Claude Code's kept Edit
    written, said = _convert(_agent("tools:\n  write: false\n"))
    assert _denied(written) == "Write, Edit"
    (misread,) = _misreads(said)
    assert "write: false" in misread and "edit: deny" in misread


@pytest.mark.parametrize(
    ("switches", "denied"),
    [("edit: true\n  write: false\n", "Write, Edit"), ("write: false\n  edit: true\n", "")],
)
def test_the_last_switch_of_the_edit_family_decides(switches: str, denied: str) -> None:
    written, said = _convert(_agent(f"tools:\n  {switches}"))
    assert _denied(written) == denied
    assert _misreads(said)


def test_an_edit_switch_alone_is_every_file_change_and_not_said() -> None:
    # `edit` governs writing and patching too, as OpenCode's documentation says
    written, said = _convert(_agent("tools:\n  edit: false\n  bash: false\n"))
    assert _denied(written) == "Write, Edit, Bash"
    assert not _misreads(said)


def test_the_permission_map_decides_over_a_switch() -> None:
    # `permission: {edit: allow}` wins over `tools: {write: false}`, before or after it
    for header in (
        "tools:\n  write: false\npermission:\n  edit: allow\n",
        "permission:\n  edit: allow\ntools:\n  write: false\n",
    ):
        written, said = _convert(_agent(header))
        assert _denied(written) == "", header
        assert any("'permission'" in m for m in _misreads(said)), header


def test_switches_that_turn_every_tool_off_but_write_give_edit_too() -> None:
    text = _agent("tools:\n  '*': false\n  read: true\n  write: true\n")
    written, _ = _convert(text)
    assert "tools: Read, Write, Edit\n" in written


@pytest.mark.parametrize(
    "header",
    [
        "permission:\n  write: deny\n",
        "tools:\n  write: false\n",
        "tools:\n  edit: true\n  write: false\n",
        "tools:\n  write: false\npermission:\n  edit: allow\n",
    ],
)
def test_opencode_gets_back_what_its_author_wrote(header: str) -> None:
    written, _ = _convert(_agent(header), "opencode")
    assert header.splitlines()[0] in written.splitlines()
    for line in header.splitlines()[1:]:
        assert line in written.splitlines(), (header, written)


def test_rules_before_a_deny_of_everything_are_denied_with_the_rest() -> None:
    # OpenCode takes the last rule that matches: `read: allow` then `"*": deny` leaves the
    # agent no read tool (`opencode debug agent x --tool read`: "Tool read is disabled")
    agent = loads(_agent("permission:\n  read: allow\n  '*': deny\n  grep: allow\n"), path=PATH)
    assert agent.tools == ("Grep",)
    _, said = _convert(_agent("permission:\n  read: allow\n  '*': deny\n  grep: allow\n"))
    assert any("'read'" in m and "last rule" in m for m in _misreads(said))
    # a switch comes before the map's own rules: `"*": deny` there denies it too
    text = _agent("tools:\n  bash: true\npermission:\n  '*': deny\n  read: allow\n")
    assert loads(text, path=PATH).tools == ("Read",)


_CLAUDE = {"write": "Write", "edit": "Edit", "read": "Read", "bash": "Bash"}
_SWITCHES = st.dictionaries(
    st.sampled_from(["write", "edit", "patch", "read", "bash", "*"]), st.booleans(), max_size=4
)
_RULES = st.dictionaries(
    st.sampled_from(["write", "edit", "patch", "apply_patch", "read", "bash", "*"]),
    st.sampled_from(["allow", "deny", "ask"]),
    max_size=5,
)


def _opencode_gives(switches: dict[str, bool], rules: dict[str, str]) -> dict[str, bool]:
    """OpenCode 1.18.33's own reading, written again from its code: switches become rules
    (write, patch and edit the one `edit`), `permission` laid over them key by key; a tool asks
    its permission (write and edit ask `edit`), and the last rule that matches decides."""
    built: dict[str, str] = {}
    for name, on in switches.items():
        built["edit" if name in ("write", "patch") else name] = "allow" if on else "deny"
    built.update(rules)
    gives = {}
    for tool in _CLAUDE:
        asked = "edit" if tool in ("write", "edit") else tool
        matching = [action for key, action in built.items() if key in ("*", asked)]
        gives[tool] = not matching or matching[-1] != "deny"
    return gives


@given(_SWITCHES, _RULES)
def test_the_tools_read_are_the_tools_opencode_gives(
    switches: dict[str, bool], rules: dict[str, str]
) -> None:
    header = ""
    if switches:
        header += "tools:\n" + "".join(f"  '{k}': {str(v).lower()}\n" for k, v in switches.items())
    if rules:
        header += "permission:\n" + "".join(f"  '{k}': {v}\n" for k, v in rules.items())
    agent = loads(_agent(header), path=PATH)
    denied = set(denied_tools(agent, "claude"))
    for tool, gives in _opencode_gives(switches, rules).items():
        name = _CLAUDE[tool]
        has = (agent.tools is None or name in agent.tools) and name not in denied
        assert has == gives, (tool, header, agent.tools, denied)
    # and OpenCode gets back what was written
    assert loads(dumps(agent, "opencode"), path=PATH) == agent


def test_a_pattern_limit_before_a_grant_of_everything_is_no_limit() -> None:
    # `bash: {"git push": deny}` then `"*": allow`: the last rule that matches decides, so
    # OpenCode runs `git push` too; the limit was said as lost elsewhere, though there is none
    text = _agent("permission:\n  bash:\n    'git push': deny\n  '*': allow\n")
    _, said = _convert(text)
    assert not [m for code, m in said if code == "tools-widened"]
    after = _agent("permission:\n  '*': allow\n  bash:\n    'git push': deny\n")
    _, said = _convert(after)
    assert [m for code, m in said if code == "tools-widened" and "git push" in m]
    (misread,) = _misreads(_convert(text)[1])
    assert "'bash'" in misread and "last rule" in misread
