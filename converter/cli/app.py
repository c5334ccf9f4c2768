"""The typer application: one command per spec in converter/cli/spec.py, at module level.

Each command's parameters are made from its spec (so typer's options and the fast path
never disagree); its work is a handler that takes the values and returns the exit code.
"""

import importlib
import inspect
from collections.abc import Callable
from typing import Any

import typer

from converter.cli import commands, spec

app = typer.Typer(
    name="agentmorph",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from converter import __version__

        typer.echo(f"agentmorph {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_show_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Convert AI coding-agent definitions between formats and tools without losing
    anything, and merge variants of one agent.

    Examples:

      agentmorph convert .claude/agents -o . --to codex   # into .codex/agents/

      agentmorph convert agent.md --to json               # to stdout

      agentmorph merge variants/ -o agent.md              # variants, one agent

      agentmorph init && agentmorph sync                  # every tool, in step

      agentmorph formats                                  # formats and targets
    """


def _parameter(item: spec.Opt | spec.Arg) -> inspect.Parameter:
    kind = inspect.Parameter.KEYWORD_ONLY
    if isinstance(item, spec.Arg):
        annotation: Any = list[str] if item.many else str
        default: Any = typer.Argument(..., metavar=item.metavar, help=item.help, show_default=False)
        return inspect.Parameter(item.name, kind, default=default, annotation=annotation)
    annotation = item.kind
    if item.multiple:
        annotation = list[item.kind] | None  # type: ignore[name-defined]
    elif item.optional:
        annotation = item.kind | None
    default = typer.Option(
        item.default,
        *item.flags,
        help=item.help,
        metavar=item.metavar,
        min=item.minimum,
        max=item.maximum,
        show_default=item.kind is not bool and item.default not in (None, False),
    )
    return inspect.Parameter(item.name, kind, default=default, annotation=annotation)


def _command(command: spec.Command) -> Callable[..., None]:
    module, _, name = command.handler.partition(":")

    def run(**values: Any) -> None:
        if "color" in values:
            from converter.cli.report import echo, set_color
            from converter.errors import UsageError

            try:
                set_color(values["color"])
            except UsageError as error:
                echo(error.render())
                raise typer.Exit(error.exit_code) from None
        handler = getattr(importlib.import_module(module), name)
        raise typer.Exit(handler(spec.Arguments(values)))

    parameters = [_parameter(a) for a in command.arguments] + [
        _parameter(o) for o in command.options
    ]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__doc__ = command.help
    run.__name__ = command.name
    return run


for _spec in commands.COMMANDS:
    app.command(_spec.name)(_command(_spec))
