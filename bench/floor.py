"""The floor for conversion speed: read each file, split the frontmatter, parse it with
PyYAML's C loader, dump JSON. No repair, no checks, no model: what any converter must do.

    python bench/floor.py IN_DIR OUT_DIR
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

FRONTMATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main() -> int:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONTMATTER.match(text)
        header, body = (match.group(1), match.group(2)) if match else ("", text)
        try:
            data = yaml.load(header, Loader=Loader) or {}
        except yaml.YAMLError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        data["body"] = body
        (target / (path.stem + ".json")).write_text(json.dumps(data, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
