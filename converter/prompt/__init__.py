"""The prompt room: the prompt's view as sections and items, and section restyling
(Markdown headings ⇄ XML tags). The prompt itself always stays verbatim."""
