// CLI: writes schemas/ignition/<version>.json (one per version in layout.json).
//   node out/schemas/source/ignition/generate.js           write the files (and delete stale ones)
//   node out/schemas/source/ignition/generate.js --check   exit 1 and list files that are out of date
// layout.json in the same folder is an input, never touched.

import * as fs from "fs";
import * as path from "path";
import { IGNITION_SCHEMA_DIR, renderIgnitionSchemas } from "./build";
import { compare, Staleness } from "../generate";

/** Generated file names: a spec version and .json (so layout.json is never ours). */
export const GENERATED = /^\d+\.\d+\.\d+(-[a-z]+)?\.json$/;

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "schemas", "source"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Which generated Ignition schemas are stale, missing or left over (layout.json is not generated). */
export function compareIgnition(dir: string, files: Map<string, string>): Staleness {
  return compare(dir, files, (f) => GENERATED.test(f));
}

function main(argv: string[]): number {
  const dir = path.join(repoRoot(), IGNITION_SCHEMA_DIR);
  const files = renderIgnitionSchemas();
  const stale = compareIgnition(dir, files);
  if (argv.includes("--check")) {
    const problems = [
      ...stale.changed.map((f) => `out of date: ${IGNITION_SCHEMA_DIR}/${f}`),
      ...stale.missing.map((f) => `missing: ${IGNITION_SCHEMA_DIR}/${f}`),
      ...stale.extra.map((f) => `not generated (stale): ${IGNITION_SCHEMA_DIR}/${f}`),
    ];
    if (problems.length) {
      console.error(problems.join("\n"));
      console.error("Run `npm run schemas` to regenerate.");
      return 1;
    }
    console.log(`${files.size} Ignition schema files are up to date.`);
    return 0;
  }
  for (const f of stale.extra) fs.unlinkSync(path.join(dir, f));
  for (const f of [...stale.changed, ...stale.missing]) fs.writeFileSync(path.join(dir, f), files.get(f)!);
  console.log(`${files.size} schema files in ${IGNITION_SCHEMA_DIR}: ${stale.changed.length + stale.missing.length} written, ${stale.extra.length} removed.`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
