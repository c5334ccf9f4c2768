"""What `sync` would have on disk: every source agent converted to every target, each path
with its text, or, for a source unchanged since the last run whose output is still as it
was written, only the output's hash (the cache spares the conversion)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from converter import __version__, api
from converter.diagnostics import Diagnostic, Diagnostics
from converter.errors import (
    ConverterError,
    InputError,
    OutputError,
    SourceSpan,
    UsageError,
    both_or_all,
    none_written,
    rename_hint,
    several,
)
from converter.io import textio
from converter.io.inputs import Job, expand, selected
from converter.model import Agent
from converter.project.cache import LAYOUT, Cache, Converted, Output
from converter.project.config import Config
from converter.registry import Format, Registry


@dataclass(slots=True)
class Planned:
    """One output path and what is bound for it (a shared file gets one part per agent)."""

    target: Format
    sources: list[str] = field(default_factory=list)
    #: the text of each part; None where the cache vouches for the file as it is
    texts: list[str | None] = field(default_factory=list)
    #: the agents' names (a file of many agents holds one of each name)
    names: list[str] = field(default_factory=list)
    #: the SHA-256 of each part's text
    hashes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Found:
    """Every output the project's sources make, with what failed on the way."""

    outputs: dict[str, Planned]
    errors: list[ConverterError]
    diagnostics: list[Diagnostic]
    #: the source files read, relative to the project root
    sources: list[str]
    agents: int
    cache: Cache
    #: (target, source) pairs whose outputs could not be made this run (target "" for
    #: every target: the source could not be read): what those made before stays as it is
    failed: set[tuple[str, str]] = field(default_factory=set)


def plan_outputs(config: Config, registry: Registry, targets: list[Format]) -> Found:
    """Every output of every source agent for `targets`.

    Raises:
        UsageError: the source folder does not exist.
    """
    root = config.root
    jobs, notes = _source_jobs(config, registry)
    settings = {t.name: _settings(config, t) for t in targets}
    cache = Cache.load(root, f"agentmorph {__version__} cache {LAYOUT}")
    found = Found({}, [], list(notes), [], 0, cache)
    named: dict[tuple[str, str], list[str]] = {}
    for shown, job in jobs:
        found.sources.append(shown)
        try:
            data = textio.read_bytes(job.source) if job.source else b""
        except ConverterError as error:
            found.errors.append(error.with_path(shown))
            found.failed.add(("", shown))
            continue
        sha = hashlib.sha256(data).hexdigest()
        agents: list[Agent] | None = None
        counted = False
        for target in targets:
            hit = cache.get(target.name, shown, sha, settings[target.name])
            texts: list[str | None]
            if hit is not None and _still_there(root, hit, target, found.outputs, cache):
                cache.keep(target.name, shown)
                made = hit
                texts = [o.part for o in hit.outputs]
            else:
                if agents is None:
                    agents = _read(job, shown, data, registry, found)
                    if agents is None:
                        found.failed.add(("", shown))
                        break
                converted = _convert_all(agents, shown, sha, target, config)
                if isinstance(converted, ConverterError):
                    found.errors.append(converted)
                    found.failed.add((target.name, shown))
                    continue
                made, texts = converted
                cache.put(target.name, shown, settings[target.name], made)
            if not counted:
                found.agents += len(made.outputs)
                counted = True
            found.diagnostics.extend(
                d for d in made.diagnostics if str(d.code) not in config.ignore
            )
            if not getattr(target, "collects", False):  # a shared file says it itself
                for output in made.outputs:
                    named.setdefault((target.name, output.name), []).append(shown)
            for output, text in zip(made.outputs, texts, strict=True):
                slot = found.outputs.setdefault(output.path, Planned(target))
                slot.sources.append(shown)
                slot.texts.append(text)
                slot.names.append(output.name)
                slot.hashes.append(output.sha256)
    _one_agent_per_name(named, found)
    cache.save()
    return found


def _one_agent_per_name(named: dict[tuple[str, str], list[str]], found: Found) -> None:
    """Two sources of one agent name for one tool: the tool would see two agents of that
    name (in two files or more), so none is written there; the error names a few of them."""
    for (target, name), sources in sorted(named.items()):
        if len(sources) < 2:
            continue
        found.errors.append(
            OutputError(
                f"{several(sources)} are {both_or_all(len(sources))} named "
                f"{name!r}: {target} would see "
                f"{'two' if len(sources) == 2 else f'{len(sources):,}'} agents of one name; "
                f"{none_written(len(sources))} for it",
                span=SourceSpan(sources[0]),
                hint=rename_hint(len(sources)),
            )
        )
        found.failed.update((target, source) for source in sources)
        refused = set(sources)
        for path, slot in list(found.outputs.items()):
            if slot.target.name == target and not refused.isdisjoint(slot.sources):
                del found.outputs[path]


def _source_jobs(config: Config, registry: Registry) -> tuple[list[tuple[str, Job]], Diagnostics]:
    folder = config.root / config.source
    if not folder.is_dir():
        raise UsageError(
            f"the source folder {config.source} does not exist in {config.root}",
            span=SourceSpan(str(config.path or config.root)),
            hint="run 'agentmorph import' to gather the project's agents there, or set "
            "'source' in the configuration",
        )
    walked = expand([str(folder)], registry, allow_empty=True)
    jobs = []
    for job in walked.jobs:
        inside = Path(job.shown).relative_to(folder).as_posix()
        if selected(inside, config.include, config.exclude):
            shown = Path(job.shown).relative_to(config.root).as_posix()
            jobs.append((shown, job._replace(shown=shown)))
    return jobs, walked.notes


