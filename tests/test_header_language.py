"""A header opened by dashes and a language (`---yaml`, `---json`): gray-matter's, which
OpenCode 1.18.33 reads and no other tool does (converter/frontmatter/split.py, Tagged; each
seen with its loader: Claude Code 2.1.332 and Gemini CLI 0.61.0 load no agent, Copilot CLI
1.0.102 calls the header malformed, OpenCode runs a `---js` header as JavaScript)."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import Diagnostics, dumps, loads
from converter.frontmatter import loaders
from converter.frontmatter.fix import fix_text
from converter.frontmatter.gray_matter import language_tag

BODY = "description: Reviews schema changes\nmode: subagent\n---\nCheck every migration.\n"
OPENCODE = ".opencode/agent/schema-reviewer.md"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("---yaml\n", "yaml"),
        ("--- YAML \r\n", "YAML"),
        ("---json\n", "json"),
        ("---\n", None),  # the plain fence
        ("--- \n", None),  # blanks only: no language
        ("----\n", None),  # a fourth dash: no header at all (gray-matter)
        ("---yaml", None),  # no line after it
        ("text\n", None),
    ],
)
def test_the_language_is_the_rest_of_the_first_line(text: str, language: str | None) -> None:
    tagged = language_tag(text)
    assert (tagged.language if tagged else None) == language


@pytest.mark.parametrize("first", ["---yaml", "--- yml ", "---YAML"])
def test_opencode_reads_a_yaml_header_so_tagged_and_says_no_other_tool_does(first: str) -> None:
    text = f"{first}\n{BODY}"
    diags = Diagnostics()
    agent = loads(text, format="opencode", path=OPENCODE, diagnostics=diags)
    assert agent.description == "Reviews schema changes"
    assert agent.instructions == "Check every migration.\n"
    said = [d.message for d in diags if d.code.value == "target-rule"]
    assert all(d.severity.value == "info" for d in diags if d.code.value == "target-rule")
    assert said and repr(first) in said[0] and "'agentmorph fix' writes '---'" in said[0]
    assert dumps(agent, "opencode") == text  # its own file written back as it was


def test_opencode_reads_a_json_header_json_parse_takes_and_no_other() -> None:
    header = '{"description": "Reviews schema changes", "mode": "subagent"}'
    agent = loads(f"---json\n{header}\n---\nCheck.\n", format="opencode", path=OPENCODE)
    assert agent.description == "Reviews schema changes"
    # JSON.parse refuses a trailing comma: OpenCode takes the whole file for the prompt
    broken = '---json\n{"description": "Reviews", "mode": "subagent",}\n---\nCheck.\n'
    diags = Diagnostics()
    agent = loads(broken, format="opencode", path=OPENCODE, diagnostics=diags)
    assert agent.description is None and agent.instructions == broken
    assert any(d.code.value == "no-frontmatter" for d in diags)


@pytest.mark.parametrize(
    ("first", "said"),
    [
        ("---js", "as JavaScript"),  # OpenCode runs it; here it is not run
        ("---Js", "as JavaScript"),  # an alias: looked up in lower case
        ("---toml", "write '---' alone on the first line"),  # no engine: the whole file
        ("---JSON", "write '---' alone on the first line"),  # `json` is no alias: none
    ],
)
def test_a_header_in_another_language_is_the_prompt_and_said(first: str, said: str) -> None:
    text = f"{first}\n{{description: 'x'}}\n---\nCheck.\n"
    diags = Diagnostics()
    agent = loads(text, format="opencode", path=OPENCODE, diagnostics=diags)
    assert agent.instructions == text
    (note,) = [d.message for d in diags if d.code.value == "no-frontmatter"]
    assert said in note


def test_every_other_tool_takes_the_whole_file_for_the_prompt_and_fix_writes_dashes() -> None:
    text = f"---yaml\nname: schema-reviewer\n{BODY}"
    diags = Diagnostics()
    agent = loads(
        text, format="claude", path=".claude/agents/schema-reviewer.md", diagnostics=diags
    )
    assert agent.instructions == text
    (note,) = [d.message for d in diags if d.code.value == "no-frontmatter"]
    assert "only OpenCode reads a language after the dashes" in note
    fixed = fix_text(text, loaders.YAML_LOADERS, path="schema-reviewer.md")
    assert fixed.text == "---\n" + text.split("\n", 1)[1]
    assert fixed.keys[0] == "the header's first line"
    assert "opencode" not in {r.loader.key for r in fixed.readings}  # it reads it already
    assert fix_text(text, ["opencode"], path="schema-reviewer.md").text is None
    crlf = text.replace("\n", "\r\n")
    assert (
        fix_text(crlf, ["claude"], path="a.md", crlf=True).text
        == "---\r\n" + crlf.split("\r\n", 1)[1]
    )


def test_a_folder_walk_converts_an_opencode_agent_so_tagged(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from converter.cli import build_app

    folder = tmp_path / ".opencode" / "agent"
    folder.mkdir(parents=True)
    (folder / "schema-reviewer.md").write_text(f"---yaml\n{BODY}")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        build_app(), ["convert", str(folder), "--to", "json", "-o", f"{out}/"]
    )
    assert result.exit_code == 0, result.output
    written = (out / "schema-reviewer.json").read_text()
    assert '"description": "Reviews schema changes"' in written


def test_a_json_header_nested_past_the_stack_is_refused_with_its_line() -> None:
    from converter.errors import LimitError

    deep = "---json\n" + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "\n---\nbody\n"
    with pytest.raises(LimitError, match="nested deeper"):
        loads(deep, format="opencode", path=OPENCODE)
