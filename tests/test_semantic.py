"""`merge --semantic`: the optional embedding model keeps the merge's laws, lowers the
near-duplicates left in the merged seeds, and says clearly when the extra is missing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from converter import loads
from converter.cli import build_app
from converter.errors import UsageError
from converter.merging import MergeOptions, Variant, merge, semantic
from converter.merging.meaning import Meaning
from converter.prompt import items as itemlib
from converter.prompt import sections
from tests.conftest import FIXTURES, SHARED
from tests.test_merge import _items, families

needs_extra = pytest.mark.skipif(not semantic.available(), reason="agentmorph[semantic] absent")
SEMANTIC = MergeOptions(semantic=True)


def test_without_the_extra_merge_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    semantic.load.cache_clear()
    try:
        with pytest.raises(UsageError) as caught:
            semantic.load()
        assert "pip install 'agentmorph[semantic]'" in caught.value.render()
        variants = [str(p) for p in sorted((FIXTURES / "merge" / "identity-once").glob("*.md"))]
        result = CliRunner().invoke(build_app(), ["merge", *variants, "--semantic"])
        assert result.exit_code == 2
        assert "--semantic needs the optional semantic extra" in result.stderr
    finally:
        semantic.load.cache_clear()


@needs_extra
@settings(max_examples=30)
@given(variants=families())
def test_laws_hold_with_the_embedding_model(variants: list[Variant]) -> None:
    result = merge(variants, SEMANTIC)
    assert merge(list(reversed(variants)), SEMANTIC).agent == result.agent
    single = variants[0]
    once = merge([single], SEMANTIC)
    assert merge([single, Variant("copy.md", single.agent)], SEMANTIC).agent == once.agent
    assert merge([Variant("again.md", once.agent)], SEMANTIC).agent == once.agent
    judge = Meaning(embedder=semantic.load())
    output = [item for group in _items(result.agent) for item in group]
    for variant in variants:
        for item in (i for group in _items(variant.agent) for i in group):
            if item.text.lower().startswith("you are"):
                continue
            assert any(judge.similar(item, o, 0.7) for o in output), item.text


@needs_extra
@pytest.mark.corpus
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared absent")
def test_the_model_leaves_fewer_near_duplicates_in_the_merged_seeds() -> None:
    seeds = [
        loads(p.read_bytes(), path=str(p), format="markdown")
        for p in sorted((SHARED / "seeds").glob("*.txt"))
    ]
    judge = Meaning(embedder=semantic.load())

    def near_duplicates(options: MergeOptions) -> int:
        outline = sections.parse(merge(seeds, options).agent.instructions)
        found = [
            i
            for text in [outline.preamble, *(s.text for s in outline.walk())]
            for i in itemlib.split(text)
            if i.kind not in ("code", "block")
        ]
        return sum(
            1 for n, a in enumerate(found) for b in found[n + 1 :] if judge.similar(a, b, 0.7)
        )

    assert near_duplicates(SEMANTIC) < near_duplicates(MergeOptions())
