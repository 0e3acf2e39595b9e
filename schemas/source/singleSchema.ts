// The command-line entry shared by generators that write one schema file (CLC, k3OS):
//   node out/schemas/source/<dialect>/generate.js           write the file
//   node out/schemas/source/<dialect>/generate.js --check   exit 1 when it is out of date

import * as fs from "fs";
import * as path from "path";
import { compare } from "./generate";
import { serialize } from "./emit";
import type { SchemaNode } from "./nodes";

/** The emitted JSON Schema document for one tree, by file name. */
export function renderSingleSchema(file: string, id: string, title: string, tree: SchemaNode): Map<string, string> {
  const root = { $schema: "http://json-schema.org/draft-07/schema#", $id: id, title, ...serialize(tree) };
  return new Map([[file, JSON.stringify(root, null, 2) + "\n"]]);
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "schemas", "source"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Writes (or with --check, verifies) the files of `schemaDir`; returns the exit status. */
export function runSingleSchema(schemaDir: string, what: string, files: Map<string, string>, argv: string[]): number {
  const dir = path.join(repoRoot(), schemaDir);
  const stale = compare(dir, files);
  const problems = [...stale.changed, ...stale.missing].map((f) => `out of date: ${schemaDir}/${f}`);
  if (argv.includes("--check")) {
    if (problems.length) {
      console.error(problems.join("\n") + "\nRun `npm run schemas` to regenerate.");
      return 1;
    }
    console.log(`The ${what} schema is up to date.`);
    return 0;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  console.log(`${[...files.keys()].map((f) => `${schemaDir}/${f}`).join(", ")} written.`);
  return 0;
}
