"""Every command's arguments and options (the specs typer and the fast path are built
from), with its help text and examples."""

from __future__ import annotations

from converter.cli.inspect_commands import DIFF, FORMATS, MODELS, SCHEMA
from converter.cli.project_commands import PROJECT_COMMANDS
from converter.cli.spec import (
    COLOR,
    DEBUG,
    EXCLUDE,
    FORCE,
    FROM,
    IGNORE,
    INCLUDE,
    LIMITS,
    QUIET,
    VERBOSE,
    Arg,
    Command,
    Opt,
)
from converter.options import MAX_SECTIONS

CONVERT = Command(
    "convert",
    """Convert agents between formats and tools.

    Examples:

      agentmorph convert reviewer.md --to json            # to stdout

      agentmorph convert reviewer.md -o reviewer.toml     # format from the name

      agentmorph convert agents/ -o out/ --to json        # a whole tree

      agentmorph convert .claude/agents -o . --to codex   # into .codex/agents/

      agentmorph convert . -o out/ --to gemini            # a project's agents only

      agentmorph convert opencode.json -o ./ --to opencode  # its agents as files

      cat a.md | agentmorph convert - --to json --name a

      agentmorph convert agent.md --to xml                # ## Headings become <tags>

      agentmorph convert agents/ --to markdown --normalize --check
    """,
    (
        Arg(
            "sources",
            "SRC",
            "Files, folders (recursive; files that are no agent, such as README.md, are "
            "skipped and said), or - for stdin.",
        ),
    ),
    (
        Opt(
            "to",
            ("--to", "-t"),
            "Output format (see 'agentmorph formats'); default: from -o's file name.",
            str,
            None,
            "FMT",
            optional=True,
        ),
        FROM,
        Opt(
            "output",
            ("--output", "-o"),
            "Output file (one input) or folder (mirrors the input tree). Default (or -o -): stdout.",
            str,
            None,
            "OUT",
            optional=True,
        ),
        FORCE,
        Opt(
            "in_place",
            ("--in-place",),
            "Allow an output to replace its own input (never done otherwise, even with --force).",
        ),
        Opt(
            "strict",
            ("--strict",),
            "Treat warnings as errors: write nothing for such inputs, exit 3.",
        ),
        Opt(
            "check",
            ("--check",),
            "Write nothing; exit 1 if an output would change (without -o: compare with the input).",
        ),
        Opt(
            "normalize",
            ("--normalize",),
            "Write the canonical form instead of keeping the source's layout.",
        ),
        Opt(
            "sections",
            ("--sections",),
            "Prompt sections: auto (tags for xml, else as read), keep, markdown (## headings) "
            "or xml (<tags>).",
            str,
            "auto",
            "STYLE",
        ),
        Opt(
            "name",
            ("--name",),
            "Name for an input that has none (stdin, a bare prompt).",
            str,
            None,
            "NAME",
            optional=True,
        ),
        *LIMITS,
        Opt(
            "jobs",
            ("--jobs", "-j"),
            "Processes converting a folder: a number, or auto (one per CPU, at most 8, for 400 "
            "inputs or more). Results and order are the same; 1 converts in this process.",
            str,
            "auto",
            "N",
        ),
        Opt(
            "report",
            ("--report",),
            "Print a JSON report of every input and diagnostic to stdout (with -o).",
            str,
            None,
            "json",
            optional=True,
        ),
        Opt("diff", ("--diff",), "Print a unified diff of each output that changes."),
        INCLUDE,
        EXCLUDE,
        IGNORE,
        VERBOSE._replace(help="Also show notes (info diagnostics) and each file written."),
        QUIET,
        COLOR,
        DEBUG,
    ),
    "converter.cli.convert:run_convert",
)

