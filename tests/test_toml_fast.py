"""The fast TOML path agrees with tomllib wherever it answers, and answers for our writers."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from formats import _toml_text as toml_text

from .conftest import declining, read_whole

# characters that matter to TOML strings: quotes, escapes, line ends, controls, surrogates
_TRICKY = st.sampled_from(
    ["'", '"', "\\", "\n", "\r", "\r\n", "\t", "\x00", "\x1f", "\x7f", "\ud800", "é", "=", " "]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=4)), max_size=12).map("".join)
_KEY = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)


def _tomllib(text: str) -> dict[str, object] | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return None


def _agrees(text: str) -> None:
    fast = toml_text.fast_load(text)
    if fast is not None:
        assert fast == _tomllib(text), text


@given(st.lists(st.tuples(_KEY, _TEXT, st.booleans()), max_size=4))
def test_what_our_writers_write_reads_as_tomllib_reads_it(
    entries: list[tuple[str, str, bool]],
) -> None:
    lines = [
        f"{key} = {toml_text.multiline(text) if long else toml_text.basic(text)}"
        for key, text, long in entries
    ]
    _agrees("\n".join(lines) + "\n")
    # the neutral TOML format's lines: text as a literal string where it can be one, lists
    lines = [f"{toml_text.key(key)} = {toml_text.string(text)}" for key, text, _ in entries]
    lines += [f"list = [{', '.join(toml_text.basic(text) for _, text, _ in entries)}]"]
    _agrees("\n".join(lines) + "\n")


_PIECE = st.one_of(
    _TEXT,
    st.sampled_from(["'''", "''''", '"', "\\u00e9", "\\ud800", "\\U0001F600", "\\/", "\\q"]),
)
_NEAR_TOML = st.lists(st.one_of(_PIECE, st.just("\\")), max_size=4).map("".join)
_LINE = st.one_of(
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f'{kv[0]} = "{kv[1]}"'),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f"{kv[0]} = '''\n{kv[1]}'''"),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f'{kv[0]} = """\n{kv[1]}"""'),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f"{kv[0]} = '{kv[1]}'"),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f'"{kv[0]}" = "{kv[1]}"'),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f'"{kv[1]}" = "x"'),
    st.tuples(_KEY, st.lists(_NEAR_TOML, max_size=3), st.sampled_from([", ", ",", " , "])).map(
        lambda kv: f"{kv[0]} = [" + kv[2].join(f'"{item}"' for item in kv[1]) + "]"
    ),
    st.tuples(_KEY, _NEAR_TOML).map(lambda kv: f'{kv[0]} = """{kv[1]}"""'),
    st.tuples(_KEY, st.sampled_from(["=", " =", " = '''x"]), _NEAR_TOML).map("".join),
    _NEAR_TOML,
)


@given(st.lists(_LINE, max_size=5), st.sampled_from(["\n", "\r\n", ""]))
@example(["a = '''", "x''''"], "\n")
@example(['a = "x"', 'a = "y"'], "\n")
@example(['a = "\\ud83d"'], "\n")
@example(["a = '''", "x\ry", "'''"], "\n")
@example(['a = "tab\there"', "b = '''", "line", "'''"], "\r\n")
@example(['a = """', 'x\\"\\\\ \\u00e9\ty', 'z"""', 'b = """', '"""'], "\n")
@example(['a = """', 'x""""'], "\n")
@example(['"$schema" = "x"', "a = 'it'", 'b = ["x", "y\\n"]', "c = []", "d = ''"], "\n")
@example(['a = "x"', '"a" = "y"'], "\n")
@example(['a = ["\t", "x\ty"]'], "\n")  # a tab: TOML's and JSON's strict readings differ
@example(["a = '''", "x'''", "b = '\t'"], "\n")
@example(['a = """', "x\\", 'y"""'], "\n")
@example(['a = """', 'x"y"""'], "\n")
@example(['a = """', 'x\\ud800"""'], "\n")
def test_the_fast_path_never_disagrees_with_tomllib(lines: list[str], end: str) -> None:
    _agrees(end.join(lines) + end)


_CODEX_ROLE = (
    'name = "reviewer"\n'
    'description = "Reviews code: \\"quality\\" first.\\nThen style."\n'
    'sandbox_mode = "read-only"\n'
    "developer_instructions = '''\n\nYou review code.\n\n- Check tests\n'''\n"
)
_NEUTRAL_TOML = (
    '"$schema" = "urn:agentmorph:agent:1.0"\nversion = "1.0"\nname = \'rev\'\n'
    'description = \'Reviews: "quality" first.\'\ntools = ["Read", "Grep"]\n'
    "instructions = '''\nYou review.\n'''\n"
)


@pytest.mark.parametrize("text", [_CODEX_ROLE, _NEUTRAL_TOML], ids=["codex", "neutral-toml"])
def test_a_typical_file_takes_the_fast_path(text: str) -> None:
    fast = toml_text.fast_load(text)
    assert fast is not None
    assert fast == tomllib.loads(text)


