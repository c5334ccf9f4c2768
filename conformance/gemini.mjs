// Gemini CLI's own agent loader (loadAgentsFromDirectory, from its published bundle), run on
// folders of agent files: prints, per folder, the agents it loaded and the errors it gave.
// usage: node gemini.mjs TOOLS_DIR DIR...
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const bundle = join(process.argv[2], "node_modules/@google/gemini-cli/bundle");
// the bundle's chunk that exports the loader (its file name changes between builds)
const chunk = readdirSync(bundle).find(
  (name) => name.startsWith("core-") && readFileSync(join(bundle, name), "utf8").includes("loadAgentsFromDirectory,"),
);
const core = await import(pathToFileURL(join(bundle, chunk)).href);
const out = {};
for (const dir of process.argv.slice(3)) {
  const found = await core.loadAgentsFromDirectory(dir);
  out[dir] = {
    agents: found.agents.map((a) => ({
      name: a.name,
      description: a.description,
      tools: a.toolConfig?.tools ?? null,
      model: a.modelConfig?.model ?? null,
      prompt: a.promptConfig?.systemPrompt ?? null,
      kind: a.kind ?? null,
    })),
    errors: found.errors.map((e) => ({ path: e.filePath ?? null, message: String(e.message ?? e) })),
  };
}
process.stdout.write(JSON.stringify(out));
