"""Variants in different languages: said, and no phrasing put in another language's place
(a French variant of `django-expert` among English ones in the corpus lost a French point
to the English one it resembled, in a French section)."""

from __future__ import annotations

import pytest

from converter import Agent
from converter.merging import Variant, merge
from converter.merging.languages import language_of

ENGLISH = """You are a careful database engineer. You review the schema and the queries of the
project, and you make them fast and safe for the team.

## Performance

- Optimize query performance with select_related and prefetch_related
- Keep the connection pool small and watch it in production
"""

FRENCH = """Vous êtes un ingénieur de bases de données attentif. Vous relisez le schéma et les
requêtes du projet, et vous les rendez rapides et sûres pour l'équipe avec les tests.

## Performance

- Query optimization et select_related
- Une réplique en lecture pour la charge
"""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "English"),
        (FRENCH, "French"),
        (
            "Eres un ingeniero de bases de datos cuidadoso. Revisas el esquema y las consultas "
            "del proyecto, y los haces rápidos y seguros para el equipo. Usa los índices con "
            "cuidado y escribe pruebas para cada cambio que se haga en la base de datos.",
            "Spanish",
        ),
        (
            "Du bist ein sorgfältiger Datenbankingenieur. Du prüfst das Schema und die Abfragen "
            "des Projekts und machst sie schnell und sicher für das Team. Nutze die Indizes mit "
            "Bedacht und schreibe Tests für jede Änderung, die an der Datenbank gemacht wird.",
            "German",
        ),
        ("Ты внимательный инженер баз данных. Проверяй схему и запросы проекта.", "Russian"),
        ("Review.", ""),  # too short to tell
        ("あなたはコードレビューの専門家です。変更を読み、問題を指摘してください。", "Japanese"),
        ("你是一名代码审查专家。阅读每一处改动并指出问题。", "Chinese"),
    ],
)
def test_a_prompts_language_is_told_by_its_common_words_or_its_script(
    text: str, language: str
) -> None:
    assert language_of(text) == language


def _variant(label: str, text: str) -> Variant:
    return Variant(label, Agent(name="db", description="Databases.", instructions=text))


def test_variants_of_two_languages_are_said_and_keep_their_own_words() -> None:
    result = merge([_variant("en.md", ENGLISH), _variant("fr.md", FRENCH)])
    said = [d for d in result.diagnostics if d.code.value == "languages-differ"]
    assert said and "English: en.md" in said[0].message and "French: fr.md" in said[0].message
    text = result.agent.instructions
    assert "- Query optimization et select_related\n" in text  # not swapped for the English
    assert "- Optimize query performance with select_related and prefetch_related\n" in text


def test_variants_of_one_language_say_nothing_of_it() -> None:
    other = ENGLISH.replace("small", "tiny")
    result = merge([_variant("a.md", ENGLISH), _variant("b.md", other)])
    assert not [d for d in result.diagnostics if d.code.value == "languages-differ"]
