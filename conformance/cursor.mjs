// Cursor's own subagent loader, from @cursor/sdk's published bundle (its local subagents
// service, which loads .cursor/agents, .claude/agents and .grok/agents: the parser of a
// file's header and prompt, the file-name filter and the name taken from a file; not
// exported, so their text is taken from the bundle, as gemini.mjs takes templateString),
// run on agent files: prints, per file, what Cursor reads, or why it does not load it.
// usage: node cursor.mjs TOOLS_DIR FILE...
import { readFileSync } from "node:fs";
import path, { basename, join } from "node:path";

const bundle = readFileSync(join(process.argv[2], "node_modules/@cursor/sdk/dist/bundled/index.js"), "utf8");

// a function's whole text, from `function NAME(` to its closing brace
function functionAt(start) {
  let depth = 0;
  // the body's brace: after the parameters, which may hold braces of their own
  for (let i = bundle.indexOf("){", start) + 1; i < bundle.length; i++) {
    const c = bundle[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return bundle.slice(start, i + 1);
  }
  throw new Error("unbalanced function");
}
function containing(anchor, from = 0) {
  const at = bundle.indexOf(anchor, from);
  if (at < 0) throw new Error(`not in the bundle: ${anchor}`);
  return functionAt(bundle.lastIndexOf("function ", at));
}
function named(name) {
  const at = bundle.indexOf(`function ${name}(`);
  if (at < 0) throw new Error(`no function ${name}`);
  return functionAt(at);
}
const nameOf = (text) => /^function ([\w$]+)\(/.exec(text)[1];

const parser = containing(String.raw`.match(/^---\s*\n([\s\S]*?)\n---\s*\n?([\s\S]*)$/m)`);
const helpers = [...new Set([...parser.matchAll(/([\w$]+)\(Y(?:\.|\[)/g)].map((m) => m[1]))].map(named);
// the service's own helpers are defined beside its parser
const parserAt = bundle.indexOf(parser);
const fromFile = containing(String.raw`.replace(/[\s_]+/g,"-")`, parserAt);
const takes = containing(`===".mdc"`, parserAt);
const enumName = /\?([\w$]+)\.READONLY:/.exec(helpers.join("\n"))[1];
// the bundle's names for node's path functions, from its import nearest before the parser
const imports = [...bundle.slice(0, parserAt).matchAll(/import\{([^}]*)\}from"path"/g)].pop()[1];
const aliases = imports.split(",").map((part) => part.split(" as ")).map(([real, alias]) => `const ${alias ?? real} = path.${real};`);
const code = `${aliases.join("\n")}
const ${enumName} = {READONLY: "readonly", DEFAULT: "default"};
${helpers.join("\n")}
${parser}
${fromFile}
${takes}
return [${nameOf(parser)}, ${nameOf(fromFile)}, ${nameOf(takes)}];`;

const [parse, nameFromFile, takesFile] = new Function("path", code)(path);

const out = {};
for (const file of process.argv.slice(3)) {
  const base = basename(file);
  if (!takesFile(base)) { out[file] = { loaded: false, why: "file name" }; continue; }
  const read = parse(readFileSync(file, "utf8"));
  out[file] = read === null
    ? { loaded: false, why: "no header or no prompt" }
    : { loaded: true, ...read, name: read.name || nameFromFile(base), description: read.description ?? "", model: read.model ?? "inherit" };
}
process.stdout.write(JSON.stringify(out));
