"""The `xml` format: an XML-tagged prompt. `<agent name="…">` holds `<description>`, the
metadata tags and `<instructions>`; a bare tagged prompt with no `<agent>` reads as the prompt.

These are prompts for a model, not XML documents: text is never entity-escaped, and reading
uses a tolerant tag scanner, never an XML parser (so no entities, no XXE). Structured values
(metadata, extensions, odd tool lists) are JSON inside their tag, with "</" written "<\\/" so
no JSON text can close a tag.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from converter import fields
from converter.diagnostics import Code, Severity
from converter.errors import ParseError, SourceSpan, ValidationError
from converter.model import FIELDS, Agent, Provenance
from converter.options import MAX_DEPTH
from converter.registry import Format, ReadContext, WriteContext

_AGENT_OPEN = re.compile(r"\s*<agent(?P<attrs>(?:\s[^<>]*)?)>[ \t]*\n")
_ATTRIBUTE = re.compile(r"""\s*([\w-]+)=(?:"([^"]*)"|'([^']*)')""")
_ELEMENT_OPEN = re.compile(r"\s*<(?P<tag>[A-Za-z_][\w-]*)(?P<attrs>(?:\s[^<>]*)?)>")
_TOP_TAG = re.compile(r"(?m)^<[A-Za-z_][\w.-]*(?:\s[^<>\n]*)?>[ \t]*$")
_BLOCK_FIELDS = ("description", "instructions")


class XmlFormat(Format):
    name = "xml"
    aliases = ("xml-tagged", "tagged")
    filenames = ("*.xml", "*.txt")
    extension = ".xml"
    carries = frozenset(FIELDS)
    summary = "an XML-tagged prompt: <agent> with <description>, metadata tags, <instructions>"

    def sniff(self, text: str) -> float:
        if _AGENT_OPEN.match(text):
            return 0.95
        if text.lstrip().startswith("---"):
            return 0.1
        return 0.6 if _TOP_TAG.search(text) else 0.1

    def read(self, text: str, context: ReadContext) -> Agent:
        opening = _AGENT_OPEN.match(text)
        if opening is None:
            return self._read_bare(text, context)
        scanner = _Scanner(text, opening.end(), context.path)
        attributes = _attributes(opening.group("attrs"))
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        while True:
            tag, attrs, line = scanner.next_tag()
            if tag == "/agent":
                break
            if tag in values:
                raise ParseError(f"<{tag}> appears twice", span=SourceSpan(context.path, line))
            lines[tag] = line
            values[tag] = scanner.block(tag, attrs) if tag in _BLOCK_FIELDS else scanner.inline(tag)
        scanner.expect_end()
        agent = self._agent(attributes, values, lines, context)
        return replace(
            agent, provenance=Provenance(path=context.path, format=self.name, field_lines=lines)
        )

    def _agent(
        self,
        attributes: dict[str, str],
        values: dict[str, Any],
        lines: dict[str, int],
        context: ReadContext,
    ) -> Agent:
        path = context.path
        if "name" in values:
            name = _json(values.pop("name"), "name", path, lines.get("name"))
        else:
            name = attributes.get("name") or context.options.name or context.stem
            if not name:
                name = None
        if not isinstance(name, str):
            raise ValidationError(
                "the <agent> has no name",
                span=SourceSpan(path, 1, 1),
                hint='write <agent name="my-agent">',
            )
        tools: tuple[str, ...] | None = None
        if "tools" in values:
            raw = values.pop("tools")
            listed = _json(raw, "tools", path, lines.get("tools")) if raw.startswith("[") else raw
            tools = (
                fields.tools_field(listed, context.diagnostics, lines.get("tools"))
                if listed != ""
                else ()
            )
        model: Any = None
        if "model" in values:
            raw = values.pop("model")
            model = (
                _json(raw, "model", path, lines.get("model")) if raw.startswith(("[", '"')) else raw
            )
        deepest = context.options.max_depth  # the reader's own limit, raised or not
        metadata = _json(
            values.pop("metadata", "{}"), "metadata", path, lines.get("metadata"), deepest
        )
        extensions = _json(
            values.pop("extensions", "{}"), "extensions", path, lines.get("extensions"), deepest
        )
        if not isinstance(metadata, dict):
            raise ValidationError(
                "<metadata> must hold a JSON object", span=SourceSpan(path, lines.get("metadata"))
            )
        for tag, value in values.items():
            if tag not in _BLOCK_FIELDS:
                context.diagnostics.add(
                    Code.UNKNOWN_KEY, f"unknown tag <{tag}> kept in metadata", line=lines.get(tag)
                )
                metadata[tag] = value
        return Agent(
            name=name,
            description=values.get("description"),
            instructions=values.get("instructions", ""),
            model=fields.model_field(model, context.diagnostics, lines.get("model")),
            tools=tools,
            metadata=fields.json_object(metadata, "metadata", path, lines.get("metadata")),
            extensions=fields.extensions_field(extensions, path, lines.get("extensions")),
        )

    def _read_bare(self, text: str, context: ReadContext) -> Agent:
        name = context.options.name or context.stem
        if not name:
            raise ParseError(
                "a bare tagged prompt has no name",
                span=SourceSpan(context.path, 1, 1),
                hint='pass --name, or wrap it in <agent name="...">',
            )
        context.diagnostics.add(
            Code.NO_FRONTMATTER,
            f"no <agent> wrapper; the whole file is the prompt, named {name!r}",
            line=1,
            severity=Severity.INFO,
        )
        return replace(
            Agent(name=name, instructions=text),
            provenance=Provenance(path=context.path, format=self.name),
        )

    def write(self, agent: Agent, context: WriteContext) -> str:
        if _safe_attribute(agent.name):
            out = [f'<agent name="{agent.name}">']
        else:
            out = ["<agent>", f"<name>{_encode(agent.name)}</name>"]
        if agent.description is not None:
            out.append(_block("description", agent.description))
        if agent.model is not None:
            plain = isinstance(agent.model, str) and _safe_inline(agent.model)
            out.append(f"<model>{agent.model if plain else _encode(agent.model)}</model>")
        if agent.tools is not None:  # absent: inherit every tool; empty: none
            joined = fields.join_tools(agent.tools)
            if not agent.tools:
                listed = ""
            elif joined is not None and _safe_inline(joined):
                listed = joined
            else:
                listed = _encode(list(agent.tools))
            out.append(f"<tools>{listed}</tools>")
        if agent.metadata:
            out.append(f"<metadata>{_encode(agent.metadata)}</metadata>")
        if agent.extensions:
            out.append(f"<extensions>{_encode(agent.extensions)}</extensions>")
        out.append(_block("instructions", agent.instructions))
        out.append("</agent>")
        return "\n".join(out) + "\n"


