"""converter.jsonout writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from converter.jsonout import dumps

KEYS = st.one_of(st.text(), st.integers(), st.none(), st.booleans(), st.floats())
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=5).map(tuple),
        st.dictionaries(st.text(), inner, max_size=5),
        st.dictionaries(KEYS, inner, max_size=3),
    ),
    max_leaves=30,
)


@given(VALUES)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_agent_shaped_values() -> None:
    value = {
        "$schema": "urn:x",
        "version": "1.0",
        "name": "a",
        "tools": ["Read", "Bash(git *)"],
        "metadata": {"color": "#ff0000", "n": 10**30, "empty": {}, "list": []},
        "extensions": {"x": {"y": [1, 2.5, None, True, "é\u2028\ud800"]}},
        "instructions": 'say "hi"\n\ttab\x00\x7f',
    }
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
