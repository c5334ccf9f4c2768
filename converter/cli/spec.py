"""How a command's arguments and options are written once, and parsed without typer.

typer's options (converter/cli/app.py) and the fast start-up path for `convert` (below)
are both built from the specs in converter/cli/commands.py, so adding an option means
adding one `Opt`. Importing this module loads no third-party package.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from converter.options import MAX_BYTES, MAX_DEPTH, MAX_NODES


# Records, not dataclasses: a hundred options are made at every start, and a NamedTuple is
# made without `exec` (a frozen dataclass costs ~0.6 ms to define here, a NamedTuple ~0.16)
class Opt(NamedTuple):
    """One option: its Python name, its flags, its type and default, its help."""

    name: str
    flags: tuple[str, ...]
    help: str
    #: bool (a flag), str, int or float
    kind: type = bool
    default: Any = False
    metavar: str | None = None
    #: the value may be absent (None)
    optional: bool = False
    #: the option may be given several times (a list)
    multiple: bool = False
    #: bounds for numbers (inclusive)
    minimum: float | None = None
    maximum: float | None = None


class Arg(NamedTuple):
    """One positional argument."""

    name: str
    metavar: str
    help: str
    #: several values (files, folders)
    many: bool = True


class Command(NamedTuple):
    """One command of the command line: its name, help, arguments and options."""

    name: str
    #: the first line of the help, then more; examples go under "Examples:"
    help: str
    arguments: tuple[Arg, ...] = ()
    options: tuple[Opt, ...] = ()
    #: the module:function that runs it with an `Arguments` and returns the exit code
    handler: str = ""


class Arguments:
    """A command's values by option name (filled by typer, or by the fast path)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        if values.get("output") == "-":
            # `-o -` is standard output, as `-` is standard input (pandoc's and sort's
            # convention); it once wrote a file named `-`
            self.output = None

    def __getattr__(self, name: str) -> Any:  # only for names no spec set: a bug
        raise AttributeError(f"no option {name!r}")


def defaults(command: Command) -> dict[str, Any]:
    found: dict[str, Any] = {opt.name: opt.default for opt in command.options}
    for arg in command.arguments:
        found[arg.name] = [] if arg.many else None
    return found


# Options several commands share.
QUIET = Opt("quiet", ("--quiet", "-q"), "Show errors only (no progress bar, no summary).")
VERBOSE = Opt("verbose", ("--verbose", "-v"), "Also show notes (info diagnostics).")
DEBUG = Opt("debug", ("--debug",), "Show a traceback for internal errors.")
FORCE = Opt("force", ("--force",), "Overwrite existing output files (never an input).")
FROM = Opt(
    "from_format",
    ("--from", "-f"),
    "Input format; default: detected from the name, then the content.",
    str,
    None,
    "FMT",
    optional=True,
)
MAX_SIZE = Opt(
    "max_size", ("--max-size",), "Largest input to read.", int, MAX_BYTES, "BYTES", minimum=1
)
MAX_NODES_OPT = Opt(
    "max_nodes",
    ("--max-nodes",),
    "Most YAML values after alias expansion.",
    int,
    MAX_NODES,
    "N",
    minimum=1,
)
MAX_DEPTH_OPT = Opt(
    "max_depth", ("--max-depth",), "Deepest nesting of YAML, JSON or TOML (200 at most).", int, MAX_DEPTH, "N",
    minimum=1,
)  # fmt: skip
LIMITS = (MAX_SIZE, MAX_NODES_OPT, MAX_DEPTH_OPT)
COLOR = Opt(
    "color",
    ("--color",),
    "Colour the messages: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces "
    "it), always or never.",
    str,
    "auto",
    "WHEN",
)
IGNORE = Opt(
    "ignore",
    ("--ignore",),
    "Neither show nor count this diagnostic code (repeatable).",
    str,
    None,
    "CODE",
    multiple=True,
)
INCLUDE = Opt(
    "include",
    ("--include",),
    "Only files of a folder that match this glob (repeatable; '**/' spans folders, a glob "
    "without '/' matches the file name).",
    str,
    None,
    "GLOB",
    multiple=True,
)
EXCLUDE = Opt(
    "exclude", ("--exclude",), "Skip files of a folder that match this glob (repeatable).",
    str, None, "GLOB", multiple=True,
)  # fmt: skip


def fast_arguments(command: Command, argv: list[str]) -> Arguments | None:
    """`argv` parsed without typer, or None when typer must handle it (help, an unknown
    option, a bad value: typer owns every usage message)."""
    flags = {flag: opt for opt in command.options for flag in opt.flags}
    values = defaults(command)
    positional: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        option, equals, attached = token.partition("=")
        if token == "--":
            positional.extend(tokens)
            continue
        if token.startswith("-") and token != "-":
            opt = flags.get(option if equals and option.startswith("--") else token)
            if opt is None or opt.multiple:
                return None
            if opt.kind is bool:
                if equals:
                    return None
                values[opt.name] = True
                continue
            value = attached if equals else next(tokens, None)
            converted = _convert(opt, value)
            if converted is _INVALID:
                return None
            values[opt.name] = converted
            continue
        positional.append(token)
    if not command.arguments:  # a command of options only (sync)
        return None if positional else Arguments(values)
    if not positional or len(command.arguments) != 1 or not command.arguments[0].many:
        return None
    values[command.arguments[0].name] = positional
    return Arguments(values)


_INVALID = object()


def _convert(opt: Opt, value: str | None) -> Any:
    if value is None:
        return _INVALID
    if opt.kind is str:
        return value
    try:
        number = opt.kind(value)
    except ValueError:
        return _INVALID
    if number != number:  # NaN
        return _INVALID
    if opt.minimum is not None and number < opt.minimum:
        return _INVALID
    if opt.maximum is not None and number > opt.maximum:
        return _INVALID
    return number
