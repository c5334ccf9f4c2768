"""The language a variant's prompt is written in, so that a merge neither swaps one
language's phrasing for another's nor mixes them unsaid.

Collections hold translations of one agent (a French `django-expert` among English ones in
the corpus): merged word by word, an English point took the place of the French one it
resembled, in a French section. A prompt's language is told by the commonest short words
of a few languages, or by its script; a prompt too short or too mixed to tell is unknown,
and an unknown language differs from none.
"""

from __future__ import annotations

import re
from collections import Counter

#: the start of a prompt that is read: enough words to tell, little time for 100 variants
SAMPLE = 3000
#: the fewest common words a language must show to be told
LEAST = 12
#: words each language uses in most sentences and the others rarely
_COMMON = {
    "English": "the and of to is with for you your that this are be in on",
    "French": "le la les des et est une vous pour avec dans du que qui sur",
    "German": "der die das und ist ein eine sie für mit nicht den zu auf",
    "Spanish": "el los las del y es una usted para con en que por se",
    "Portuguese": "o os as do da e é um uma você para com em que não",
    "Italian": "il lo gli della e è una per con che non sono di un",
}
_WORDS = {language: frozenset(words.split()) for language, words in _COMMON.items()}
_SCRIPTS = (
    ("Japanese", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese writes Han too
    ("Chinese", re.compile(r"[\u4e00-\u9fff]")),
    ("Korean", re.compile(r"[\uac00-\ud7af]")),
    ("Russian", re.compile(r"[\u0400-\u04ff]")),
)
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str) -> str:
    """The language `text` is written in ("English", "French"...), or "" when it cannot
    be told."""
    sample = text[:SAMPLE]
    letters = sum(1 for char in sample if char.isalpha()) or 1
    for language, script in _SCRIPTS:
        if len(script.findall(sample)) * 5 >= letters:  # a fifth of its letters
            return language
    counts = Counter(_WORD.findall(sample.lower()))
    scores = {language: sum(counts[w] for w in words) for language, words in _WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < LEAST or ranked[0] < 2 * ranked[1]:
        return ""
    return best


def one_language(languages: tuple[str, ...], kept: set[int], seen: set[int]) -> bool:
    """Whether two sets of variants (by number) write one language, an unknown one matching
    any: English `Optimize query performance with select_related` had taken the place of
    French `Query optimization et select_related`."""
    theirs = {languages[v] for v in kept} - {""}
    mine = {languages[v] for v in seen} - {""}
    return not theirs or not mine or theirs == mine
