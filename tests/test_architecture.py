"""The architecture's rules (docs/architecture.md), checked on the code itself.

Small modules and functions; no import cycle, function-level imports included; no format
imports another; the targets room names no tool; only the CLI prints or exits.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("converter", "formats", "agentmorph")
SOURCES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))
TOOLS = re.compile(
    r"(?<![a-z])(claude|opencode|copilot|gemini|codex|kiro|roo|cursor|kilo|zoo)(?![a-z])",
    re.IGNORECASE,
)


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in SOURCES}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> set[str]:
    """Every project module `path` imports, anywhere in it (TYPE_CHECKING blocks aside):
    `from a.b import c` is an import of module a.b.c when there is one, else of a.b."""
    tree = _tree(path)
    skipped = _type_checking_lines(tree)
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(_deepest(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else _deepest(base))
    found.discard(_module(path))
    found.discard("")
    return found & set(MODULES)


def _deepest(name: str) -> str:
    parts = name.split(".")
    for depth in range(len(parts), 0, -1):
        candidate = ".".join(parts[:depth])
        if candidate in MODULES:
            return candidate
    return ""


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert not _cycles(), f"import cycles: {_cycles()}"


def test_the_import_walk_sees_function_level_imports() -> None:
    # the CLI loads its commands inside functions: the walk must see those edges
    assert "converter.cli.app" in GRAPH["converter.cli"]
    assert "converter.io.parallel" in GRAPH["converter.io.batch"]


def test_the_converter_package_has_at_most_ten_top_level_modules() -> None:
    top = sorted(p.name for p in (ROOT / "converter").glob("*.py"))
    assert len(top) <= 10, top


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{path.name} has {lines} lines (at most 400: split it)"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_stay_small(path: Path) -> None:
    long = [
        f"{node.name} ({(node.end_lineno or 0) - node.lineno + 1} lines)"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or 0) - node.lineno + 1 > 80
    ]
    assert not long, f"functions over 80 lines in {path.name}: {long}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_says_what_it_does_in_its_first_line(path: Path) -> None:
    docstring = ast.get_docstring(_tree(path))
    assert docstring and docstring.strip(), f"{path} has no module docstring"


def test_no_format_imports_another_format() -> None:
    formats = {name for name in MODULES if name.startswith("formats.") and "_format" in name}
    for name in formats:
        others = (GRAPH[name] & formats) - {name}
        assert not others, f"{name} imports {others}: formats meet only in the model"


def _code_words(path: Path) -> list[tuple[int, str]]:
    """Names and string constants of a module, docstrings and comments left out."""
    tree = _tree(path)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                words.append((node.lineno, node.value))
        elif isinstance(node, ast.Name):
            words.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            words.append((node.lineno, node.attr))
        elif isinstance(node, ast.FunctionDef | ast.ClassDef | ast.arg):
            words.append((node.lineno, getattr(node, "name", None) or getattr(node, "arg", "")))
    return words


@pytest.mark.parametrize(
    "path", sorted((ROOT / "converter" / "targets").glob("*.py")), ids=lambda p: p.name
)
def test_the_targets_room_names_no_tool(path: Path) -> None:
    found = [
        f"{path.name}:{line}: {word!r}" for line, word in _code_words(path) if TOOLS.search(word)
    ]
    assert not found, "tool facts belong in vocabulary.toml or a target's rules: " + "; ".join(
        found
    )


def test_only_the_cli_prints_or_exits() -> None:
    offenders = []
    for name, path in MODULES.items():
        if name.startswith("converter.cli") or name == "agentmorph.__main__":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call):
                called = ast.unparse(node.func)
                if called in ("print", "sys.exit", "exit", "typer.echo", "sys.stdout.write"):
                    offenders.append(f"{name}:{node.lineno}: {called}")
    assert not offenders, offenders
