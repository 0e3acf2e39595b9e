// CLI: writes schemas/k3os/k3os.json, the bundled k3OS config schema.
//   node out/schemas/source/k3os/generate.js           write the file
//   node out/schemas/source/k3os/generate.js --check   exit 1 when it is out of date

import * as fs from "fs";
import * as path from "path";
import { compare } from "../generate";
import { serialize } from "../emit";
import { k3osTree } from "./tree";

export const K3OS_SCHEMA_DIR = "schemas/k3os";

export function renderK3osSchema(): Map<string, string> {
  const root = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "urn:kindling:k3os:v0.22",
    title: "k3OS config.yaml (rancher/k3os v0.22)",
    ...serialize(k3osTree()),
  };
  return new Map([["k3os.json", JSON.stringify(root, null, 2) + "\n"]]);
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "schemas", "source"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function main(argv: string[]): number {
  const dir = path.join(repoRoot(), K3OS_SCHEMA_DIR);
  const files = renderK3osSchema();
  const stale = compare(dir, files);
  const problems = [...stale.changed, ...stale.missing].map((f) => `out of date: ${K3OS_SCHEMA_DIR}/${f}`);
  if (argv.includes("--check")) {
    if (problems.length) {
      console.error(problems.join("\n") + "\nRun `npm run schemas` to regenerate.");
      return 1;
    }
    console.log("The k3OS schema is up to date.");
    return 0;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  console.log(`${K3OS_SCHEMA_DIR}/k3os.json written.`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
