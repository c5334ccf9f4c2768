"""Agent names a tool accepts, and names that are safe as one file name in any folder."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from converter.diagnostics import Code, Diagnostics
from converter.io.globs import where
from converter.registry import ReadContext
from converter.targets.rules import TargetRules


def safe_name(name: str, rules: TargetRules, diags: Diagnostics | None) -> str:
    """The name, made to match the tool's pattern (lowercase, dashes) when it does not:
    letters with accents keep their base letter (`Revisor de Código` is `revisor-de-codigo`,
    not `revisor-de-c-digo`)."""
    if rules.name_max is not None and too_long(name, rules.name_max):
        return _cut(name, rules, diags)
    if rules.name_pattern is None or _pattern(rules.name_pattern).fullmatch(name):
        return name
    fixed = re.sub(r"[^a-z0-9-]+", "-", latin(name).lower()).strip("-") or _unlatin(name)
    if not re.fullmatch(rules.name_pattern, fixed):  # "Sensei - Mentor": one dash, not three
        fixed = re.sub(r"-{2,}", "-", fixed)
    if rules.name_max is not None and too_long(fixed, rules.name_max):
        return _cut(fixed, rules, diags, name)
    if diags is not None:
        rule = rules.name_rule or rules.name_pattern
        diags.add(
            Code.NAME_CHANGED,
            f"{rules.display or rules.tool} loads the name {name!r} as written, but "
            f"{name_advice(rules)}; it is written {fixed!r}"
            if rules.name_advised
            else f"{rules.tool} needs a name of {rule}; {name!r} is written {fixed!r}",
            field="name",
        )
    return fixed


def name_advice(rules: TargetRules) -> str:
    """Why a name outside the tool's pattern, which it loads as written, is written anew."""
    rule = rules.name_rule or rules.name_pattern
    return rules.name_advice or f"its documentation asks for a name of {rule}"


def too_long(name: str, most: int) -> bool:
    """True if `name` is longer than `most` as JavaScript counts it (UTF-16 code units: a
    character outside the Basic Multilingual Plane, an emoji, counts twice)."""
    return len(name) > most or (2 * len(name) > most and len(name.encode("utf-16-le")) > 2 * most)


def _cut(name: str, rules: TargetRules, diags: Diagnostics | None, written: str = "") -> str:
    """`name` cut to the tool's longest name (Claude Code 2.1.332 leaves out an agent whose
    name is longer: "names must be at most 256 characters"), then made its pattern's again."""
    most = rules.name_max or 0
    cut = name[:most]
    while too_long(cut, most):
        cut = cut[:-1]
    cut = cut.rstrip("-") or "agent"
    fixed = safe_name(cut, rules, None)
    if diags is not None:
        diags.add(
            Code.NAME_CHANGED,
            f"{rules.display or rules.tool} loads no agent whose name is longer than {most:,} "
            f"characters; {(written or name)[:40]!r}... ({len(written or name):,} characters) is "
            f"written {fixed[:40]!r}... ({len(fixed):,})",
            field="name",
        )
    return fixed


def refused_name(name: str, rules: TargetRules) -> bool:
    """True if the tool does not load an agent of this name at all."""
    refused = rules.name_refused and re.search(rules.name_refused, name)
    return bool(refused) or (rules.name_max is not None and too_long(name, rules.name_max))


@lru_cache(maxsize=32)
def _pattern(text: str) -> re.Pattern[str]:
    """A tool's name pattern, compiled once (asked twice per agent written)."""
    return re.compile(text)


#: Latin letters that Unicode does not decompose into a base letter and a mark
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "\u0131": "i"}
)  # fmt: skip


#: names spelled with signs a slug drops: `C# Expert` and `C++ Expert` were both `c-expert`
#: (and refused as one name), `.NET Upgrade` was `net-upgrade`
#: (compiled on first use by re's own cache: most names hold none of `#`, `+`, `.`)
_SIGNS = (
    (r"(?<![a-z0-9])c\+\+", "cpp "),
    (r"(?<=[a-z])#", "sharp "),
    (r"(?<![a-z0-9])\.net\b", " dotnet "),
)


def latin(name: str) -> str:
    """The name in ASCII letters, as a slug would spell it: each accented letter as its base
    letter (NFKD, marks dropped), `C#` as `Csharp`, `C++` as `cpp`, `.NET` as `dotnet`."""
    if not name.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    if "#" in name or "+" in name or "." in name:
        for sign, spelled in _SIGNS:
            name = re.sub(sign, spelled, name, flags=re.IGNORECASE)
    return name


def _unlatin(name: str) -> str:
    """A name with no Latin letter or digit (`代码审查`, emoji): `agent-` and a short digest of
    it, the same on every run, so that two such agents do not both become `agent`."""
    if not name.strip():
        return "agent"
    import hashlib

    return "agent-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def path_named(context: ReadContext, folders: tuple[str, ...]) -> ReadContext:
    """`context` with the name a tool gives a Markdown agent by its path under the last of
    `folders` it lies in, nested folders kept (`core/coder` for `.../agent/core/coder.md`
    under "/agent/"); unchanged outside them. OpenCode and Kiro name agents without `name` so."""
    if context.stem is None:
        return context
    posix = "/" + where(context.path).replace("\\", "/")  # the folder, whatever was typed
    at, folder = max((posix.rfind(f), f) for f in folders)
    if at < 0 or not posix.endswith(".md"):
        return context
    named = posix[at + len(folder) : -len(".md")]
    return replace(context, stem=named) if named and named != context.stem else context


def file_name(name: str) -> str:
    """A name usable as one file name in any folder: no separators, dots, NUL or devices.

    An agent's `name` comes from the file, so it must never choose a path (`../x`, `/etc/x`,
    `C:x`, `NUL`); what is not a plain name becomes one. File systems limit a name to 255
    bytes; a few are kept for the extension.
    """
    text = _NOT_IN_FILE_NAMES.sub("-", name).strip(" .-")
    if not text or text.upper().split(".")[0] in _DEVICE_NAMES:
        text = f"agent-{text}" if text else "agent"
    encoded = text.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        text = encoded[:_MAX_NAME_BYTES].decode("utf-8", "ignore")
    return text


#: separators, characters Windows refuses, control characters (C0, DEL, C1), and the
#: invisible format characters that make a name read as another: bidirectional overrides
#: (`\u202egnp.exe` shows as `exe.png`), zero-width ones, the byte-order mark, line and
#: paragraph separators
_NOT_IN_FILE_NAMES = re.compile(
    r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+'
)

#: 255 bytes per name (ext4, APFS, NTFS in UTF-16 units), less room for ".agent.md" and more
_MAX_NAME_BYTES = 255 - 32

_DEVICE_NAMES = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{n}" for n in range(1, 10)),
        *(f"LPT{n}" for n in range(1, 10)),
    }
)
