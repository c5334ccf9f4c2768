"""What a command tells its user, and the exit code it ends with (as Black's `Report`).

A `Report` is told each result and diagnostic; it prints them to stderr as they come, keeps
the counts, and owns the exit-code policy (README, "Exit codes"). Only the CLI uses it.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING

from converter.diagnostics import Code, Diagnostic, Severity
from converter.errors import ConverterError
from converter.io import beside

if TYPE_CHECKING:
    from converter.io.batch import Result

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STRICT, EXIT_INTERNAL = 0, 1, 2, 3, 70

#: said once per run with a count, not once per file, unless --verbose
_SUMMARISED = frozenset({Code.FRONTMATTER_REPAIRED})


_COLOR = {"on": False}
_PAINT = (
    ("error", "\033[1;31m"),
    ("warning", "\033[33m"),
    ("refused", "\033[31m"),
    ("CONFLICT", "\033[1;31m"),
    ("info", "\033[36m"),
)


def set_color(mode: str) -> None:
    """--color auto|always|never. auto: colour on a terminal, unless NO_COLOR is set
    (no-color.org); FORCE_COLOR asks for colour even through a pipe.

    Raises:
        UsageError: another mode.
    """
    import os

    if mode not in ("auto", "always", "never"):
        from converter.errors import UsageError

        raise UsageError(f"--color takes auto, always or never, not {mode!r}")
    if mode == "auto":
        if os.environ.get("NO_COLOR"):
            on = False
        elif os.environ.get("FORCE_COLOR"):
            on = True
        else:
            on = sys.stderr.isatty()
    else:
        on = mode == "always"
    _COLOR["on"] = on


def out(text: str) -> None:
    """Print a command's output to stdout, flushed now: a full disk or a failing device is
    an OutputError here, not a traceback when Python exits. A closed pipe (`| head`)
    raises BrokenPipeError, which the command line ends quietly (converter/cli/__init__.py).

    Raises:
        OutputError: stdout cannot be written.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from converter.errors import OutputError, SourceSpan

        raise OutputError(
            f"cannot write the output: {error.strerror or error}", span=SourceSpan("<stdout>")
        ) from None


def echo(text: str) -> None:
    """A message to stderr. Control characters from file names and values (a repository can
    hold a file named `\x1b[2J.md`) are shown escaped, as git quotes such paths: written as
    they are, they would clear the screen, recolour it or reorder the line."""
    if not text.isprintable():
        text = visible(text)
    if _COLOR["on"]:
        text = _painted(text)
    sys.stderr.write(text + "\n")


def visible(text: str) -> str:
    """`text` with its control characters (but line feeds and tabs) written as escapes."""
    import re

    # line feeds and tabs lay the message out; C0, DEL, C1 and bidirectional controls do not
    unsafe = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    return unsafe.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), text)


