"""Whether we say Codex ignores a role file exactly when Codex does, for every key it could
hold: Codex publishes no list of the keys a role file takes (it ignores the role for any
other, "unknown field `color`"), so every field name of its binary's serde tables (each a
pointer and a length in `.data.rel.ro`, about 11,800 names) is offered to `codex doctor` in
a role of its own, and each of the keys it takes with values of every kind. A role Codex
lists to the model is one it loaded (its warnings hide some names as secrets, its roster
does not). formats/_codex_keys.py holds the table this checks.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import tools as loaders
from refusals import _we_refuse

from formats._codex_keys import KINDS

#: values of every kind TOML has, for each key Codex takes
VALUES = ['"zz"', '""', "1", "-1", "70000", "1.5", "true", "[]", '["a"]', "[1]", "{}",
          "{ a = 1 }", "{ a = true }", '{ a = "x" }', "{ a = {} }"]  # fmt: skip
_NAME = re.compile(rb"[a-z_][a-z0-9_]{0,63}\Z")
_OWN = ("name", "description", "developer_instructions")


def binary(tools: Path) -> Path:
    """Codex's own executable (the npm package's launcher starts it)."""
    found = sorted(tools.glob("node_modules/@openai/codex-*/vendor/*/bin/codex"))
    if not found:
        raise FileNotFoundError(f"no Codex executable under {tools}")
    return found[0]


def field_names(executable: Path) -> set[str]:
    """Every name a (pointer, length) pair of the executable's relocated read-only data
    points to in `.rodata`: serde's field tables among them (ELF, 64-bit, little-endian)."""
    data = executable.read_bytes()
    sections = _sections(data)
    ro_addr, ro_off, ro_size = sections[".rodata"]
    _, table_off, table_size = sections.get(".data.rel.ro", sections[".rodata"])
    found = set()
    for at in range(table_off, table_off + table_size - 16, 8):
        pointer, length = struct.unpack_from("<QQ", data, at)
        if 0 < length <= 64 and ro_addr <= pointer < ro_addr + ro_size:
            start = pointer - ro_addr + ro_off
            name = data[start : start + length]
            if _NAME.match(name):
                found.add(name.decode())
    return found


def _sections(data: bytes) -> dict[str, tuple[int, int, int]]:
    """Each section's name: (address, file offset, size)."""
    shoff, = struct.unpack_from("<Q", data, 0x28)  # fmt: skip
    entsize, count, names_index = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQ", data, shoff + i * entsize) for i in range(count)]
    names_at = headers[names_index][4]
    result = {}
    for name_off, _kind, _flags, addr, offset, size in headers:
        end = data.index(b"\0", names_at + name_off)
        result[data[names_at + name_off : end].decode()] = (addr, offset, size)
    return result


def judge(tools: Path, work: Path) -> tuple[int, int, list[str]]:
    """(roles where we agree with Codex, roles, each difference)."""
    lines = [f"{name} = {VALUES[0]}" for name in sorted(field_names(binary(tools)) - {*_OWN})]
    lines += [f"{key} = {value}" for key in KINDS for value in VALUES[1:]]
    project = work / "project"
    folder = project / ".codex" / "agents"
    folder.mkdir(parents=True)
    paths = []
    for number, line in enumerate(lines):
        path = folder / f"role{number}x.toml"
        path.write_text(
            f'name = "role{number}x"\ndescription = "d"\ndeveloper_instructions = "x"\n{line}\n',
            encoding="utf-8",
        )
        paths.append(path)
    _warnings, prompt = loaders.codex(tools, project)
    listed = {int(n) for n in re.findall(r"role(\d+)x:", prompt)}
    differences, known = [], []
    for number, (line, path) in enumerate(zip(lines, paths, strict=True)):
        refused = number not in listed
        said = _we_refuse("codex", path)
        if refused == bool(said):
            continue
        key, _, value = line.partition(" = ")
        table = "map" in KINDS.get(key, "")
        # the limits formats/_codex_keys.py states: a table's own keys are not checked, nor
        # serde's spelling of a table as the list of its fields
        if table and value[0] == ("{" if refused else "["):
            known.append(f"`{line}` ({'ignored' if refused else 'loaded'})")
            continue
        differences.append(
            f"codex: `{line}` — Codex {'ignores the role' if refused else 'loads it'}; "
            f"we say {said[:1] or 'nothing'}"
        )
    return len(lines) - len(differences), len(lines), differences + known


def report(agreed: int, total: int, differences: list[str]) -> list[str]:
    """The report's section; `agreed` counts the known limits (listed) as agreeing."""
    known = [d for d in differences if d.startswith("`")]
    lines = [
        "",
        "## Reading: the keys of a Codex role",
        "",
        f"On {agreed - len(known):,}/{total:,} Codex roles, each with one key (every field "
        f"name of Codex's executable, and each of the {len(KINDS)} keys a role takes with "
        "values of every kind), `agentmorph validate` says Codex ignores the role exactly "
        "when Codex does (it lists the roles it loads to the model)"
        + (f"; the other {len(known)} are the known limits below." if known else "."),
    ]
    lines += [f"- Differs: {d}" for d in differences if not d.startswith("`")]
    if known:
        lines.append(
            "- Known limits (formats/_codex_keys.py): a table's own keys are not checked, nor "
            "serde's spelling of a table as the list of its fields: " + ", ".join(known)
        )
    return lines
