"""GitHub Copilot CLI 1.0.102 ignores `models` and `modelPolicy` in a custom agent
("unknown fields ignored: models, modelPolicy", its own parser): the agent runs the default
model. They were taken for its keys (formats.md names them for 1.0.81), so nothing was said
and `validate` passed the file; its list of models is `model: [A, B]`."""

from __future__ import annotations

from pathlib import Path

from converter import Diagnostics, loads
from converter.io.validation import validate_files

TEXT = "---\nname: m\ndescription: d\nmodels: [GPT-5.5, Claude Sonnet 5]\nmodelPolicy: required\n---\nx\n"  # fmt: skip


def test_reading_says_copilot_ignores_models_and_keeps_what_was_written() -> None:
    diags = Diagnostics("m.agent.md")
    agent = loads(TEXT, path=".github/agents/m.agent.md", diagnostics=diags)
    assert agent.model is None  # as Copilot CLI runs it: its default model
    assert agent.metadata["models"] == ["GPT-5.5", "Claude Sonnet 5"]
    assert any("'models'; did you mean 'model'?" in d.message for d in diags), list(diags)


def test_validate_says_it(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "agents"
    folder.mkdir(parents=True)
    (folder / "m.agent.md").write_text(TEXT)
    checked, _ = validate_files([str(folder)])
    said = [d.render() for c in checked for d in c.issues]
    assert said == [
        f"{folder / 'm.agent.md'}:4: warning[target-rule]: copilot ignores the key 'models'; "
        "did you mean 'model'?"
    ]