def _painted(text: str) -> str:
    """The severity word of a message in its colour (`path:1:2: warning[code]: ...`)."""
    import re

    for word, colour in _PAINT:
        found = re.search(rf"(^|: ){word}(?=[\[:( ])", text)
        if found:
            start = found.start() + len(found[1])
            end = start + len(word)
            return f"{text[:start]}{colour}{word}\033[0m{text[end:]}"
    return text


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 input`, `2 inputs`, `1 warning`."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


class Report:
    """Counts, messages and the exit code of one command run."""

    def __init__(
        self,
        *,
        verbose: bool = False,
        quiet: bool = False,
        debug: bool = False,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self.verbose = verbose
        #: diagnostic codes neither shown nor counted (--ignore)
        self.ignore = ignore
        self.quiet = quiet
        self.debug = debug
        self.statuses: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.warnings = 0
        self.failed = 0
        self.internal = False
        self.summarised: Counter[str] = Counter()
        #: a message per summarised code (the first one seen), for the closing line
        self.first: dict[str, Diagnostic] = {}
        #: errors already printed, as printed
        self.shown_errors: set[str] = set()
        #: walked files that are no agent (README.md, package.json...), as shown
        self.passed_over: list[str] = []
        self.folders_passed_over = 0

    def diagnostic(self, note: Diagnostic) -> None:
        if str(note.code) in self.ignore:
            return
        if note.severity is Severity.WARNING:
            self.warnings += 1
            self.codes[str(note.code)] += 1
            if note.code in _SUMMARISED and not self.verbose:
                self.summarised[str(note.code)] += 1
                self.first.setdefault(str(note.code), note)
                return
            if not self.quiet:
                echo(note.render())
        elif self.verbose:
            echo(note.render())

    def walk_note(self, note: Diagnostic) -> None:
        """A note of the inputs' walk; a file it passed over (a tool's command or skill, not
        an agent: converter/io/beside.py) counts with the walked files skipped."""
        if (
            note.code is Code.INPUT_SKIPPED
            and note.span is not None
            and note.span.path != "<inputs>"
        ):
            self.passed_over.append(note.span.path)
            if note.message.endswith(beside.FOLDER_NOTE_END):  # a whole folder, not a file
                self.folders_passed_over += 1
        self.diagnostic(note)

    def error(self, error: ConverterError, trace: str | None = None) -> None:
        """An error that is not one input's result (a usage error, an unreadable variant)."""
        self.failed += 1
        self._show(error, trace)

    def _show(self, error: ConverterError, trace: str | None) -> None:
        if error.exit_code == EXIT_INTERNAL:
            self.internal = True
        text = error.render()
        # the agents that share one output file (Roo's .roomodes) share its error: said once
        if text in self.shown_errors:
            return
        self.shown_errors.add(text)
        echo(text)
        if self.debug and trace:
            echo(trace)

    def result(self, result: Result) -> None:
        """One input's outcome: its diagnostics, then its error or where it went."""
        from converter.io.batch import Status

        self.statuses[str(result.status)] += 1
        if result.status is Status.SKIPPED:
            self.passed_over.append(result.job.shown)
        for note in result.diagnostics:
            self.diagnostic(note)
        if result.diff:
            out(result.diff)
        if result.error is not None:
            self._show(result.error, result.trace)
        elif result.status is Status.PRINTED and result.text is not None:
            out(result.text)
        elif result.status is Status.WOULD_CHANGE and not self.quiet:
            echo(f"would change: {result.destination}")
        elif result.status is Status.WRITTEN and self.verbose and result.destination:
            # where each output went: a tool's layout puts it in a hidden folder
            echo(f"wrote: {result.destination} (from {result.job.shown})")
        elif result.status is Status.REFUSED:
            echo(f"{result.job.shown}: not written: warnings under --strict")

    def closing(self, total: int, noun: str = "input", *, summary: bool = True) -> None:
        """Summarised diagnostics, then one summary line (plurals right, counts by status);
        with --quiet, neither (errors only)."""
        for code, count in sorted(self.summarised.items() if not self.quiet else ()):
            first = self.first[code]
            echo(
                f"warning[{code}]: {plural(count, 'place')} (first: {first.span}); "
                f"{first.message} (--verbose lists each)"
            )
        if not summary or self.quiet:
            return
        if self.passed_over and not self.verbose:
            shown = ", ".join(self.passed_over[:3]) + (", ..." if len(self.passed_over) > 3 else "")
            files = len(self.passed_over) - self.folders_passed_over
            counted = [plural(files, "file")] if files else []
            if self.folders_passed_over:
                counted.append(plural(self.folders_passed_over, "folder"))
            echo(
                f"note: {' and '.join(counted)} skipped in the folders walked, as no "
                f"agent or a file its tool does not load ({shown}; --verbose says why)"
            )
        if len(self.codes) > 1 or (self.codes and total > 1):
            counts = sorted(self.codes.items(), key=lambda item: (-item[1], item[0]))
            echo("warnings by code: " + ", ".join(f"{code} {n:,}" for code, n in counts))
        parts = [f"{n:,} {status}" for status, n in sorted(self.statuses.items())]
        echo(f"{plural(total, noun)}: {', '.join(parts)}; {plural(self.warnings, 'warning')}")

    @property
    def exit_code(self) -> int:
        if self.internal:
            return EXIT_INTERNAL
        if self.statuses.get("failed") or self.failed:
            return EXIT_FAILED
        if self.statuses.get("refused"):
            return EXIT_STRICT
        if self.statuses.get("would-change"):
            return EXIT_FAILED
        return EXIT_OK


def known_codes(codes: list[str] | None) -> frozenset[str]:
    """--ignore's codes, each checked.

    Raises:
        UsageError: a code no diagnostic has.
    """
    found = frozenset(codes or ())
    known = {str(code) for code in Code}
    for code in sorted(found - known):
        import difflib

        from converter.errors import UsageError

        close = difflib.get_close_matches(code, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "README, 'Diagnostic codes', lists them"
        raise UsageError(f"--ignore: no diagnostic has the code {code!r}", hint=hint)
    return found


def registry_notes() -> None:
    """Plugins that clashed or failed to load, said on stderr (never silently ignored)."""
    from converter.registry import default_registry

    registry = default_registry()
    if registry.plugins_loaded:
        for note in registry.diagnostics:
            echo(note.render())
