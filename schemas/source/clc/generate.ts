// CLI: writes schemas/clc/clc.json, the bundled Container Linux Config schema.
//   node out/schemas/source/clc/generate.js           write the file
//   node out/schemas/source/clc/generate.js --check   exit 1 when it is out of date

import * as fs from "fs";
import * as path from "path";
import { compare } from "../generate";
import { serialize } from "../emit";
import { clcTree } from "./tree";

export const CLC_SCHEMA_DIR = "schemas/clc";

export function renderClcSchema(): Map<string, string> {
  const root = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "urn:kindling:clc:ct-0.9.4",
    title: "Flatcar Container Linux Config (ct v0.9.4)",
    ...serialize(clcTree()),
  };
  return new Map([["clc.json", JSON.stringify(root, null, 2) + "\n"]]);
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "schemas", "source"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function main(argv: string[]): number {
  const dir = path.join(repoRoot(), CLC_SCHEMA_DIR);
  const files = renderClcSchema();
  const stale = compare(dir, files);
  const problems = [...stale.changed, ...stale.missing].map((f) => `out of date: ${CLC_SCHEMA_DIR}/${f}`);
  if (argv.includes("--check")) {
    if (problems.length) {
      console.error(problems.join("\n") + "\nRun `npm run schemas` to regenerate.");
      return 1;
    }
    console.log("The CLC schema is up to date.");
    return 0;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  console.log(`${CLC_SCHEMA_DIR}/clc.json written.`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