def _settings(config: Config, target: Format) -> str:
    options = config.options_for(target.name)
    return json.dumps([target.name, options.sections, list(options.models)])


def _still_there(
    root: Path, hit: Converted, target: Format, outputs: dict[str, Planned], cache: Cache
) -> bool:
    """Whether the files a cached conversion made are on disk as it made them (a shared
    file is put together again from its parts, so it needs no check here). A file whose
    size, times and inode are as when it was last checked is not read again (cache.py)."""
    if getattr(target, "collects", False):
        return all(o.part is not None for o in hit.outputs)
    for output in hit.outputs:
        slot = outputs.get(output.path)
        if slot is not None:
            return False  # a second source for one path: convert, and let the plan say so
        path = os.path.join(root, output.path)
        since = time.time_ns()  # before the status: a change after it shows
        try:
            status = os.stat(path)
        except OSError:
            return False
        if not stat.S_ISREG(status.st_mode):
            return False  # a folder, a FIFO...: the plan refuses it
        if cache.unchanged(output.path, status):
            continue
        try:
            disk = textio.read_bytes(path)
        except ConverterError:
            return False
        if hashlib.sha256(disk).hexdigest() != output.sha256:
            return False
        cache.checked_now(output.path, status, since)
    return True


def _read(
    job: Job, shown: str, data: bytes, registry: Registry, found: Found
) -> list[Agent] | None:
    """The source's agents; none for a file that is no agent (`.agents/README.md`, said);
    None when it cannot be read (its error is reported)."""
    from converter.io.not_agents import not_an_agent, note
    from converter.options import ReadOptions

    diags = Diagnostics(shown)
    try:
        decoded = textio.decode(data, shown)
        fmt = registry.detect(str(job.source), decoded.text)
        agents = api.read_many_with(
            fmt, decoded, path=shown, options=ReadOptions(), diagnostics=diags
        )
    except ConverterError as error:
        found.diagnostics.extend(diags)
        found.errors.append(error.with_path(shown))
        return None
    reason = not_an_agent(fmt, agents, diags) if job.walked else None
    if reason is not None:
        found.diagnostics.append(note(shown, reason))
        return []
    found.diagnostics.extend(diags)
    if not agents:
        found.errors.append(InputError("no agent in this input", span=SourceSpan(shown)))
        return None
    return agents


def _convert_all(
    agents: list[Agent], shown: str, sha: str, target: Format, config: Config
) -> tuple[Converted, list[str | None]] | ConverterError:
    """The conversion as the cache keeps it, and each output's text."""
    outputs: list[Output] = []
    notes: list[Diagnostic] = []
    texts: list[str | None] = []
    shared = bool(getattr(target, "collects", False))
    for agent in agents:
        try:
            path, text, found = convert_one(agent, shown, target, config)
        except ConverterError as error:
            return error.with_path(shown)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        # a shared file holds each agent under the target's own key (Roo's slug: "C# Expert"
        # and "C++ Expert" are both 'c-expert'), which is what two sources must not share
        name = (target.file_stem(agent) if shared else None) or agent.name.lower()
        outputs.append(Output(path, digest, name, text if shared else None))
        texts.append(text)
        notes.extend(found)
    return Converted(sha, tuple(outputs), tuple(notes)), texts


def convert_one(
    agent: Agent, shown: str, target: Format, config: Config
) -> tuple[str, str, list[Diagnostic]]:
    """One agent in one target: its path in the tool's layout, its text (as `convert` writes
    it, self-checked), and the diagnostics, each prefixed with the target's name."""
    from converter.prompt.restyle import apply_policy
    from converter.targets import file_name

    options = config.options_for(target.name)
    diags = Diagnostics(shown)
    if options.models and isinstance(agent.model, str):
        override = dict(options.models).get(agent.model)
        agent = replace(agent, model=override) if override else agent
    agent = apply_policy(agent, target.name, options.sections, diags)
    # as `convert` writes it (so what `make conformance` judges is what sync writes)
    text = api.write_with(target, agent, diagnostics=diags)
    api.check_writable(target, agent, text, shown)
    api.check_round_trip(target, agent, text, path=shown, diagnostics=diags)
    notes = [replace(note, message=f"{target.name}: {note.message}") for note in diags]
    layout = str(getattr(target, "layout", ""))
    return (
        PurePosixPath(layout.format(name=file_name(stem(agent, shown, target)))).as_posix(),
        text,
        notes,
    )


def stem(agent: Agent, shown: str, target: Format) -> str:
    """The output's file name in the tool's folder. A tool that reads the agent's name from
    the file's header (Claude Code, Copilot, Gemini CLI, Codex...) gets the source file's
    own name, so `.agents/accessibility.md` stays `accessibility.agent.md` for Copilot even
    when its name is "Accessibility Expert"; a tool that names the agent by its file
    (OpenCode) gets the agent's name."""
    if target.file_stem(agent) is None:
        return agent.name
    return PurePosixPath(shown).name.split(".")[0] or agent.name
