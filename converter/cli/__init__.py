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


def main() -> None:
    """Console-script entry point."""
    # `--version` answers before anything else loads, so hooks and scripts that probe us
    # stay fast.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from converter import __version__

        sys.stdout.write(f"agentmorph {__version__}\n")
        return
    _interrupt_on_sigterm()
    try:
        code = _fast(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from converter.cli.app import app

        app(prog_name="agentmorph")
    except KeyboardInterrupt:
        sys.stderr.write("agentmorph: interrupted\n")
        sys.exit(130)


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
    code: int = handler(arguments)
    return code


def _interrupt_on_sigterm() -> None:
    """SIGTERM stops a batch like Ctrl-C: the file being written is dropped, none is partial."""
    import contextlib
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # not the main thread, or a platform without SIGTERM: nothing to install
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGTERM, interrupt)


def build_app() -> Any:
    """The typer application (tests drive it through typer's runner)."""
    from converter.cli.app import app

    return app
