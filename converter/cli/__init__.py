"""The `agentmorph` command line: the only code that prints or exits.

Every library error maps to an exit code through one policy (converter/cli/report.py;
README, "Exit codes"): 0 ok; 1 an input failed, --check found changes, or a merge has
conflicts; 2 usage; 3 warnings under --strict; 70 an internal error (a bug; please report).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's: --version must not import it (converter/__init__.py)
if TYPE_CHECKING:
    from typing import Any


def run() -> None:
    """The console script and `python -m converter`: `main`, then an exit that does not free
    every object one by one, as mypy's `hard_exit` does (mypy/util.py). A merge of a hundred
    variants holds hundreds of thousands of objects, and freeing them at exit took longer
    than Python's own start-up. A caller of `main` keeps Python's ordinary exit."""
    try:
        main()
    except SystemExit as done:
        _leave(done.code)
        raise
    _leave(0)


def main() -> None:
    """The command line: runs the command `sys.argv` names; raises SystemExit with its exit
    code (README, "Exit codes")."""
    try:
        _command()
    except KeyboardInterrupt:
        sys.stderr.write("agentmorph: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # whoever read stdout stopped (`| head`): end quietly with 1, and point stdout at
        # devnull so that Python's own flush at exit fails no more (docs.python.org,
        # library/signal.html, "Note on SIGPIPE")
        import contextlib
        import os

        with contextlib.suppress(OSError, ValueError):  # stdout is no file: nothing to point
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as error:
        # Raised past a command's own handling. Ours: stdout could not be written
        # (report.out). An OSError without a file name: help or --version could not be
        # written (a full disk). Anything else is a bug; its traceback is the report we ask
        # for.
        from converter.errors import ConverterError

        if isinstance(error, ConverterError):
            sys.stderr.write(error.render() + "\n")
            sys.exit(error.exit_code)
        if isinstance(error, OSError) and error.filename is None:  # a stream, not a file
            sys.stderr.write(f"error: cannot write the output: {error.strerror or error}\n")
            sys.exit(1)
        raise


def _command() -> None:
    # `--version` answers before anything else loads, so hooks and scripts that probe us
    # stay fast.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from converter import __version__

        sys.stdout.write(f"agentmorph {__version__}\n")
        sys.stdout.flush()  # a failure shows here, as an error, not at exit
        return
    _interrupt_on_sigterm()
    _collect_less()
    code = _fast(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from converter.cli.app import app

    app(prog_name="agentmorph")


def _fast(argv: list[str]) -> int | None:
    """A plain call (`convert`, `sync`, `merge`...) runs without loading typer, which costs
    several times the interpreter's own start-up: its options are parsed from the same
    specs (converter/cli/spec.py). Anything else goes to typer: help, a usage error, an
    option given several times."""
    if not argv or argv[0].startswith("-"):
        return None
    import importlib

    from converter.cli.commands import COMMANDS
    from converter.cli.spec import fast_arguments

    command = next((c for c in COMMANDS if c.name == argv[0]), None)
    arguments = None if command is None else fast_arguments(command, argv[1:])
    if command is None or arguments is None:
        return None
    if any(option.name == "color" for option in command.options):
        from converter.cli.report import echo, set_color
        from converter.errors import UsageError

        try:  # as the typer path does before every command (converter/cli/app.py)
            set_color(arguments.color)
        except UsageError as error:
            echo(error.render())
            return error.exit_code
    module, _, name = command.handler.partition(":")
    handler = getattr(importlib.import_module(module), name)
    import gc

    gc.freeze()  # what the imports made lives until exit: never scanned again
    code: int = handler(arguments)
    return code


def _collect_less() -> None:
    """Tune Python's cycle collector for one short command, as mypy does (mypy/build.py,
    `gc.set_threshold(200 * 1000, 30, 30)`): a collection waits for 200,000 new objects
    instead of 700, from the first import on (the imports alone made the collector run
    dozens of times, 3% of a one-file convert's instructions), and what the imports made
    is never scanned again (`gc.freeze`, once they are done). A merge makes hundreds of
    thousands of objects that live to its end; scanning them again and again cost a tenth
    of its time (at 10,000: 23 ms of a merge of 100 variants, 6 ms of 1,000 agents to
    Codex; now under 2 ms each). What a conversion
    leaves in reference cycles is little: no writer or reader makes one per file (a
    recursive closure or `json.dumps(indent=...)` did: formats/_json_text.py), and a
    result keeps no traceback (converter/io/batch.py), so memory stays as it was."""
    import gc

    gc.set_threshold(200_000, 30, 30)


def _leave(code: object) -> None:
    """Exit now with `code` when nothing is left to finish: the output flushed, no thread or
    worker process running. Otherwise return, and Python exits as usual."""
    import os

    if code is None:
        code = 0
    if not isinstance(code, int):  # sys.exit("message"): Python prints it
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.active_children():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or full output: Python's exit says so
        return
    os._exit(code)


def _interrupt_on_sigterm() -> None:
    """SIGTERM stops a batch like Ctrl-C: the file being written is dropped, none is partial."""
    # `signal` only wraps the C module's functions to give back enums, and building its
    # enums costs ~1 ms of every run; the C module installs the same handler
    import _signal  # type: ignore[import-not-found]
    import contextlib

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # not the main thread, or a platform without SIGTERM: nothing to install
    with contextlib.suppress(ValueError, OSError, AttributeError):
        _signal.signal(_signal.SIGTERM, interrupt)


def build_app() -> Any:
    """The typer application (tests drive it through typer's runner)."""
    from converter.cli.app import app

    return app
