"""Files a folder walk finds that are no agent: a project's documents and configuration.

`agentmorph convert .` at a project root walks every `*.md`, `*.json`, `*.toml`, `*.txt` and
`*.xml` (the neutral formats claim those endings). Read leniently, `README.md` would become an
agent whose prompt is the read-me, `package.json` and `pyproject.toml` agents with no prompt
and their settings in metadata. A file found by walking and read by a neutral format is
passed over, and said, when it shows no mark of an agent: a Markdown or text file without a
header, or whose header has no name and a site generator's page keys (`title`, `date`: a
docs site's page, a blog post), or a JSON or TOML document with no prompt that is either
unnamed for an agent or holds keys no agent has. A file that holds no agent (an
`opencode.json` of settings only) is passed over too. Named on the command line, a document
is read as before (a prompt with no header is an agent then), and a configuration file is
refused with the reason. A tool's own agent folder is read as the tool reads it: a
header-less file there is passed over only where the tool refuses it too (`tool-refuses`:
Claude Code's `.claude/agents/README.md`), and a file the tool never loads
(`file-not-loaded`: Gemini CLI's `_draft.md`, OpenCode's `disable: true`) is passed over in
a walk as well.
"""

from __future__ import annotations

from collections.abc import Sequence

from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import InputError, SourceSpan
from converter.io.inputs import Job
from converter.io.outcomes import Result, Status
from converter.model import Agent
from converter.registry import Format, Registry


def skipped(
    job: Job, agents: Sequence[Agent], diags: Diagnostics, registry: Registry
) -> Result | None:
    """A walked file's result when it is no agent (its one note says why); else None.

    Raises:
        InputError: a configuration file named on the command line (`pyproject.toml`,
            Codex's `config.toml`): made an agent, it would be one with no prompt and the
            configuration in its metadata.
    """
    # the cheap tests first: this runs once per file of every folder converted
    if not agents:  # read, and none in it (an `opencode.json` of settings only)
        why = "; ".join(d.message for d in diags if d.code is Code.INPUT_SKIPPED)
        said = Diagnostic(
            Code.INPUT_SKIPPED,
            f"holds no agent{f' ({why})' if why else ''}; skipped",
            Severity.INFO,
            SourceSpan(job.shown),
        )
        return Result(job, Status.SKIPPED, (said,))
    if not (diags.items or not agents[0].instructions):
        return None
    if not job.walked:
        _refuse_configuration(job, agents, diags, registry)
        return None
    unloaded = next((d for d in diags if d.code is Code.FILE_NOT_LOADED), None)
    if unloaded is not None:  # the tool itself passes over it (Gemini CLI's `_draft.md`)
        return Result(job, Status.SKIPPED, (note(job.shown, unloaded.message),))
    source = agents[0].provenance.format if agents[0].provenance is not None else None
    reason = not_an_agent(registry.get(source), agents, diags) if source else None
    return None if reason is None else Result(job, Status.SKIPPED, (note(job.shown, reason),))


#: the end of the reason given for a configuration file (refused even when named)
_CONFIGURATION = ": a configuration file, not an agent"


def not_an_agent(fmt: Format, agents: Sequence[Agent], diags: Diagnostics) -> str | None:
    """Why a walked file read by `fmt` is no agent, or None when it may be one."""
    if len(agents) != 1:
        return None
    agent = agents[0]
    codes = {d.code for d in diags}
    # a tool's own folder is read as the tool reads it: there, a file with no header is a
    # document only where the tool refuses it too (Claude Code's `.claude/agents/README.md`;
    # OpenCode loads one as an agent)
    if not fmt.lossless and Code.TOOL_REFUSES not in codes:
        return None
    if Code.NO_FRONTMATTER in codes:
        # a header after blank lines or indented is an agent the tools cannot read: that is
        # said by the reader, and the file converted
        if agent.instructions.lstrip().startswith("---"):
            return None
        return "no header: a document, not an agent"
    if not fmt.lossless:
        return None
    if not agent.instructions and Code.UNKNOWN_KEY in codes:
        return "no prompt, and keys no agent has" + _CONFIGURATION
    if not agent.instructions and agent.description is None:
        return "no prompt and no description: not an agent"
    if Code.NAME_FROM_FILENAME in codes and agent.metadata:
        # a page of a docs site or a blog: no name (an agent outside a tool's folder names
        # itself: every one of the corpus's 727 does) and a key of a site generator's pages
        pages = [key for key in agent.metadata if key in _PAGE_KEYS]
        if pages:
            return f"a header with no name and a page's keys ({', '.join(pages[:3])}): a document, not an agent"
    return None


#: what the headers of static site generators' pages hold and no agent does (Jekyll, Hugo,
#: Docusaurus, MkDocs, Astro, VitePress, Gatsby)
_PAGE_KEYS = frozenset(
    ["title", "date", "layout", "permalink", "draft", "weight", "slug", "lastmod", "categories",
     "sidebar_position", "sidebar_label", "nav_order", "excerpt", "publishDate"]
)  # fmt: skip


def _refuse_configuration(
    job: Job, agents: Sequence[Agent], diags: Diagnostics, registry: Registry
) -> None:
    source = agents[0].provenance.format if agents[0].provenance is not None else None
    reason = not_an_agent(registry.get(source), agents, diags) if source else None
    if reason is None or not reason.endswith(_CONFIGURATION):
        return  # a prompt without a header is an agent when it is named
    metadata = agents[0].metadata
    codex = "agents" in metadata or "profiles" in metadata  # formats.md §4.1, §4.3
    schema = metadata.get("$schema")  # another tool's document names its own schema
    hint = (
        "Codex keeps each agent in a file of its own: .codex/agents/NAME.toml"
        if codex
        else f"its $schema is {schema}: if it is another tool's agent, name its format with "
        "--from (see 'agentmorph formats')"
        if isinstance(schema, str)
        else "an agent holds a prompt ('instructions'; see 'agentmorph formats')"
    )
    raise InputError(
        "Codex's configuration (config.toml), not an agent"
        if codex
        else f"{reason.removesuffix(_CONFIGURATION)}: a configuration file, not an agent",
        span=SourceSpan(job.shown),
        hint=hint,
    )


def note(shown: str, reason: str) -> Diagnostic:
    return Diagnostic(
        Code.INPUT_SKIPPED,
        f"{reason}; skipped (name the file itself to read it)",
        Severity.INFO,
        SourceSpan(shown),
    )
