"""Optional similarity by meaning from a small static embedding model (`agentmorph[semantic]`).

WordLlama 0.4 ships 256-dimension token embeddings (`weights/l2_supercat_256.safetensors`)
and their tokenizer inside its wheel. Its own loader looks for the tokenizer under
`tokenizer/` while the wheel ships it under `tokenizers/`, and falls back to a download; so
the two files are loaded here directly, with `safetensors` and `tokenizers`, and nothing
is ever fetched. An item's vector is the mean of its tokens' vectors, as WordLlama's own
`embed` computes it; two items are compared by cosine.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any

from converter.errors import UsageError

WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
INSTALL = "pip install 'agentmorph[semantic]'"


class Embedder:
    """Vectors of texts from the shipped weights; deterministic and offline."""

    def __init__(self, weights: Any, tokenizer: Any) -> None:
        self.weights = weights
        self.tokenizer = tokenizer
        self._cache: dict[str, Any] = {}

    def vector(self, text: str) -> Any:
        import numpy

        found = self._cache.get(text)
        if found is None:
            ids = self.tokenizer.encode(text, add_special_tokens=False).ids
            if ids:
                ids = numpy.clip(numpy.asarray(ids, dtype=numpy.int64), 0, len(self.weights) - 1)
                mean = self.weights[ids].mean(axis=0)
            else:
                mean = numpy.zeros(self.weights.shape[1], dtype=numpy.float32)
            norm = float(numpy.linalg.norm(mean))
            found = mean / norm if norm else mean
            self._cache[text] = found
        return found

    def cosine(self, left: str, right: str) -> float:
        return float(self.vector(left) @ self.vector(right))


def available() -> bool:
    return all(
        importlib.util.find_spec(m) is not None
        for m in ("wordllama", "numpy", "safetensors", "tokenizers")
    )


@lru_cache(maxsize=1)
def load() -> Embedder:
    """The embedder from the installed wheel's files.

    Raises:
        UsageError: the extra is not installed, or its files are not where WordLlama 0.4
            puts them.
    """
    spec = importlib.util.find_spec("wordllama") if available() else None
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(
            "--semantic needs the optional semantic extra, which is not installed",
            hint=f"{INSTALL} (a 16 MB model inside the wheel; nothing is downloaded at run time)",
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    if not (root / WEIGHTS).is_file() or not (root / TOKENIZER).is_file():
        raise UsageError(
            f"--semantic: the installed wordllama has no {WEIGHTS} and {TOKENIZER}",
            hint=f"install the pinned version: {INSTALL}",
        )
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    tensors = load_file(str(root / WEIGHTS))
    weights = next(iter(tensors.values())).astype("float32")
    tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(weights, tokenizer)
