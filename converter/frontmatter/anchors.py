"""YAML anchors defined again (`&a` twice in one header): YAML 1.2 has an alias name the
latest node of that anchor, and every tool's parser reads such a header (Claude Code
2.1.332, Gemini CLI 0.61.0, GitHub Copilot CLI 1.0.102, OpenCode 1.18.33, Roo's `yaml`
2.9.1; each seen with its loader), where libyaml's composer refuses it ("found duplicate
anchor"). Each anchor defined again is renamed, with the aliases that follow it, before
libyaml reads the text. Pure text functions.
"""

from __future__ import annotations

import re

#: an anchor's name (YAML 1.2: any character but white space and flow indicators)
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


def unique(text: str) -> str:
    """`text` with each anchor that is defined again renamed from there on (its aliases
    after it too), so that it means what YAML 1.2 says; `text` itself when no anchor is
    defined twice, or when it is not YAML the pure scanner reads (libyaml then says why)."""
    if "&" not in text:
        return text
    names = _ANCHOR.findall(text)
    if len(names) == len(set(names)):
        return text
    from converter.frontmatter.pyyaml import yaml

    edits: list[tuple[int, int, str]] = []
    defined: dict[str, int] = {}
    try:  # the pure scanner: its marks count characters of this text, as Python does
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken):
                defined[token.value] = defined.get(token.value, 0) + 1
                mark = "&"
            elif isinstance(token, yaml.AliasToken):
                mark = "*"
            else:
                continue
            times = defined.get(token.value, 1)
            if times > 1:  # a name no author writes, of libyaml's letters: the second `&a`
                name = f"{token.value}-agentmorph-{times}"  # is `&a-agentmorph-2`
                edits.append((token.start_mark.index, token.end_mark.index, mark + name))
    except (yaml.YAMLError, RecursionError):
        return text
    for start, end, written in reversed(edits):
        text = text[:start] + written + text[end:]
    return text
