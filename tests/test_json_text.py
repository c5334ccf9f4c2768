"""The JSON writer of the JSON-based formats is json.dumps(indent=2) to the character, for
any value, and leaves no reference cycle behind."""

from __future__ import annotations

import gc
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from formats import _json_text

_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | _TEXT
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_TEXT, inner, max_size=4)
        # keys json turns into text: left to json itself
        | st.dictionaries(
            st.integers() | st.booleans() | st.none() | st.floats(), inner, max_size=2
        )
    ),
    max_leaves=20,
)


@settings(max_examples=3000)
@given(_VALUES)
def test_the_text_is_json_dumps_with_an_indent(value: Any) -> None:
    assert _json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_lone_surrogate_and_controls_are_escaped_as_json_escapes_them() -> None:
    value = {"a\ud800": ["\x00\x1f\x7f\u2028", 1.0e300, -0.0, float("nan")], "": {}}
    assert _json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_writing_leaves_nothing_for_the_cycle_collector() -> None:
    value = {"name": "x", "tools": ["Read", "Grep"], "extensions": {"a": {"b": [1, None]}}}
    gc.collect()
    gc.disable()
    try:
        for _ in range(100):
            _json_text.dumps(value)
        assert gc.collect() == 0  # json.dumps(indent=2) leaves about 30 objects per call
    finally:
        gc.enable()