class _Scanner:
    """Reads the elements of an <agent> one by one, by position, with no XML parser."""

    def __init__(self, text: str, position: int, path: str) -> None:
        self.text, self.position, self.path = text, position, path

    def line(self, position: int | None = None) -> int:
        return self.text.count("\n", 0, self.position if position is None else position) + 1

    def next_tag(self) -> tuple[str, str, int]:
        closing = _AGENT_CLOSE.match(self.text, self.position)  # no copy of the rest
        if closing is not None:
            self.position = closing.end()
            return "/agent", "", self.line()
        match = _ELEMENT_OPEN.match(self.text, self.position)
        if match is None:
            raise ParseError(
                "expected a tag such as <description> or </agent>",
                span=SourceSpan(self.path, self.line(), None),
                hint="an <agent> holds only tags; the prompt goes inside <instructions>",
            )
        self.position = match.end()
        return match.group("tag"), match.group("attrs"), self.line(match.start())

    def block(self, tag: str, attrs: str) -> str:
        # Written as <tag>\nTEXT\n</tag>; a text holding "</tag>" gets end="-N" and </tag-N>.
        end = _attributes(attrs).get("end", "")
        closing = f"\n</{tag}{end}>"
        if not self.text.startswith("\n", self.position):
            raise ParseError(
                f"<{tag}> must be followed by a new line", span=SourceSpan(self.path, self.line())
            )
        start = self.position + 1
        stop = self.text.find(closing, start - 1)
        if stop == -1:
            raise ParseError(
                f"<{tag}> is never closed",
                span=SourceSpan(self.path, self.line()),
                hint=f"add {closing.strip()}",
            )
        self.position = stop + len(closing)
        return self.text[start:stop] if stop >= start else ""

    def inline(self, tag: str) -> str:
        closing = f"</{tag}>"
        stop = self.text.find(closing, self.position)
        if stop == -1:
            raise ParseError(
                f"<{tag}> is never closed",
                span=SourceSpan(self.path, self.line()),
                hint=f"add {closing}",
            )
        value = self.text[self.position : stop]
        self.position = stop + len(closing)
        return value

    def expect_end(self) -> None:
        if self.text[self.position :].strip():
            raise ParseError("text after </agent>", span=SourceSpan(self.path, self.line() + 1))


def _block(tag: str, text: str) -> str:
    end = ""
    number = 0
    while f"</{tag}{end}>" in text:  # the closing tag must not occur in the text
        number += 1
        end = f"-{number}"
    attribute = f' end="{end}"' if end else ""
    return f"<{tag}{attribute}>\n{text}\n</{tag}{end}>"


def _encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _json(text: str, tag: str, path: str, line: int | None, max_depth: int = MAX_DEPTH) -> Any:
    try:
        return fields.parse_json(text, path, max_depth=max_depth)
    except ParseError as error:
        raise ValidationError(
            f"<{tag}> holds invalid JSON: {error.message.removeprefix('invalid JSON: ')}",
            span=SourceSpan(path, line),
        ) from None


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ATTRIBUTE.finditer(text)
    }


_AGENT_CLOSE = re.compile(r"\s*</agent>")
_NOT_ATTRIBUTE = re.compile(r"[\"<>\n\r]")
_NOT_INLINE = re.compile(r"[<>\n\r]")


def _safe_attribute(text: str) -> bool:
    return bool(text) and not _NOT_ATTRIBUTE.search(text)


def _safe_inline(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and not _NOT_INLINE.search(text)
        and not text.startswith(("[", '"'))
    )
