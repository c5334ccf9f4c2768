// Roo Code's settings schema (customModesSettingsSchema from @roo-code/types), applied as
// the extension applies it: after parsing .roomodes with the `yaml` package.
// usage: node roo.cjs TOOLS_DIR FILE...
const fs = require("node:fs");
const path = require("node:path");
const modules = path.join(process.argv[2], "node_modules");
const types = require(path.join(modules, "@roo-code/types"));
const YAML = require(path.join(modules, "yaml"));
const out = {};
for (const file of process.argv.slice(3)) {
  let data;
  try {
    data = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    out[file] = { ok: false, issues: ["YAML: " + String(error.message)] };
    continue;
  }
  const found = types.customModesSettingsSchema.safeParse(data);
  out[file] = found.success
    ? { ok: true, modes: found.data.customModes.map((m) => ({ slug: m.slug, name: m.name, groups: m.groups, whenToUse: m.whenToUse ?? null, roleDefinition: m.roleDefinition, customInstructions: m.customInstructions ?? null })) }
    : { ok: false, issues: found.error.issues.map((i) => i.path.join(".") + ": " + i.message) };
}
process.stdout.write(JSON.stringify(out));
