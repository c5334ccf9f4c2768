"""A Kiro agent that writes a key twice: read with the last value, as Python's json and
serde's maps read it, and said; at the top, Kiro CLI refuses the file (its agent config is a
serde struct, which takes each field once: "duplicate field"), so that is said too."""

from __future__ import annotations

from converter import Diagnostics, loads

_TWICE = '{\n  "name": "helper",\n  "description": "Helps.",\n  "prompt": "First.",\n  "prompt": "Second."\n}\n'


def test_a_top_level_key_twice_is_read_last_and_kiros_refusal_said() -> None:
    said = Diagnostics(".kiro/agents/helper.json")
    agent = loads(_TWICE, path=".kiro/agents/helper.json", format="kiro", diagnostics=said)
    assert agent.instructions == "Second."
    codes = {(str(d.code), d.span.line if d.span else None) for d in said}
    assert ("duplicate-key", 5) in codes and ("tool-refuses", 5) in codes
    refusal = next(d.message for d in said if str(d.code) == "tool-refuses")
    assert "'prompt' twice" in refusal


def test_a_key_twice_inside_a_map_is_said_but_loads() -> None:
    text = (
        '{"name": "h", "description": "d", "prompt": "p",\n'
        ' "toolAliases": {"fs_read": "read",\n  "fs_read": "look"}}\n'
    )
    said = Diagnostics("h.json")
    agent = loads(text, path=".kiro/agents/h.json", format="kiro", diagnostics=said)
    assert agent.extensions["kiro"]["toolAliases"] == {"fs_read": "look"}
    codes = [str(d.code) for d in said]
    assert "duplicate-key" in codes and "tool-refuses" not in codes


def test_a_file_with_each_key_once_says_nothing_of_it() -> None:
    said = Diagnostics("h.json")
    loads(_TWICE.replace('"prompt": "First.",\n  ', ""), path=".kiro/agents/h.json",
          format="kiro", diagnostics=said)  # fmt: skip
    assert not [d for d in said if str(d.code) in ("duplicate-key", "tool-refuses")]