def test_a_prompt_written_as_a_basic_string_takes_the_fast_path() -> None:
    """A prompt that holds ''' (Python docstrings in examples) or a control character is
    written as a multi-line basic string; tomllib reads such a string a character at a time
    (5 ms for a 54 KB prompt), so our own shape of it is read here too."""
    for prompt in ("Use '''docstrings'''.\n", 'Say "hi" \\ \x01 \tthen\n\n', "'''\n"):
        text = f'name = "x"\ndeveloper_instructions = {toml_text.multiline(prompt)}\n'
        assert text.count('"""') == 2
        fast = toml_text.fast_load(text)
        assert fast is not None, text
        assert fast == tomllib.loads(text) == {"name": "x", "developer_instructions": prompt}


def test_anything_else_goes_to_tomllib() -> None:
    for text in ("a = [1.5, 2]\n", "[table]\na = 1\n", 'a = "x" # note\n', "a = 1.0\n", "\n"):
        assert toml_text.fast_load(text) is None
        assert toml_text.load(text, "x.toml") == tomllib.loads(text)


def test_a_long_string_costs_memory_in_proportion_to_its_length() -> None:
    # a regex that can backtrack keeps state for every character it repeats over: a 12 MB
    # description once took 1.3 GB; the possessive pattern keeps none
    import tracemalloc

    text = 'name = "x"\ndescription = "' + 'a\\"b\\\\c' * 250_000 + '"\n'
    tracemalloc.start()
    try:
        found = toml_text.fast_load(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and found["description"].startswith('a"b\\c')
    assert peak < 10 * len(text), f"{peak:,} bytes for {len(text):,} characters"


_TOML_READERS = {
    "codex": ".codex/agents/a.toml",
    "toml": "a.toml",
    "gemini-command": ".gemini/commands/a.toml",
}
_HEAD = st.sampled_from(
    [
        'name = "a"\ndescription = "b"\n',
        "name = 'a'\n",
        '"$schema" = "urn:agentmorph:agent:1.0"\n',
        "",
    ]
)
_PROMPT = st.sampled_from(
    [
        "developer_instructions = '''\nDo.\n'''\n",
        'developer_instructions = """\nDo \\"x\\"\n"""\n',
        "instructions = '''\nDo.\n'''\n",
        'prompt = """\nx\n"""\n',
        "",
    ]
)


@given(_HEAD, st.lists(_LINE, max_size=3), _PROMPT, st.sampled_from(sorted(_TOML_READERS)))
def test_an_agent_read_the_fast_way_is_the_agent_tomllib_gives(
    head: str, lines: list[str], prompt: str, fmt: str
) -> None:
    """End to end, through each TOML format's reader: the same agent and diagnostics
    whether the file took the fast path or tomllib (the fast path switched off)."""
    text = head + "".join(line + "\n" for line in lines) + prompt
    # a file's text: decoded as UTF-8, it holds no lone surrogate (an escape of one, `\ud800`,
    # it may); given one, tomllib and the fast path both take it, and our check of the values
    # looks for it only where an escape could have made it
    assume(not any("\ud800" <= char <= "\udfff" for char in text))
    fast = read_whole(text, fmt, _TOML_READERS[fmt])
    with declining(toml_text, "fast_load"):
        assert read_whole(text, fmt, _TOML_READERS[fmt]) == fast


@given(st.text(st.characters(codec=None, exclude_categories=())))
@example('a\x7f\u2028\ud800"\\\x00')
def test_a_basic_string_is_json_dumps_of_the_text(text: str) -> None:
    # written without json.dumps (which makes an encoder per call): the same characters
    expected = json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
    assert toml_text.basic(text) == expected


# values as `value()` writes them: a Codex agent's MCP servers are inline tables of these
_SCALAR = st.one_of(_TEXT, st.booleans(), st.integers(-(10**20), 10**20))
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(_KEY, _TEXT), inner, max_size=3),
    ),
    max_leaves=8,
)


@given(st.dictionaries(_KEY, _VALUE, max_size=3))
def test_inline_tables_as_we_write_them_take_the_fast_path(data: dict[str, object]) -> None:
    # (tomllib reads them a character at a time, and its import alone costs ~5 ms a process)
    text = "".join(f"{key} = {toml_text.value(v)}\n" for key, v in data.items())
    fast = toml_text.fast_load(text)
    assert fast is None or fast == _tomllib(text), text
    if all(abs(n) < 10**18 for n in _integers(data)):  # longer ones: tomllib's
        assert fast is not None, text


def _integers(value: object) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _integers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _integers(v)]
    return []


_INLINE_PIECE = st.sampled_from(
    ["{", "}", "[", "]", ", ", ",", " = ", "=", '"x"', "'x'", "1", "-0", "01", "1.5", "1e3",
     "true", "false", "trueX", "a", "a.b", '"a"', "\\", '"\\u00e9"', '"\\ud800"', "\t", " "]
)  # fmt: skip


@given(_KEY, st.lists(_INLINE_PIECE, max_size=12).map("".join))
@example("a", '{b = 1, "b" = 2}')
@example("a", '{b = {c = [1, [true, {d = "x"}]]}}')
@example("a", "[1, 2, ]")
@example("a", "{b = 01}")
def test_an_inline_value_near_ours_never_disagrees_with_tomllib(key: str, rest: str) -> None:
    _agrees(f"{key} = {rest}\n")
