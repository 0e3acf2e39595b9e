// CLI: writes schemas/butane/*.json from the TypeScript source of truth.
//   node out/schemas/source/generate.js           write the files (and delete stale ones)
//   node out/schemas/source/generate.js --check   exit 1 and list files that are out of date

import * as fs from "fs";
import * as path from "path";
import { SCHEMA_DIR, renderAll } from "./registry";

function repoRoot(): string {
  // compiled to out/schemas/source/generate.js; the sources live in schemas/source/
  for (const candidate of [path.resolve(__dirname, "../../.."), path.resolve(__dirname, "../.."), process.cwd()]) {
    if (fs.existsSync(path.join(candidate, "package.json")) && fs.existsSync(path.join(candidate, "schemas"))) return candidate;
  }
  return process.cwd();
}

export interface Staleness {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Compares rendered files with those on disk; `generated` says which files in `dir` are ours. */
export function compare(dir: string, files: Map<string, string>, generated: (file: string) => boolean = (f) => f.endsWith(".json")): Staleness {
  const present = fs.existsSync(dir) ? fs.readdirSync(dir).filter(generated) : [];
  const result: Staleness = { changed: [], missing: [], extra: [] };
  for (const [name, text] of files) {
    const p = path.join(dir, name);
    if (!fs.existsSync(p)) result.missing.push(name);
    else if (fs.readFileSync(p, "utf8") !== text) result.changed.push(name);
  }
  for (const name of present) if (!files.has(name)) result.extra.push(name);
  return result;
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const dir = path.join(repoRoot(), SCHEMA_DIR);
  const files = renderAll();
  const stale = compare(dir, files);
  const problems = [
    ...stale.changed.map((f) => `out of date: ${SCHEMA_DIR}/${f}`),
    ...stale.missing.map((f) => `missing: ${SCHEMA_DIR}/${f}`),
    ...stale.extra.map((f) => `not generated (stale): ${SCHEMA_DIR}/${f}`),
  ];
  if (check) {
    if (problems.length) {
      console.error(problems.join("\n"));
      console.error("Run `npm run schemas` to regenerate.");
      return 1;
    }
    console.log(`${files.size} schema files are up to date.`);
    return 0;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of stale.extra) fs.unlinkSync(path.join(dir, f));
  for (const f of [...stale.changed, ...stale.missing]) fs.writeFileSync(path.join(dir, f), files.get(f)!);
  console.log(`${files.size} schema files in ${SCHEMA_DIR}: ${stale.changed.length + stale.missing.length} written, ${stale.extra.length} removed.`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
