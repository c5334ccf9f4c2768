"""Modes put into a `.roomodes` already there keep the file's own text: a team's comments,
quoting and order (the whole file was written anew, comments gone, `name: "📝 Docs"`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from converter.cli import build_app

HAND_KEPT = """# Team modes: keep alphabetical
customModes:
  - slug: reviewer   # ours
    name: Old Reviewer
    roleDefinition: |
      Old text.
      # a heading of the old prompt
    groups: [read]

  # the writer, by hand
  - slug: docs-writer
    name: 📝 Docs Writer
    roleDefinition: You write docs.
    groups:
      - read
      - - edit
        - fileRegex: \\.md$
          description: Markdown only
"""
AGENT = "---\nname: {name}\ndescription: Does {name}.\ntools: Read\n---\nDo it.\n\n  Indented.\n"


def _convert(tmp_path: Path, name: str, *extra: str) -> str:
    source = tmp_path / f"{name}.md"
    source.write_text(AGENT.format(name=name))
    result = CliRunner().invoke(
        build_app(),
        ["convert", str(source), "--to", "roo", "-o", str(tmp_path / ".roomodes"), *extra],
    )
    assert result.exit_code == 0, result.stderr
    return (tmp_path / ".roomodes").read_text()


def _modes(text: str) -> list[dict[str, object]]:
    return yaml.safe_load(text)["customModes"]


def test_a_new_mode_is_added_after_the_files_own_text(tmp_path: Path) -> None:
    (tmp_path / ".roomodes").write_text(HAND_KEPT)
    text = _convert(tmp_path, "tester")
    assert text.startswith(HAND_KEPT)
    assert [m["slug"] for m in _modes(text)] == ["reviewer", "docs-writer", "tester"]
    assert _modes(text)[2]["roleDefinition"] == "Do it.\n\n  Indented.\n"


def test_a_replaced_mode_takes_its_place_and_the_rest_stays(tmp_path: Path) -> None:
    (tmp_path / ".roomodes").write_text(HAND_KEPT)
    text = _convert(tmp_path, "reviewer", "--force")
    assert text.startswith("# Team modes: keep alphabetical\ncustomModes:\n  - slug: reviewer\n")
    assert text.endswith(HAND_KEPT[HAND_KEPT.index("\n  # the writer") :])
    assert "Old text" not in text and "heading of the old prompt" not in text
    modes = _modes(text)
    assert [m["slug"] for m in modes] == ["reviewer", "docs-writer"]
    assert modes[0]["whenToUse"] == "Does reviewer."


def test_a_json_file_stays_json(tmp_path: Path) -> None:
    (tmp_path / ".roomodes").write_text(json.dumps({"customModes": [_modes(HAND_KEPT)[1]]}))
    text = _convert(tmp_path, "tester")
    assert [m["slug"] for m in json.loads(text)["customModes"]] == ["docs-writer", "tester"]


@pytest.mark.parametrize(
    "existing",
    [
        "customModes: []\n",
        "customModes:\n- slug: a\n  name: A\n  roleDefinition: x\n  groups: [read]\nother: 1\n",
    ],
)
def test_a_file_not_laid_out_for_it_is_written_anew(tmp_path: Path, existing: str) -> None:
    (tmp_path / ".roomodes").write_text(existing)
    text = _convert(tmp_path, "tester")
    assert _modes(text)[-1]["slug"] == "tester"
    assert [m["slug"] for m in _modes(text)] == [m["slug"] for m in _modes(existing)] + ["tester"]


def test_a_json_file_with_escaped_emoji_is_read_as_roo_reads_it() -> None:
    # Python's json.dumps (and many writers) escape an emoji as a surrogate pair, which Roo's
    # parser takes and PyYAML refused: the whole file was "invalid YAML"
    from converter import loads

    text = json.dumps(
        {
            "customModes": [
                {"slug": "d", "name": "📝 Docs", "roleDefinition": "x", "groups": ["read"]}
            ]
        }
    )
    assert "\\ud83d" in text
    agent = loads(text, path=".roomodes")
    assert agent.extensions["roo"]["name"] == "📝 Docs"


def test_a_file_whose_modes_are_not_a_list_is_not_merged_into(tmp_path: Path) -> None:
    # `customModes: {a: 1}` was taken as the list of its keys: the file became [a, tester]
    (tmp_path / ".roomodes").write_text("customModes:\n  a: 1\n")
    source = tmp_path / "tester.md"
    source.write_text(AGENT.format(name="tester"))
    result = CliRunner().invoke(
        build_app(), ["convert", str(source), "--to", "roo", "-o", str(tmp_path / ".roomodes")]
    )
    assert result.exit_code == 1
    assert "not a list of modes" in result.stderr
    assert (tmp_path / ".roomodes").read_text() == "customModes:\n  a: 1\n"


@pytest.mark.parametrize(
    ("text", "said", "hinted"),
    [
        (
            "customModes:\n  - slug: x\n    name: X\n    roleDefinition: use: colons\n",
            "invalid YAML in this mode file",
            'roleDefinition: "text with: colons"',
        ),
        ("- a\n- b\n", "the file is not a mapping", "'customModes:' and a list"),
    ],
)
def test_a_mode_file_that_is_not_yaml_is_told_as_a_mode_file(
    text: str, said: str, hinted: str
) -> None:
    # its errors spoke of a frontmatter and hinted at a description: a .roomodes has neither
    from converter import ParseError, loads

    with pytest.raises(ParseError) as caught:
        loads(text, format="roo", path=".roomodes")
    assert said in caught.value.message and "frontmatter" not in caught.value.render()
    assert hinted in (caught.value.hint or "")


def test_a_mode_key_roo_ignores_is_kept_and_said_not_dropped_unsaid() -> None:
    # @roo-code/types 1.115 strips a key its mode schema lacks (`fileRestrictions`, seen in
    # a real .roomodes); it vanished from our model without a word
    from converter import Diagnostics, dumps, loads

    text = (
        "customModes:\n  - slug: test-writer\n    name: Test Writer\n"
        "    roleDefinition: You write pytest tests.\n    groups: [read, edit]\n"
        '    fileRestrictions:\n      - allowedGlobs: ["tests/**/*.py"]\n'
    )
    diags = Diagnostics(".roomodes")
    agent = loads(text, path=".roomodes", diagnostics=diags)
    assert agent.metadata == {"fileRestrictions": [{"allowedGlobs": ["tests/**/*.py"]}]}
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert any("'fileRestrictions'" in m and "Roo ignores" in m for m in said), said
    assert "fileRestrictions" in dumps(agent, "json")
