// Gemini CLI's own agent loader (loadAgentsFromDirectory, from its published bundle), run on
// folders of agent files: prints, per folder, the agents it loaded and the errors it gave,
// and for each local agent what its run does with the prompt: the bundle's own
// templateString (packages/core/src/agents/utils.ts, not exported: its text is taken from
// the bundle) with the inputs a subagent's run has, or the error that fails every run.
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
const source = readdirSync(bundle)
  .filter((name) => name.endsWith(".js"))
  .map((name) => readFileSync(join(bundle, name), "utf8"))
  .find((text) => text.includes("function templateString("));
const start = source.indexOf("function templateString(");
const templateString = new Function(
  `${source.slice(start, source.indexOf("\n}\n", start) + 2)}; return templateString;`,
)();
// what a subagent's run fills (local-executor.ts: the call's query, then augmentedInputs)
const inputs = { query: "QUERY", cliVersion: "VERSION", activeModel: "MODEL", today: "TODAY" };
function run(prompt) {
  if (prompt == null) return { run_error: null, run_prompt: null };
  try {
    return { run_error: null, run_prompt: templateString(prompt, inputs) };
  } catch (error) {
    return { run_error: String(error.message ?? error), run_prompt: null };
  }
}
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
      ...run(a.promptConfig?.systemPrompt ?? null),
    })),
    errors: found.errors.map((e) => ({ path: e.filePath ?? null, message: String(e.message ?? e) })),
  };
}
process.stdout.write(JSON.stringify(out));
