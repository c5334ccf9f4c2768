"""Translate model names between tools, from the model tables in `vocabulary.toml`.

The model holds what the agent's file said: Claude Code's aliases (`sonnet`) or a tool's own
id. A target writes a model it can run: an alias becomes the tool's name for it, an id is
checked against the tool's rules and catalog, and a name that only says a family ("Claude
Sonnet 4.6") can fall back to that family's row. Every tool fact is data: this code names no
tool.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from converter.targets.vocabulary import canonical, table


def model_rules(tool: str) -> dict[str, Any]:
    rules: dict[str, Any] = table().get("model_rules", {}).get(tool, {})
    return rules


@lru_cache(maxsize=1024)
def model_to(target: str, model: str) -> str | None:
    """The target's name for a model (an alias or an id); None when it has none or cannot
    run it. Ids are compared in lower case (catalogs hold lower-case slugs)."""
    model = _as_alias(model)
    if target == canonical() and _is_alias(model):
        return model  # `opusplan`, `sonnet[1m]`: the tool's own words, as they are
    model = _CONTEXT_TAG.sub("", model) or model  # `claude-opus-4-7[1m]`: that model
    if model_rules(target).get("trims"):
        model = model.strip()
    own_aliases: dict[str, list[str]] = table().get("model_own_aliases", {})
    if model in own_aliases.get(target, ()):
        return model  # Gemini CLI's `pro`: the tool's own words, as they are
    if any(model in words for tool, words in own_aliases.items() if tool != target):
        return None  # Cursor's `fast`: only that tool knows which model it means
    plain = str(table().get("model_aliases", {}).get(model, model))
    for row in table()["models"].values():
        if row.get(canonical()) == plain:
            found = row.get(target)
            return str(found) if found is not None else None
    spelt = exact_spellings(target, model)
    for candidate in spelt:  # one exact model, in the target's spelling
        found = _checked(target, candidate)
        if found is not None:
            return found
    return None if spelt else _checked(target, model)


def plain_alias(model: str) -> str:
    """A Claude Code alias without its suffix or synonym (`opus[1m]`, `best`: `opus`), an id
    without its context tag (`claude-opus-4-7[1m]`); any other name as it is."""
    aliases = table().get("model_aliases", {})
    return str(aliases.get(_as_alias(model)) or _CONTEXT_TAG.sub("", model) or model)


#: Claude Code 2.1.332's context-size tag on a model (`claude-opus-4-7[1m]`: a million tokens
#: of context): the model is the same, its settings match "its dated, [1m], Bedrock and
#: Vertex spellings" (its settings schema); no other tool has such a tag
_CONTEXT_TAG = re.compile(r"\[\d+[km]\]$", re.IGNORECASE)


def _checked(target: str, model: str) -> str | None:
    """An id as the target takes it, when its rules and catalog let it run."""
    rules = model_rules(target)
    if not rules.get("provider_prefix") and "/" in model:
        model = model.rsplit("/", 1)[1]  # `anthropic/claude-sonnet-4-5`: OpenCode's form
    pattern = rules.get("name_pattern", r"[\w.\-/:\[\]]+")
    if not re.fullmatch(pattern, model):
        # VS Code's qualifier names where a model runs, not another model: "GPT-4.1
        # (copilot)" is GPT-4.1 (its custom-agent docs); a tool that takes no qualifier takes
        # the name without it
        plain = re.sub(_QUALIFIERS, "", model).strip()
        if plain and plain != model and re.fullmatch(pattern, plain):
            return _checked(target, plain)
        return _from_display_name(target, model)
    wanted = model.lower() if target in table().get("model_catalogs", {}) else model
    bare = wanted.split("/", 1)[-1]
    if bare.startswith(tuple(rules.get("cannot_run", ()))):
        return None
    runs = tuple(rules.get("runs", ()))
    if runs and not bare.startswith(runs):
        return None
    if rules.get("provider_prefix") and "/" not in wanted:
        provider = provider_of(wanted)
        wanted = f"{provider}/{wanted}" if provider else wanted
    catalog = table().get("model_catalogs", {}).get(target)
    if catalog is not None and wanted not in catalog:
        return None
    return wanted


#: one exact model in any tool's or cloud's spelling: `claude-sonnet-4-6`, `claude-sonnet-4.6` (Kiro),
#: "Claude Sonnet 4.6 (copilot)", `claude-4.6-sonnet` (Cursor), `anthropic/claude-sonnet-4-6`,
#: with an API snapshot's date or not; the vendor, its provider and its families are the
#: table's (`model_families`, `providers`)
_EXACT = (
    r"(?:[a-z]+\.)?(?:{provider}[/.])?{vendor}[- ]"
    r"(?:(?P<family>{families})[- ](?P<version>\d+(?:[.-]\d{{1,2}})?)"
    r"|(?P<version2>\d+(?:[.-]\d{{1,2}})?)[- ](?P<family2>{families}))"
    r"(?:[-@ ](?P<date>\d{{8}}))?"
    # Amazon Bedrock's `us.anthropic.claude-sonnet-4-5-20250929-v1:0`, Vertex AI's
    # `claude-sonnet-4-5@20250929`: that model, as the cloud names it
    r"(?:-v\d+(?::\d+)?)?"
)


#: a qualifier in a display name, "(copilot)"; `[^()]` keeps it linear on "((((..." (a
#: file's model may be megabytes long: `\s*\(` and `[^)]*` took a second per 20,000);
#: compiled on first use, by re's own cache (a run without models never needs it)
_QUALIFIERS = r"\([^()]*\)"
#: longer than any model's name (Copilot's "Claude Opus 4.6 (fast mode) (preview)")
_LONGEST_NAME = 200


@lru_cache(maxsize=1024)
def exact_spellings(target: str, model: str) -> tuple[str, ...]:
    """An exact model of a family the table spells (`model_spellings`) in the target's
    spelling: with the snapshot's date where the target takes dates, then without; () when
    the name is no such model or the target spells none. A spelling that differs from the
    name only by a qualifier ("(copilot)") is the name as it is."""
    spelling = table().get("model_spellings", {}).get(target)
    if spelling is None or len(model) > _LONGEST_NAME:
        return ()
    plain = re.sub(_QUALIFIERS, "", model).strip()
    for vendor, families in table().get("model_families", {}).items():
        provider = table().get("providers", {}).get(vendor, vendor)
        pattern = _EXACT.format(vendor=vendor, provider=provider, families="|".join(families))
        found = re.fullmatch(pattern, plain, re.IGNORECASE)
        if found is not None:
            break
    else:
        return ()
    family = (found.group("family") or found.group("family2")).lower()
    numbers = re.split(r"[.-]", found.group("version") or found.group("version2"))
    if int(numbers[0]) < int(spelling.get("since", 0)):
        return ()  # named otherwise then (`claude-3-5-sonnet-20241022`): kept as it is
    version = spelling["dot"].join(numbers)
    name = spelling["form"].format(family=family, Family=family.capitalize(), version=version)
    date = found.group("date")
    dated = [f"{name}-{date}"] if date and spelling.get("dates") else []
    return tuple(model if written == plain else written for written in (*dated, name))


def _from_display_name(target: str, model: str) -> str | None:
    """A display name ("Claude Sonnet 4.6", Copilot's) as the id it names, where the target's
    catalog holds it, or for a target without one the list of models it knows (`model_known`)
    or another tool's catalog (gemini-2.5-flash, in OpenCode's): the exact model rather than
    the family's newest. A qualifier's first word may be a word of the id ("Gemini 3.1
    Pro (Preview)": gemini-3.1-pro-preview, as Copilot and Gemini CLI name it). A target
    without such a list cannot tell a real id from a made-up one. None for no id, or a
    sentence."""
    catalogs, known = table().get("model_catalogs", {}), table().get("model_known", {})
    words = re.sub(_QUALIFIERS, "", model).split()
    if (target not in catalogs and target not in known) or not 2 <= len(words) <= 5:
        return None
    slug = "-".join(words).lower()
    extra = [word.lower() for word in re.findall(r"\((\w+)", model)]
    bases = dict.fromkeys((slug, slug.replace(".", "-")))
    for candidate in [*(f"{b}-{w}" for w in extra for b in bases), *bases]:
        if not re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", candidate):
            continue
        if target not in catalogs and candidate not in _known_ids(target):
            continue
        found = model_to(target, candidate)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=16)
def _known_ids(target: str) -> frozenset[str]:
    """The ids a target without a catalog is known to run: its own list, and every tool's
    catalog without its provider (`google/gemini-2.5-flash` is gemini-2.5-flash)."""
    catalogued = (
        entry.rsplit("/", 1)[-1]
        for entries in table().get("model_catalogs", {}).values()
        for entry in entries
    )
    return frozenset((*table().get("model_known", {}).get(target, ()), *catalogued))


@lru_cache(maxsize=1024)  # asked of each agent's model by every writer
def _as_alias(model: str) -> str:
    """Claude Code 2.1.332 reads its aliases in any case and with spaces around them (each
    started with it: `SONNET`, `Opus`, `' sonnet '`, `Inherit` run as the alias): such a
    spelling is the alias. Any other name is kept as written."""
    word = model.strip().lower()
    return word if word != model and _is_alias(word) else model


def _is_alias(model: str) -> bool:
    aliases = table().get("model_aliases", {})
    return model in aliases or any(
        row.get(canonical()) == model for row in table()["models"].values()
    )


@lru_cache(maxsize=1024)
def model_family(model: str) -> str | None:
    """The family a model name no table knows names ("Claude Sonnet 4.6" → `sonnet`): a row
    of the models table; None when it names none, or several ("GPT-4.1 | Claude Sonnet 4.5":
    the tool runs none of them, not the family of the last)."""
    if several_models(model):
        return None
    words = re.findall(r"[a-z]+", model.lower())
    for vendor, families in table().get("model_families", {}).items():
        if vendor in words:
            return next((family for family in families if family in words), None)
    return None


def several_models(text: str) -> tuple[str, ...]:
    """The models a model's text lists, as an author writes a list in one line (`GPT-4.1 |
    'gpt-5' | 'Claude Sonnet 4.5'`, `sonnet, opus`); () for one name. No model's name holds
    `|` or `,`."""
    if "|" not in text and "," not in text:
        return ()
    parts = [part.strip().strip("'\"").strip() for part in re.split(r"[|,]", text)]
    return tuple(parts) if len(parts) > 1 and all(parts) else ()


def model_from(source: str, value: str) -> str:
    """A target's model name as the canonical alias it stands for, when the table knows it.
    Where the tool's rows are only the nearest model it offers (`model_rows_are_aliases`
    does not list it: Copilot's "Claude Sonnet 4.6" for `sonnet`, which is Sonnet 5 in
    Claude Code), an exact model stays itself: the tool runs that model. (`import` skips
    the files sync wrote, so what sync wrote from an alias is not read back pinned.)"""
    same = table().get("model_rows_are_aliases", {}).get(source, False)
    if not same and exact_spellings(canonical(), value):
        return value
    for row in table()["models"].values():
        if row.get(source) == value and canonical() in row:
            return str(row[canonical()])
    return value


def exact_spellings_of(model: str) -> tuple[str, ...]:
    """`exact_spellings` in the canonical tool's spelling (Claude Code's API ids)."""
    return exact_spellings(canonical(), model)


def identity(model: str) -> str:
    """One text for every spelling of one model, to tell variants that name the same model
    apart from those that do not: an exact Claude model in any tool's spelling is its API id
    without a snapshot's date ("Claude Sonnet 4.6 (copilot)", `anthropic/claude-sonnet-4-6`,
    `claude-sonnet-4.6`: claude-sonnet-4-6); any other name in lower case, without its
    qualifiers and provider, words joined by hyphens (`GPT-5.5 (copilot)`, `openai/gpt-5.5`:
    gpt-5.5). Claude Code's aliases stay themselves: `sonnet` is not Sonnet 4.6."""
    spelt = exact_spellings(canonical(), model)
    if spelt:
        return spelt[-1]
    plain = re.sub(_QUALIFIERS, "", model[: _LONGEST_NAME * 4]).strip().lower()
    return "-".join(plain.rsplit("/", 1)[-1].split()) or model


def is_inherit(model: str) -> bool:
    """Whether a model says "the parent's model", which no other tool needs said: `inherit`,
    or no name at all (Claude Code 2.1.332 starts an agent of `model: ''` or `' '` on the
    session's model; Gemini CLI 0.61 reads `''` as `inherit`)."""
    return not model.strip() or bool(
        _as_alias(model) == table()["models"].get("inherit", {}).get(canonical())
    )


def catalog(tool: str) -> list[str] | None:
    found = table().get("model_catalogs", {}).get(tool)
    return list(found) if found is not None else None


def offered(tool: str, model: str) -> bool | None:
    """Whether the tool offers a model it is given by display name or id (`model_offers`):
    the name in any case, words joined by hyphens, is one of its ids, without its qualifiers
    or with the first word of one ("Claude Opus 4.8 (fast mode)": claude-opus-4.8-fast).
    None for a tool without such a list."""
    ids = table().get("model_offers", {}).get(tool)
    if ids is None:
        return None
    words = model.lower().split()
    base = "-".join(re.sub(_QUALIFIERS, "", model).lower().split())
    qualified = (f"{base}-{word}" for word in re.findall(r"\((\w+)", " ".join(words)))
    return base in ids or any(name in ids for name in qualified)


def provider_of(model: str) -> str | None:
    """The provider of a model id, by its prefix (`claude-…` → `anthropic`)."""
    lowered = model.lower()
    providers: dict[str, str] = table().get("providers", {})
    return next((p for prefix, p in providers.items() if lowered.startswith(prefix)), None)
