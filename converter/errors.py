"""Typed errors with a 1-based `path:line:col`, a source snippet and a hint; never printed here.

The CLI maps `exit_code` to the process exit status (README, "Exit codes").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A place in an input: path plus optional 1-based line and column."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class ConverterError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        span: SourceSpan | None = None,
        hint: str | None = None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.hint = hint
        #: the text of the offending line, shown under the message with a caret
        self.source_line = source_line

    def with_path(self, path: str) -> ConverterError:
        """Return this error located in `path` (readers see text; callers know the file)."""
        if self.span is None:
            self.span = SourceSpan(path)
        elif self.span.path != path:
            self.span = SourceSpan(path, self.span.line, self.span.column)
        return self

    def render(self) -> str:
        """GCC-style first line, then the snippet with a caret and the hint, if any."""
        where = f"{self.span}: " if self.span else ""
        lines = [f"{where}error: {self.message}"]
        if self.source_line is not None and self.span and self.span.line is not None:
            number = str(self.span.line)
            shown = self.source_line.rstrip("\r\n")
            if len(shown) > 160:
                shown = shown[:157] + "..."
            lines.append(f"  {number} | {shown}")
            if self.span.column is not None and self.span.column - 1 <= len(shown):
                pad = " " * (len(number) + 2)
                lines.append(f"{pad} | {' ' * (self.span.column - 1)}^")
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


class UsageError(ConverterError):
    """Invalid options or option combinations."""

    exit_code = 2


class UnknownFormatError(UsageError):
    """A format name that no registered format or alias answers to."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = sorted(set(known))
        import difflib  # only for a name that is not known: not on every run

        close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else None
        super().__init__(
            f"unknown format {name!r}; known formats: {', '.join(known)}",
            hint=hint or "run 'agentmorph formats' to list them",
        )
        self.name = name
        self.suggestions = tuple(close)
        self.known = tuple(known)

    def __reduce__(self) -> tuple[type[UnknownFormatError], tuple[str, tuple[str, ...]]]:
        # rebuilt from its own arguments (errors travel from worker processes: --jobs)
        return (type(self), (self.name, self.known))


class InputError(ConverterError):
    """An input cannot be read as asked."""


class DetectionError(InputError):
    """No format claims an input, by name or by content."""


class ParseError(InputError):
    """Syntax error in an input: YAML, JSON, TOML, tags, or a missing frontmatter fence."""


def invalid_yaml(error: ConverterError | None) -> str:
    """Why a tool cannot parse a header, and where: "its YAML is invalid at line 3, column 21:
    mapping values are not allowed here", from the strict parser's error."""
    if error is None:
        return "its YAML is invalid"
    problem = error.message.removeprefix("invalid YAML in frontmatter: ")
    line, column = (error.span.line, error.span.column) if error.span else (None, None)
    where = f" at line {line}" + (f", column {column}" if column else "") if line else ""
    return f"its YAML is invalid{where}: {problem}"


class ValidationError(InputError):
    """The input parses, but a value has the wrong type or shape."""


class LimitError(InputError):
    """An input exceeds a safety limit (size, nesting depth, alias expansion)."""


def too_deep(what: str, max_depth: int, span: SourceSpan) -> LimitError:
    """`what` (YAML, JSON, TOML) nested past `max_depth`, or past the depth nothing is read
    beyond whatever the option says (options.DEPTH_CEILING): one message and hint for all."""
    from converter.options import DEPTH_CEILING, NEVER_DEEPER

    limit = min(max_depth, DEPTH_CEILING)
    hint = (
        NEVER_DEEPER
        if limit == DEPTH_CEILING
        else "raise the limit with --max-depth if it is really this deep"
    )
    return LimitError(f"{what} nested deeper than {limit} levels", span=span, hint=hint)


class OutputError(ConverterError):
    """An output cannot be written: it exists, it would escape its folder, or the OS refused."""


class InternalError(ConverterError):
    """A bug: for example a writer whose output does not read back to the same agent."""

    exit_code = 70


def unexpected(error: Exception, shown: str) -> InternalError:
    """An exception no code of ours meant to raise, met on one input: that input's error
    (exit 70), so a batch, a validation or a fix goes on with the others."""
    return InternalError(
        f"unexpected {type(error).__name__}: {error}; please report this", span=SourceSpan(shown)
    )


#: how many inputs one message names before it counts the rest
NAMED_IN_A_MESSAGE = 4


def several(shown: Sequence[str], what: str = "inputs", *, first: str | None = None) -> str:
    """`a and b`, `a, b and c`, or, past NAMED_IN_A_MESSAGE, the first three and how many
    more; `first` (the input a message is about, one of `shown`) is named first. Inputs that
    clash each fail with a message of their own, so each names a bounded few (when each
    named all, 2,000 agents of one name made 94 MB of errors). Only the first few of `shown`
    are looked at, so n messages cost n steps, not n squared."""
    count = len(shown)
    if first is None:
        head = list(shown[:NAMED_IN_A_MESSAGE])
    else:
        head = [first, *islice((s for s in shown if s != first), NAMED_IN_A_MESSAGE - 1)]
        head += [first] * (min(count, NAMED_IN_A_MESSAGE) - len(head))  # named twice
    if count <= 1:
        return "".join(head)
    if count <= NAMED_IN_A_MESSAGE:
        return f"{', '.join(head[:-1])} and {head[-1]}"
    listed = NAMED_IN_A_MESSAGE - 1
    return f"{', '.join(head[:listed])} and {count - listed:,} other {what}"


def both_or_all(count: int) -> str:
    """How a message says that `count` clashing inputs share something, in English."""
    return "both" if count == 2 else "all"


def rename_hint(count: int) -> str:
    """What to do about `count` inputs of one name or one output path."""
    return "rename one of the agents" if count == 2 else "rename all but one of the agents"


def none_written(count: int) -> str:
    """What a clash of `count` inputs leaves unwritten, in English."""
    return "neither is written" if count == 2 else "none of them is written"
