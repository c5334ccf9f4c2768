"""OpenCode's mode files: 1.18.33 loads `.opencode/mode/*.md` (and `modes/`) as primary agents,
whatever their `mode` says (`opencode debug config`); a project walk found none of them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from converter import Diagnostics, dumps, load, loads
from converter.cli import build_app
from converter.diagnostics import Code
from tests.conftest import write_tree

PLANNER = (
    "---\ndescription: Plans without editing\ntools:\n  write: false\n  edit: false\n---\nPlan.\n"
)
REVIEWER = "---\ndescription: Reviews\nmode: subagent\n---\nReview.\n"
PRIMARY = "---\ndescription: Builds\nmode: primary # the main one\n---\nBuild.\n"


def _project(root: Path) -> Path:
    modes = {
        ".opencode/mode/planner.md": PLANNER,
        ".opencode/modes/reviewer.md": REVIEWER,
        ".opencode/mode/builder.md": PRIMARY,
    }
    return write_tree(root, modes)


def test_a_project_walk_finds_opencodes_mode_files(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        build_app(), ["convert", str(root), "--to", "claude", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output  # before: "no agent files found"
    assert sorted(p.name for p in (out / ".claude" / "agents").iterdir()) == [
        "builder.md", "planner.md", "reviewer.md",
    ]  # fmt: skip


def test_a_mode_file_is_a_primary_agent_and_stays_one_in_opencodes_agents(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    for name, folder in (("planner", "mode"), ("reviewer", "modes"), ("builder", "mode")):
        said = Diagnostics()
        agent = load(root / ".opencode" / folder / f"{name}.md", diagnostics=said)
        assert agent.provenance is not None and agent.provenance.format == "opencode"
        assert agent.extensions["opencode"]["mode"] == "primary"
        misread = [d for d in said if d.code is Code.TOOL_MISREADS]
        assert len(misread) == (name == "reviewer")
        # written as .opencode/agents/NAME.md, where a mode must be said to be primary
        out = dumps(agent, "opencode")
        assert "mode: primary" in out and "subagent" not in out
    builder = load(root / ".opencode" / "mode" / "builder.md")
    assert dumps(builder, "opencode") == PRIMARY  # said primary already: kept byte for byte


def test_a_description_of_another_kind_is_said_to_fail_the_whole_configuration() -> None:
    # OpenCode 1.18.33: "Configuration is invalid at .opencode/agents/x.md: Expected string |
    # undefined, got ["a"] description": no agent loads (seen with its loader)
    diags = Diagnostics()
    text = "---\nname: x\ndescription: [a]\n---\nBody.\n"
    loads(text, path=".opencode/agents/x.md", format="opencode", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "tool-cannot-read"]
    assert len(said) == 1 and "refuses its whole configuration" in said[0], said
