"""The frontmatter room: split a `---` header from its body, repair it as Claude Code does,
load and dump it as YAML 1.2, and the one class every Markdown-based format derives from."""