MERGE = Command(
    "merge",
    """Merge several variants of one agent into one canonical agent.

    Sections are aligned by meaning, near-duplicate items from different variants kept
    once (the most complete phrasing, which must say the others' words but one in five;
    what one variant says twice stays twice, so merging one agent gives it back),
    metadata settled by documented rules. A conflict that no rule
    settles (two models, no majority) exits 1 and writes nothing; --prefer settles it.

    Examples:

      agentmorph merge variants/ -o backend-developer.md

      agentmorph merge a.md b.md c.md --min-support majority --report report.json

      agentmorph merge a.md b.toml --prefer a.md --to json

      agentmorph merge variants/ -o . --to codex     # .codex/agents/NAME.toml
    """,
    (Arg("sources", "SRC", "Variant files or folders (any format)."),),
    (
        Opt(
            "output",
            ("--output", "-o"),
            "Write the merged agent to this file, or into this folder named after it "
            "(DIR/NAME.md; a tool's layout with --to); default, or -o -: stdout.",
            str,
            None,
            "OUT",
            optional=True,
        ),
        Opt(
            "to",
            ("--to", "-t"),
            "Output format (default: from -o's name, else markdown).",
            str,
            None,
            "FMT",
            optional=True,
        ),
        FROM,
        Opt(
            "min_support",
            ("--min-support",),
            "Keep items that N variants (or a majority) carry.",
            str,
            "1",
            "N|majority",
        ),
        Opt(
            "prefer",
            ("--prefer",),
            "Settle every conflict with this variant's values (path, name or stem).",
            str,
            None,
            "SRC",
            optional=True,
        ),
        Opt(
            "tools",
            ("--tools",),
            "Tool lists: union of the lists set (default; a variant without one adds no "
            "tool), intersect, or inherit (every tool when a variant sets no list).",
            str,
            "union",
            "union|intersect|inherit",
        ),
        Opt(
            "name",
            ("--name",),
            "The merged agent's name, when the variants' names differ.",
            str,
            None,
            "NAME",
            optional=True,
        ),
        Opt(
            "report",
            ("--report",),
            "Write the merge report as JSON to FILE (- for stdout); not written when the "
            "merge fails, unless --report-on-failure.",
            str,
            None,
            "FILE",
            optional=True,
        ),
        Opt(
            "report_on_failure",
            ("--report-on-failure",),
            "Write the --report file even when the merge has conflicts.",
        ),
        Opt(
            "annotate",
            ("--annotate",),
            "Write each section's and item's support and sources as HTML comments.",
        ),
        Opt(
            "semantic",
            ("--semantic",),
            "Also judge near-duplicates by a small static embedding model shipped in the "
            "optional extra agentmorph[semantic] (offline; says so when it is missing).",
        ),
        Opt(
            "max_examples",
            ("--max-examples",),
            "At most this many <example> blocks in the merged description (distinct ones "
            "from the other variants, the most different first).",
            int,
            3,
            "N",
            minimum=0,
        ),
        Opt(
            "item_threshold",
            ("--item-threshold",),
            "Similarity at which two items are the same point.",
            float,
            0.70,
            "0..1",
            minimum=0.0,
            maximum=1.0,
        ),
        Opt(
            "section_threshold",
            ("--section-threshold",),
            "Score at which two sections are aligned.",
            float,
            0.55,
            "0..2",
            minimum=0.0,
            maximum=2.0,
        ),
        Opt(
            "jobs",
            ("--jobs", "-j"),
            "Processes placing the items: a number, or auto (one per CPU, at most 8, for "
            "4,000 items or more). The merged agent is the same; 1 merges in this process.",
            str,
            "auto",
            "N",
        ),
        Opt(
            "max_sections",
            ("--max-sections",),
            "Most sections (headings or tags) of all the variants together.",
            int,
            MAX_SECTIONS,
            "N",
            minimum=1,
        ),
        *LIMITS,
        FORCE,
        QUIET,
        COLOR,
    ),
    "converter.cli.merge:run_merge",
)

VALIDATE = Command(
    "validate",
    """Check agent files against a tool's rules; report every issue with its line.

    Exit 0 when every file passes, 1 when any breaks a rule or cannot be read.

    Examples:

      agentmorph validate .claude/agents

      agentmorph validate agents/reviewer.md --target gemini

      agentmorph validate .claude/agents --for claude,copilot
    """,
    (Arg("sources", "SRC", "Agent files or folders."),),
    (
        Opt(
            "target",
            ("--target",),
            "Check against this tool's rules (default: each file's own format).",
            str,
            None,
            "TOOL",
            optional=True,
        ),
        Opt(
            "tools",
            ("--for",),
            "Say how each of these tools reads each Markdown agent's header: loads as meant, "
            "loads but differs, or fails (claude, copilot, gemini, opencode, cursor, "
            "strict-yaml; comma-separated).",
            str,
            None,
            "TOOLS",
            optional=True,
        ),
        FROM,
        *LIMITS,
        Opt("quiet", ("--quiet", "-q"), "Print only the issues."),
        VERBOSE,
        IGNORE,
        COLOR,
    ),
    "converter.cli.inspect:run_validate",
)

FIX = Command(
    "fix",
    """Rewrite agent files in place so that every named tool reads what their authors meant.

    The header becomes valid YAML 1.2 (a block scalar for a multi-line description, quotes
    where needed, no '---' inside a value); keys and their order are kept, only the lines
    that must change change, and the body stays byte for byte. A tool's own MCP servers are
    written so that it starts them (Claude Code's mcpServers as a list, not a map; a number
    in a server's args, env or headers quoted). A file every tool already reads as meant is
    not touched. Writes are atomic.

    Default tools: the tool whose layout the file is in (Claude Code for plain .md files),
    plus any strict YAML reader.

    Examples:

      agentmorph fix .claude/agents

      agentmorph fix . --check                 # exit 1 and list what would change

      agentmorph fix agents/ --diff -n         # show the changes, write nothing

      agentmorph fix agent.md --for claude,copilot
    """,
    (Arg("sources", "PATH", "Agent files, folders, or a project root."),),
    (
        Opt("check", ("--check",), "Write nothing; exit 1 and list the files that would change."),
        Opt("dry_run", ("--dry-run", "-n"), "List the files that would change; write nothing."),
        Opt("diff", ("--diff",), "Print a unified diff of each change."),
        Opt(
            "tools",
            ("--for",),
            "Tools that must read each file as meant: claude, copilot, gemini, opencode, "
            "cursor, strict-yaml (comma-separated).",
            str,
            None,
            "TOOLS",
            optional=True,
        ),
        *LIMITS,
        VERBOSE,
        QUIET,
        COLOR,
    ),
    "converter.cli.fix:run_fix",
)

#: every command, in the order `--help` lists them
COMMANDS = (CONVERT, MERGE, FIX, *PROJECT_COMMANDS, DIFF, VALIDATE, FORMATS, MODELS, SCHEMA)
