"""The commands that look without writing: `diff`, `validate`, `formats`, `schema`."""

from __future__ import annotations

import json

from converter.cli.convert import read_stdin
from converter.cli.report import (
    EXIT_FAILED,
    EXIT_OK,
    Report,
    echo,
    known_codes,
    out,
    plural,
    registry_notes,
    visible,
)
from converter.cli.spec import Arguments
from converter.errors import ConverterError
from converter.options import ReadOptions


def run_diff(a: Arguments) -> int:
    from converter.api import load
    from converter.merging.diff import model_diff, render_diff

    options = ReadOptions(max_nodes=a.max_nodes, max_depth=a.max_depth)
    try:
        old = load(a.old, options=options, max_bytes=a.max_size)
        new = load(a.new, options=options, max_bytes=a.max_size)
        difference = model_diff(old, new)
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    if a.quiet:
        pass
    elif a.as_json:
        out(json.dumps(difference, indent=2, ensure_ascii=False) + "\n")
    else:
        for line in render_diff(difference) or ["no difference"]:
            out(visible(line) + "\n")  # the agents' values, for a reader: never raw escapes
    return EXIT_FAILED if difference else EXIT_OK


def run_validate(a: Arguments) -> int:
    from converter.io.inputs import STDIN
    from converter.io.validation import validate_files

    if a.tools:
        from converter.cli.fix import run_validate_for

        return run_validate_for(a)
    try:
        ignore = known_codes(a.ignore)
        report = Report(ignore=ignore, verbose=a.verbose)
        stdin = read_stdin(a.max_size) if STDIN in a.sources else None
        checked, notes = validate_files(
            a.sources,
            target=a.target,
            source_format=a.from_format,
            read_options=ReadOptions(max_nodes=a.max_nodes, max_depth=a.max_depth),
            max_bytes=a.max_size,
            stdin=stdin,
        )
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    problems = failed = 0
    for note in notes:
        report.diagnostic(note)
    for item in checked:
        if item.error is not None:
            report.error(item.error)
            failed += 1
            continue
        issues = [n for n in item.issues if str(n.code) not in ignore]
        for note in (*item.notes, *issues):
            if str(note.code) not in ignore:
                echo(note.render())
        problems += len(issues)
    files = len({item.job.shown for item in checked})
    # README.md, package.json, node_modules... in a folder: said, so "1 file checked" of a
    # project root does not look like a miss
    skipped = sum(1 for note in notes if str(note.code) == "input-skipped")
    if not a.quiet:
        echo(
            f"{plural(files, 'file')} checked"
            + (f" ({skipped:,} skipped; --verbose says why)" if skipped else "")
            + f": {plural(problems, 'rule issue')}, {failed:,} unreadable"
        )
    registry_notes()
    if report.internal:  # a bug met on some file (70), as convert says it
        return report.exit_code
    return EXIT_FAILED if problems or failed else EXIT_OK


def run_formats(a: Arguments) -> int:
    from converter.registry import default_registry

    if a.as_json:
        listed = [
            {
                "name": fmt.name,
                "aliases": list(fmt.aliases),
                "files": list(fmt.filenames),
                "extension": fmt.extension,
                "carries": sorted(fmt.carries),
                "summary": fmt.summary,
                "layout": getattr(fmt, "layout", None),
                "lossless": bool(getattr(fmt, "lossless", True)),
            }
            for fmt in default_registry()
        ]
        out(json.dumps(listed, indent=2, ensure_ascii=False) + "\n")
        registry_notes()
        return EXIT_OK
    formats = list(default_registry())
    width = max(len(fmt.name) for fmt in formats)  # one column, whatever the names
    for fmt in formats:
        aliases = ", ".join(fmt.aliases) or "-"
        patterns = " ".join(fmt.filenames) or "-"
        out(f"{fmt.name:<{width}} {fmt.summary}\n")
        out(f"{'':<{width}} aliases: {aliases}; files: {patterns}\n")
        out(f"{'':<{width}} carries: {', '.join(sorted(fmt.carries))}\n")
    registry_notes()
    return EXIT_OK


def run_schema(a: Arguments) -> int:
    from converter.canonical import json_schema

    out(json.dumps(json_schema(), indent=2) + "\n")
    return EXIT_OK


def run_models(a: Arguments) -> int:
    from converter.targets import vocabulary

    data = vocabulary.table()
    rows = {name: dict(row) for name, row in data["models"].items()}
    table = {
        "checked": dict(data.get("model_checks", {})),
        "aliases": rows,
        "alias_spellings": dict(data.get("model_aliases", {})),
        "catalogs": {tool: list(ids) for tool, ids in data.get("model_catalogs", {}).items()},
        "offers": {tool: list(ids) for tool, ids in data.get("model_offers", {}).items()},
        "exact_spellings": {
            tool: dict(spelling) for tool, spelling in data.get("model_spellings", {}).items()
        },
    }
    if a.as_json:
        out(json.dumps(table, indent=2) + "\n")
        return EXIT_OK
    tools = sorted({tool for row in rows.values() for tool in row} | set(table["checked"]))
    width = max(len(t) for t in tools)
    for name, row in rows.items():
        out(f"{name}\n")
        for tool in tools:
            out(f"  {tool:<{width}}  {row.get(tool, '-  (left out: model-unmapped)')}\n")
    from converter.targets import models

    example = "claude-sonnet-4-6"
    out(f"\nexact models (a name of one, in any tool's spelling; e.g. {example}):\n")
    for tool in table["exact_spellings"]:
        spelt = models.exact_spellings(tool, example)
        out(f"  {tool:<{width}}  {spelt[-1] if spelt else '-'}\n")
    out("\ncatalogs (a target with one writes no other model id):\n")
    for tool, ids in table["catalogs"].items():
        out(f"  {tool}: {len(ids)} ids, e.g. {', '.join(ids[:4])}\n")
    out("\nmodels offered (another is its family's model there, or left out, and said):\n")
    for tool, ids in table["offers"].items():
        out(f"  {tool}: {', '.join(ids)}\n")
    out("\nchecked against:\n")
    for tool, line in table["checked"].items():
        out(f"  {tool}: {line}\n")
    return EXIT_OK
