"""The project commands' arguments, options and help: `init`, `sync` and `import`."""

from __future__ import annotations

from converter.cli.spec import COLOR, FORCE, IGNORE, QUIET, VERBOSE, Command, Opt

CONFIG = Opt(
    "config",
    ("--config", "-c"),
    "The configuration file (default: agentmorph.toml or pyproject.toml's [tool.agentmorph], "
    "in this folder or one above).",
    str,
    None,
    "FILE",
    optional=True,
)
DRY_RUN = Opt(
    "dry_run", ("--dry-run", "-n"), "Say what would be written and removed; write nothing."
)

INIT = Command(
    "init",
    """Write agentmorph.toml for this project, from the tool layouts found in it.

    The source folder is .agents/ when it exists, else the one tool folder that holds
    agents; every other tool becomes a target. Says what it found.

    Examples:

      agentmorph init

      agentmorph init --source .claude/agents --targets codex,gemini,copilot
    """,
    options=(
        Opt(
            "source",
            ("--source",),
            "The folder of source agents (default: detected).",
            str,
            None,
            "DIR",
            optional=True,
        ),
        Opt(
            "targets",
            ("--targets",),
            "Comma-separated targets (default: every tool but the source's).",
            str,
            None,
            "TOOLS",
            optional=True,
        ),
        Opt("pyproject", ("--pyproject",), "Write [tool.agentmorph] into pyproject.toml instead."),
        FORCE,
        QUIET,
    ),
    handler="converter.cli.project:run_init",
)

SYNC = Command(
    "sync",
    """Keep every configured tool's layout in step with the source agents.

    Writes only files whose content changes, removes outputs whose source is gone, and
    never replaces or removes a file it did not generate or that was edited since (those
    are reported, exit 1, unless --force). What it generated is listed in
    .agentmorph/manifest.json: commit it with the outputs.

    Exit 0 when everything is in step (or was written), 1 when something is out of date
    under --check, refused or failed, 3 when --strict (or strict = true) meets a warning.

    Examples:

      agentmorph sync

      agentmorph sync --check            # in CI or pre-commit: exit 1 if out of date

      agentmorph sync --check --diff     # and show how

      agentmorph sync --dry-run --target codex
    """,
    options=(
        Opt("check", ("--check",), "Write nothing; exit 1 and list what is out of date."),
        Opt("diff", ("--diff",), "Print a unified diff of each write and removal."),
        DRY_RUN,
        Opt(
            "target",
            ("--target", "-t"),
            "Only these targets (comma-separated; default: the configured ones).",
            str,
            None,
            "TOOLS",
            optional=True,
        ),
        Opt("strict", ("--strict",), "Treat warnings as errors: write nothing, exit 3."),
        IGNORE,
        CONFIG,
        Opt("force", ("--force",), "Also replace or remove files agentmorph did not write."),
        VERBOSE,
        QUIET,
        COLOR,
    ),
    handler="converter.cli.project:run_sync",
)

IMPORT = Command(
    "import",
    """Gather the agents of every tool layout in the project into the source folder.

    Each agent is written as canonical Markdown (source/NAME.md). Agents of one name found
    in several tools are merged with the merge engine; a conflict no rule settles is
    reported and that agent is not written.

    Examples:

      agentmorph import

      agentmorph import --dry-run
    """,
    options=(DRY_RUN, CONFIG, FORCE, VERBOSE, QUIET, COLOR),
    handler="converter.cli.project:run_import",
)

PROJECT_COMMANDS = (INIT, SYNC, IMPORT)
