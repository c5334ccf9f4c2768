"""PyYAML imported with its non-printable pattern compiled cheaply
(converter/frontmatter/pyyaml.py): the same characters, and PyYAML really given it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from converter.frontmatter.pyyaml import NON_PRINTABLE, SAME_CHARACTERS


def test_the_cheap_pattern_finds_the_same_characters_as_pyyamls() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))  # every code point, surrogates too
    theirs = [m.start() for m in re.compile(NON_PRINTABLE).finditer(every)]
    ours = [m.start() for m in re.compile(SAME_CHARACTERS).finditer(every)]
    assert ours == theirs
    # C0 but tab, LF, CR; DEL to U+009F but NEL; the surrogates; U+FFFE and U+FFFF
    assert len(ours) == (9 + 2 + 18) + (6 + 26) + 2048 + 2


def test_pyyaml_is_given_the_cheap_pattern_under_its_own_text() -> None:
    # in a fresh interpreter: PyYAML not yet imported (a PyYAML that writes its pattern
    # otherwise fails here, and the text above needs updating)
    script = (
        "import converter.frontmatter.pyyaml as ours, yaml.reader as reader\n"
        "print(reader.Reader.NON_PRINTABLE.pattern == ours.SAME_CHARACTERS)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"


@pytest.mark.parametrize("text", ["a: b\x07c\n", "a: \ud800\n", "a: \ufffe\n", "a: \x85\n"])
def test_pyyamls_own_reader_says_the_same_of_unprintable_text(text: str) -> None:
    from converter.frontmatter.pyyaml import yaml

    said, kept = [], yaml.reader.Reader.NON_PRINTABLE
    try:
        for pattern in (NON_PRINTABLE, SAME_CHARACTERS):
            yaml.reader.Reader.NON_PRINTABLE = re.compile(pattern)
            try:
                said.append(repr(yaml.load(text, Loader=yaml.SafeLoader)))
            except yaml.YAMLError as error:
                said.append(str(error))
    finally:
        yaml.reader.Reader.NON_PRINTABLE = kept
    assert said[0] == said[1]
