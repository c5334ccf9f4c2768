"""Who may start an agent, between GitHub Copilot and OpenCode: Copilot's
`disable-model-invocation: true` (the retired `infer: false`) is an agent only the user
starts, OpenCode's `mode: primary`; its `user-invocable: false` an agent only the model
starts, hidden from the user's picker, OpenCode's `hidden: true` subagent. Both went to the
other tool as nothing: a user-only Copilot agent became an OpenCode subagent, which only
the model or an `@` mention starts, and an OpenCode primary agent a Copilot agent the model
may start."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads


def _header(text: str, path: str, target: str) -> tuple[dict[str, object], list[str]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return yaml.safe_load(written.split("---\n")[1]), [d.message for d in diags]


def _copilot(keys: str) -> str:
    return f"---\nname: planner\ndescription: Plans.\n{keys}---\nPlan.\n"


def _opencode(keys: str) -> str:
    return f"---\ndescription: Plans.\n{keys}---\nPlan.\n"


COPILOT = ".github/agents/planner.agent.md"
OPENCODE = ".opencode/agents/planner.md"


@pytest.mark.parametrize(
    ("keys", "mode", "hidden"),
    [
        ("disable-model-invocation: true\n", "primary", None),
        ("infer: false\n", "primary", None),  # the retired spelling, which Copilot CLI reads
        ("user-invocable: false\n", "subagent", True),
        ("", "subagent", None),
        ("disable-model-invocation: false\nuser-invocable: true\n", "subagent", None),
    ],
)
def test_a_copilot_agent_is_started_in_opencode_by_whom_it_was(
    keys: str, mode: str, hidden: bool | None
) -> None:
    header, said = _header(_copilot(keys), COPILOT, "opencode")
    assert header["mode"] == mode and header.get("hidden") == hidden
    assert not [m for m in said if "no place" in m], said


@pytest.mark.parametrize(
    ("keys", "written"),
    [
        ("mode: primary\n", {"disable-model-invocation": True}),
        ("mode: subagent\nhidden: true\n", {"user-invocable": False}),
        ("mode: all\n", {}),  # either may start it: Copilot's default
        ("mode: subagent\n", {}),
    ],
)
def test_an_opencode_agent_is_started_in_copilot_by_whom_it_was(
    keys: str, written: dict[str, bool]
) -> None:
    header, said = _header(_opencode(keys), OPENCODE, "copilot")
    found = {k: header[k] for k in ("disable-model-invocation", "user-invocable") if k in header}
    assert found == written
    assert not [m for m in said if "no place" in m], said


def test_a_tool_with_no_such_setting_is_told_it_is_lost() -> None:
    _, said = _header(_opencode("mode: primary\n"), OPENCODE, "claude")
    assert any("extensions.opencode.mode" in m for m in said), said


@given(st.sampled_from(["mode: primary\n", "mode: all\n", "hidden: true\n", ""]))
def test_there_and_back_keeps_who_starts_it(keys: str) -> None:
    header, _ = _header(_opencode(keys), OPENCODE, "opencode")
    copilot = dumps(loads(_opencode(keys), path=OPENCODE), format="copilot")
    back, _ = _header(copilot, COPILOT, "opencode")
    # `mode: all` is Copilot's default, which comes back as a subagent
    assert back.get("hidden") == header.get("hidden")
    assert (back["mode"] == "primary") == (header.get("mode", "all") == "primary")
