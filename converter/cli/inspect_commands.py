"""The inspecting commands' arguments, options and help: `diff`, `formats`, `models`,
`schema`."""

from __future__ import annotations

from converter.cli.spec import LIMITS, Arg, Command, Opt

DIFF = Command(
    "diff",
    """Show how two agents differ, field by field and section by section (not a text diff).

    Exit 0 when they are the same agent, 1 when they differ.

    Examples:

      agentmorph diff .claude/agents/reviewer.md reviewer.toml

      agentmorph diff a.md b.md --json
    """,
    (
        Arg("old", "A", "The first agent (any format).", many=False),
        Arg("new", "B", "The second agent (any format).", many=False),
    ),
    (
        Opt("as_json", ("--json",), "Print the differences as JSON."),
        Opt("quiet", ("--quiet", "-q"), "Print nothing; only the exit code says."),
        *LIMITS,
    ),
    "converter.cli.inspect:run_diff",
)

MODELS = Command(
    "models",
    """Print the model table: each tool's name for Claude Code's aliases, the catalogs checked,
    and the tool version each was checked against.

    A model a target cannot run is left out of its output with model-unmapped.

    Examples:

      agentmorph models

      agentmorph models --json
    """,
    options=(Opt("as_json", ("--json",), "Print the table as JSON."),),
    handler="converter.cli.inspect:run_models",
)

FORMATS = Command(
    "formats",
    """List every format and target, with aliases, file patterns and the fields each carries.

    Examples:

      agentmorph formats

      agentmorph formats --json
    """,
    options=(Opt("as_json", ("--json",), "Print the list as JSON."),),
    handler="converter.cli.inspect:run_formats",
)

SCHEMA = Command(
    "schema",
    """Print the JSON Schema of the canonical agent model (what --to json writes).

    Examples:

      agentmorph schema > agent.schema.json
    """,
    handler="converter.cli.inspect:run_schema",
)
