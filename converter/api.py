"""The library's front door: load, loads, dump, dumps and convert, over the registry.

These raise `ConverterError` subclasses and collect diagnostics; they never print.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from converter.diagnostics import Code, Diagnostic, Diagnostics
from converter.errors import ConverterError, InternalError, OutputError, SourceSpan
from converter.io import textio
from converter.model import Agent, Provenance
from converter.options import MAX_BYTES, ReadOptions, WriteOptions
from converter.registry import Format, ReadContext, Registry, WriteContext, default_registry


@dataclass(frozen=True, slots=True)
class Conversion:
    """The result of one conversion: the output text, the agent, and what was noticed."""

    text: str
    agent: Agent
    source_format: str
    target_format: str
    diagnostics: tuple[Diagnostic, ...]


def loads(
    text: str | bytes,
    *,
    format: str | None = None,
    path: str | None = None,
    options: ReadOptions | None = None,
    diagnostics: Diagnostics | None = None,
    registry: Registry | None = None,
) -> Agent:
    """Read one agent from text (or UTF-8 bytes); the format is detected when not given.

    Raises:
        ConverterError: a subclass naming the path, line and column of the problem.
    """
    registry = registry or default_registry()
    shown = path or "<input>"
    decoded = textio.decode(text, shown) if isinstance(text, bytes) else textio.decode_text(text)
    fmt = registry.get(format) if format else registry.detect(path, decoded.text)
    return read_with(fmt, decoded, path=path, options=options, diagnostics=diagnostics)


def read_with(
    fmt: Format,
    decoded: textio.Decoded,
    *,
    path: str | None,
    options: ReadOptions | None = None,
    diagnostics: Diagnostics | None = None,
    ours: bool = False,
) -> Agent:
    """Read decoded text with a known format, recording newline style and BOM. `ours`: text
    we wrote (the self-check), whose input was already looked at for hidden text."""
    context = _context(path, options, diagnostics)
    context.bom, context.crlf = decoded.bom, decoded.newline == "\r\n"
    if decoded.hidden:
        _say_hidden(decoded.text, context.diagnostics)
    try:
        agent = fmt.read(decoded.text, context)
    except ConverterError as error:
        raise error.with_path(context.path) from None
    if not ours and not decoded.hidden and _escapes(decoded.text):
        _say_hidden_values([agent], context.diagnostics)
    return _remember(agent, fmt, decoded, context.path)


def _say_hidden(text: str, diagnostics: Diagnostics) -> None:
    from converter.io import hidden  # only for the few inputs that may hold hidden text

    hidden.say(text, diagnostics)


def _escapes(text: str) -> bool:
    """Whether a string of the file may spell a character with an escape (`\\u`, `\\U` in
    JSON, TOML and YAML's double quotes): the text read can then hold what the file's bytes
    do not, hidden text among it. A Markdown body is taken as written, so only a header is
    looked at there; each backslash is found with a one-character search (two substring
    searches of every input cost 12 ms per 1,000 corpus agents, this one under 1 ms)."""
    end = len(text)
    if text.startswith("---"):
        close = text.find("\n---", 3)
        end = close if close != -1 else end
    at = text.find("\\", 0, end)
    while at != -1:
        if text[at + 1 : at + 2] in ("u", "U"):
            return True
        at = text.find("\\", at + 2, end)
    return False


def _say_hidden_values(agents: list[Agent], diagnostics: Diagnostics) -> None:
    """Hidden text in the values read (escapes made it), each field said once."""
    from converter.io import hidden

    for agent in agents:
        for field in ("name", "description", "instructions"):
            value = getattr(agent, field)
            if isinstance(value, str) and not value.isascii():
                hidden.say(value, diagnostics, field)


def _context(
    path: str | None, options: ReadOptions | None, diagnostics: Diagnostics | None
) -> ReadContext:
    # without a path, keep the name the caller gave the diagnostics ("<stdin>")
    shown = path or (diagnostics.path if diagnostics is not None else "<input>")
    diags = diagnostics if diagnostics is not None else Diagnostics(shown)
    diags.path = shown
    # x.agent.md and the legacy x.chatmode.md are x (Copilot, formats.md §5.2); os.path, as
    # this runs once per file and pathlib costs more
    stem = _stem(path) if path else None
    return ReadContext(path=shown, stem=stem, options=options or ReadOptions(), diagnostics=diags)


#: files that take their agent's name from their folder: `<name>/SKILL.md` (Agent Skills: the
#: name must equal the folder's), `<name>/AGENT.md` (Devin), `<name>/agent.md` (Antigravity);
#: formats.md §8.3, §3.3 and §9.2
_FOLDER_NAMED = frozenset({"agent", "skill"})
#: folders that hold agents rather than being one (`.claude/agents/agent.md` is named `agent`)
_AGENT_FOLDERS = frozenset({"", ".", "..", "agents", "agent", "skills", "skill"})


@functools.lru_cache(maxsize=256)  # a file's path is asked twice: read, then self-check
def _stem(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.lower() in _FOLDER_NAMED:
        folder = os.path.basename(os.path.dirname(path).rstrip("/\\"))
        if folder.lower() not in _AGENT_FOLDERS:
            return folder
    if stem.endswith(".agent"):
        return stem[: -len(".agent")]
    return stem.removesuffix(".chatmode")


@functools.lru_cache(maxsize=16)  # one per batch: the same options for every output
def _relaxed(limits: ReadOptions) -> ReadOptions:
    return ReadOptions(
        name=limits.name, max_nodes=limits.max_nodes * 2 + 1000, max_depth=limits.max_depth + 8
    )


def _remember(agent: Agent, fmt: Format, decoded: textio.Decoded, shown: str) -> Agent:
    provenance = agent.provenance or Provenance(path=shown, format=fmt.name)
    if provenance is agent.provenance and (provenance.newline, provenance.bom) == (
        decoded.newline,
        decoded.bom,
    ):
        return agent  # the usual case (LF, no BOM): nothing to change, nothing to copy
    return replace(agent, provenance=replace(provenance, newline=decoded.newline, bom=decoded.bom))


def read_many_with(
    fmt: Format,
    decoded: textio.Decoded,
    *,
    path: str | None,
    options: ReadOptions | None = None,
    diagnostics: Diagnostics | None = None,
) -> list[Agent]:
    """Every agent in decoded text (most formats hold one; Roo's `.roomodes` several)."""
    context = _context(path, options, diagnostics)
    context.bom, context.crlf = decoded.bom, decoded.newline == "\r\n"
    if decoded.hidden:
        _say_hidden(decoded.text, context.diagnostics)
    try:
        agents = fmt.read_many(decoded.text, context)
    except ConverterError as error:
        raise error.with_path(context.path) from None
    if not decoded.hidden and _escapes(decoded.text):
        _say_hidden_values(agents, context.diagnostics)
    return [_remember(agent, fmt, decoded, context.path) for agent in agents]


def load(
    path: str | Path,
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    diagnostics: Diagnostics | None = None,
    max_bytes: int = MAX_BYTES,
    registry: Registry | None = None,
) -> Agent:
    """Read one agent from a file."""
    data = textio.read_bytes(Path(path), max_bytes)
    return loads(
        data,
        format=format,
        path=str(path),
        options=options,
        diagnostics=diagnostics,
        registry=registry,
    )


def dumps(
    agent: Agent,
    format: str = "markdown",
    *,
    normalize: bool = False,
    diagnostics: Diagnostics | None = None,
    registry: Registry | None = None,
) -> str:
    """Write an agent as text in `format`; an untouched agent comes back byte for byte."""
    fmt = (registry or default_registry()).get(format)
    return write_with(fmt, agent, normalize=normalize, diagnostics=diagnostics)


def write_with(
    fmt: Format, agent: Agent, *, normalize: bool = False, diagnostics: Diagnostics | None = None
) -> str:
    context = WriteContext(
        WriteOptions(normalize=normalize), diagnostics if diagnostics is not None else Diagnostics()
    )
    if agent.metadata and not fmt.lossless:  # a tool's own key in another tool's file
        from converter.targets.lifted import others_from_metadata, own_from_metadata, rules_of

        rules = rules_of(fmt)
        agent = own_from_metadata(agent, rules, context.diagnostics)
        same = agent.provenance is not None and agent.provenance.format == fmt.name
        agent = others_from_metadata(agent, rules, same)
    text = fmt.write(agent, context)
    source = agent.provenance
    if source is not None and source.format == fmt.name and not normalize:
        text = textio.restore_text(text, source.newline, source.bom and fmt.takes_bom)
    return text


def check_writable(fmt: Format, agent: Agent, text: str, shown: str) -> None:
    """Refuse output text that no file can hold and read back as the same agent.

    A NUL byte makes any reader take a file for binary (ours included): a format that
    writes text raw cannot hold one (JSON and TOML escape it). Strings in memory may hold
    it (`dumps` and `loads` agree); files may not.

    Raises:
        OutputError: saying which field holds the character.
    """
    if "\x00" in text:
        raise OutputError(
            f"{fmt.name} cannot hold a NUL character (U+0000), found in {_nul_field(agent)}: "
            "the file would not read back",
            span=SourceSpan(shown),
            hint="remove the character, or write json or toml, which escape it",
        )


def _nul_field(agent: Agent) -> str:
    from converter.canonical import agent_to_dict

    for key, value in agent_to_dict(agent).items():
        if "\\u0000" in json.dumps(value):
            return key
    return "the agent"


def dump(
    agent: Agent,
    path: str | Path,
    format: str | None = None,
    *,
    normalize: bool = False,
    force: bool = False,
    diagnostics: Diagnostics | None = None,
    registry: Registry | None = None,
) -> None:
    """Write an agent to a file atomically; the format defaults to the file name's."""
    registry = registry or default_registry()
    fmt = registry.get(format) if format else registry.detect(str(path), "")
    text = write_with(fmt, agent, normalize=normalize, diagnostics=diagnostics)
    check_writable(fmt, agent, text, str(path))
    textio.atomic_write(Path(path), text.encode("utf-8"), overwrite=force)


def convert(
    text: str | bytes,
    to: str,
    *,
    from_format: str | None = None,
    path: str | None = None,
    options: ReadOptions | None = None,
    normalize: bool = False,
    sections: str = "auto",
    verify: bool = True,
    registry: Registry | None = None,
) -> Conversion:
    """Read `text` and write it in format `to`, checking that the output reads back equal.

    `sections` is the `--sections` policy: auto, keep, markdown or xml (README, "Sections").
    """
    from converter.prompt.restyle import apply_policy

    registry = registry or default_registry()
    diags = Diagnostics(path or "<input>")
    agent = loads(
        text, format=from_format, path=path, options=options, diagnostics=diags, registry=registry
    )
    target = registry.get(to)
    agent = apply_policy(agent, target.name, sections, diags)
    output = write_with(target, agent, normalize=normalize, diagnostics=diags)
    if verify:
        check_round_trip(target, agent, output, path=path, diagnostics=diags, options=options)
    source = agent.provenance.format if agent.provenance and agent.provenance.format else "?"
    return Conversion(output, agent, source, target.name, tuple(diags.items))


def check_round_trip(
    target: Format,
    agent: Agent,
    output: str,
    *,
    path: str | None,
    diagnostics: Diagnostics | None = None,
    options: ReadOptions | None = None,
) -> None:
    """Black-style safety check: the output must read back to the agent it was written from.

    The output is read with limits a little above the input's: a writer may nest values a
    level or two deeper (under `x-agentmorph`), and that must not fail the check.

    Raises:
        InternalError: it does not; the message shows the difference (please report it).
    """
    if path is None and target.layout:  # (OpenCode names an agent by its file alone)
        from converter.targets import file_name

        path = target.layout.format(name=file_name(target.file_stem(agent) or agent.name))
    try:
        again = read_with(
            target,
            textio.normalize_text(output),
            path=path,
            options=_relaxed(options or ReadOptions()),
            diagnostics=Diagnostics(),
            ours=True,
        )
    except ConverterError as error:
        raise InternalError(
            f"the {target.name} output does not read back ({error.message}); please report this",
            span=error.span,
        ) from None
    if not target.lossless:
        # A tool target maps and drops (reported); what it must never do is widen an explicit
        # tool list to every tool without saying so.
        explicit = agent.tools is not None and "*" not in agent.tools
        said = diagnostics is not None and any(
            d.code is Code.TOOLS_NOT_RESTRICTED for d in diagnostics
        )
        if (
            explicit
            and again.inherits_all_tools
            and not again.extensions.get(target.name)
            and not said
        ):
            raise InternalError(
                f"the {target.name} output widens the tool list to every tool; please report this"
            )
        return
    if not _same_carried(agent, again, target.carries):
        from converter.merging.diff import describe_difference

        raise InternalError(
            f"the {target.name} output reads back differently; please report this: "
            + describe_difference(project(agent, target.carries), project(again, target.carries)),
        )


#: the fields a format may carry, in the model's order (`name` is always carried)
_CARRIABLE = ("description", "instructions", "model", "tools", "metadata", "extensions")


def _same_carried(agent: Agent, again: Agent, carries: frozenset[str]) -> bool:
    """`project(agent) == project(again)`, without building the two projections (this runs
    once per written file)."""
    if agent.name != again.name:
        return False
    return all(getattr(agent, f) == getattr(again, f) for f in _CARRIABLE if f in carries)


def project(agent: Agent, carries: frozenset[str]) -> Agent:
    """The agent reduced to the fields a format carries (what a round trip can keep)."""
    empty = Agent(name=agent.name)
    changes = {
        f: getattr(empty, f)
        for f in ("description", "instructions", "model", "tools", "metadata", "extensions")
        if f not in carries
    }
    return replace(agent, **changes) if changes else agent
