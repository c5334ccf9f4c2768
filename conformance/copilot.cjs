// GitHub Copilot CLI's own agent parser (customAgentsParseMarkdown, from the native runtime
// the CLI unpacks on its first run), run on agent files: prints what it made of each.
// usage: node copilot.cjs RUNTIME_NODE FILE...
const fs = require("node:fs");
const runtime = require(process.argv[2]);
const out = {};
for (const file of process.argv.slice(3)) {
  try {
    out[file] = runtime.customAgentsParseMarkdown(fs.readFileSync(file, "utf8"));
  } catch (error) {
    out[file] = { kind: "error", warnings: [], message: String(error && error.message) };
  }
}
process.stdout.write(JSON.stringify(out));
