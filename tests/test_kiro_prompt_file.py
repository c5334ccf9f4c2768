"""A Kiro agent's `file://` prompt: read as Kiro reads it (relative to the agent file, the
text as it is), but only from the agent's own tool folder; never a file elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from converter import Diagnostics, LimitError, OutputError, ValidationError, dumps, loads
from converter.registry import default_registry


def _agent_file(tmp_path: Path, prompt: str) -> Path:
    agents = tmp_path / "project" / ".kiro" / "agents"
    (agents.parent / "prompts").mkdir(parents=True)
    path = agents / "aws.json"
    agents.mkdir()
    path.write_text(json.dumps({"name": "aws", "description": "AWS.", "prompt": prompt}))
    return path


@pytest.mark.parametrize("reference", ["../prompts/aws.md", "./aws.md", "aws.md"])
def test_the_prompt_is_the_files_text_as_it_is(tmp_path: Path, reference: str) -> None:
    path = _agent_file(tmp_path, "file://" + reference)
    text = "  You manage AWS.\n\n- Never delete.\n"  # Kiro does not trim it
    (path.parent / reference.removeprefix("./")).resolve().write_text(text)
    diags = Diagnostics()
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    assert agent.instructions == text
    assert [(d.code.value, d.severity.value) for d in diags] == [("prompt-in-file", "info")]
    assert dumps(agent, "claude").endswith("---\n" + text)
    # written back to Kiro, the text goes in the file: valid wherever the file is written
    assert json.loads(dumps(agent, "kiro"))["prompt"] == text


@pytest.mark.parametrize(
    "reference", ["../../.env", "~/secret.txt", "ABSOLUTE", "../prompts/link", "/etc/passwd"]
)
def test_a_file_outside_the_tool_folder_is_never_read(tmp_path: Path, reference: str) -> None:
    # the project's .env is not the agent's: only .kiro/ (or .amazonq/) is
    path = _agent_file(tmp_path, "")
    secret = tmp_path / "project" / ".env"
    secret.write_text("TOKEN=abc")
    (tmp_path / "secret.txt").write_text("TOKEN=abc")
    os.symlink(secret, path.parent.parent / "prompts" / "link")
    if reference == "ABSOLUTE":
        reference = str(secret)
    path.write_text(json.dumps({"name": "x", "description": "d", "prompt": "file://" + reference}))
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(tmp_path)
    try:
        diags = Diagnostics()
        agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    finally:
        if old_home is not None:
            os.environ["HOME"] = old_home
    assert agent.instructions == "file://" + reference
    assert [(d.code.value, d.severity.value) for d in diags] == [("prompt-in-file", "warning")]
    assert "not read here" in diags.items[0].message


def test_a_missing_file_is_refused_as_kiro_refuses_the_agent(tmp_path: Path) -> None:
    path = _agent_file(tmp_path, "file://./none.md")
    with pytest.raises(ValidationError, match=r"\.kiro/agents/none\.md, which does not exist"):
        loads(path.read_text(), path=str(path))
    (path.parent / "bad.md").write_bytes(b"\xff\xfe not utf-8")
    path.write_text(json.dumps({"name": "x", "description": "d", "prompt": "file://bad.md"}))
    with pytest.raises(ValidationError, match="not UTF-8"):
        loads(path.read_text(), path=str(path))


def test_a_file_too_big_is_refused_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import formats.kiro_format

    monkeypatch.setattr(formats.kiro_format, "MAX_BYTES", 10)
    path = _agent_file(tmp_path, "file://big.md")
    (path.parent / "big.md").write_text("x" * 11)
    with pytest.raises(LimitError):
        loads(path.read_text(), path=str(path))


def test_without_its_path_the_reference_is_kept_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # standard input: there is no folder to read from, and the working folder is not one
    (tmp_path / "aws.md").write_text("from the working folder")
    monkeypatch.chdir(tmp_path)
    diags = Diagnostics()
    text = '{"name": "a", "description": "d", "prompt": "file://aws.md"}'
    agent = loads(text, path="<stdin>", format="kiro", diagnostics=diags)
    assert agent.instructions == "file://aws.md"
    assert "given without its path" in diags.items[0].message


@pytest.mark.parametrize(
    "body", ["file:///etc/hostname", "file://~/.aws/credentials\n", "file://../../.env\nmore\n"]
)
def test_another_tools_prompt_kiro_would_take_for_a_file_is_refused(body: str) -> None:
    # a Claude Code agent whose prompt begins with file://: written for Kiro, Kiro would send
    # that file's text (a secret of this machine) to the model instead of the prompt
    source = f"---\nname: sneaky\ndescription: d\n---\n{body}"
    agent = loads(source, path=".claude/agents/sneaky.md")
    with pytest.raises(OutputError, match="address of a file") as raised:
        dumps(agent, "kiro")
    assert raised.value.span is not None and raised.value.span.path == ".claude/agents/sneaky.md"
    diags = Diagnostics()
    default_registry().get("kiro").validate(agent, diags)
    assert [d.code.value for d in diags] == ["target-rule"]
    # the same text a line down is a prompt like any other
    assert json.loads(dumps(loads(source.replace("---\nfile", "---\nSee file")), "kiro"))
    for other in ("claude", "opencode", "codex", "gemini", "copilot"):
        assert body in dumps(agent, other).replace("\\n", "\n")


def test_a_kiro_agents_own_reference_is_written_back(tmp_path: Path) -> None:
    # read without reading the file (outside the tool folder), the reference is the prompt:
    # written for Kiro again it is what the author wrote
    path = _agent_file(tmp_path, "file:///etc/hostname")
    agent = loads(path.read_text(), path=str(path))
    assert json.loads(dumps(agent, "kiro"))["prompt"] == "file:///etc/hostname"
