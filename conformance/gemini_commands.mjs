// Gemini CLI's own custom-command loader (FileCommandLoader.parseAndAdaptFile, from its
// published bundle), run on .toml files: prints, per file, the command it made (name,
// description, prompt) or null where it skipped the file.
// The bundle does not export the class, so a copy of the chunk that defines it, with one
// export line added, is written beside it once (in the tool cache) and imported.
// For each file, `meant` is also given the loader's own display (`sanitizeForDisplay`, one
// line, 100 characters) of the description agentmorph meant (MEANT: a JSON file of
// {FILE: description or null}).
// usage: node gemini_commands.mjs TOOLS_DIR COMMANDS_DIR MEANT FILE...
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const bundle = join(process.argv[2], "node_modules/@google/gemini-cli/bundle");
const chunk = readdirSync(bundle)
  .sort()
  .find((name) => name.startsWith("chunk-") && readFileSync(join(bundle, name), "utf8").includes("var FileCommandLoader = class"));
const names = "FileCommandLoader as agentmorphFileCommandLoader, sanitizeForDisplay as agentmorphSanitize";
const copy = join(bundle, `agentmorph-commands-${names.length}-${chunk}`); // a new list, a new copy
if (!existsSync(copy)) {
  const text = readFileSync(join(bundle, chunk), "utf8");
  writeFileSync(copy, `${text}\nexport { ${names} };\n`);
}
const loaded = await import(pathToFileURL(copy).href);
const FileCommandLoader = loaded.agentmorphFileCommandLoader;
const meant = JSON.parse(readFileSync(process.argv[4], "utf8"));
const loader = new FileCommandLoader(null);
const base = process.argv[3];
const out = {};
for (const file of process.argv.slice(5)) {
  const command = await loader.parseAndAdaptFile(file, base, "workspace-file");
  if (command === null) {
    out[file] = null;
    continue;
  }
  // without an invocation the action returns the prompt as written (and logs that it had none)
  const done = await command.action({}, "");
  const description = meant[file] || `Custom command from ${basename(file)}`;
  out[file] = {
    name: command.name,
    description: command.description,
    prompt: done.content[0].text,
    meant: loaded.agentmorphSanitize(description, 100),
  };
}
// exit once written: a pipe takes large output in parts, and the loader leaves timers behind
process.stdout.write(JSON.stringify(out), () => process.exit(0));
