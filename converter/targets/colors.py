"""An agent's colour between a tool that takes names and one that takes shades (`#RRGGBB`):
a name goes as its shade, a shade as the name of the nearest shade ([colors] in
vocabulary.toml; Claude Code's eight names, OpenCode's shades). Code names no tool."""

from __future__ import annotations

import re
from typing import Any

from converter.targets import vocabulary

_SHADE = re.compile(r"#[0-9a-fA-F]{6}")


def fit(target: str, value: Any) -> str | None:
    """`value` as `target` takes a colour, or None where it takes none like it (a theme's
    name such as `primary` has no one shade, a text that is no colour no place at all)."""
    table = vocabulary.table().get("colors", {})
    palette: dict[str, str] = table.get("palette", {})
    if not isinstance(value, str):
        return None
    if target == table.get("shades"):
        if _SHADE.fullmatch(value) or value in table.get("theme_names", ()):
            return value
        return palette.get(value)
    if target == table.get("names"):
        if value in palette:
            return value
        return nearest(value, palette) if _SHADE.fullmatch(value) else None
    return value


def nearest(shade: str, palette: dict[str, str]) -> str:
    """The palette's name whose shade is nearest `shade` (by red, green and blue)."""
    wanted = _rgb(shade)

    def distance(name: str) -> int:
        return sum((a - b) ** 2 for a, b in zip(_rgb(palette[name]), wanted, strict=True))

    return min(palette, key=distance)


def how(source: str, value: str, target: str, fitted: str) -> str:
    """What a colour of the tool `source` written as `target`'s became, for a note."""
    palette: dict[str, str] = vocabulary.table().get("colors", {}).get("palette", {})
    if value in palette:
        return f"the shade {source} shows its {value} in"
    if palette.get(fitted, "").lower() == value.lower():
        return f"the name {target} shows in that shade"
    return f"the name of the nearest shade {target} shows ({palette.get(fitted)})"


def _rgb(shade: str) -> tuple[int, int, int]:
    return int(shade[1:3], 16), int(shade[3:5], 16), int(shade[5:7], 16)
