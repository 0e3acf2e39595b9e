// CLI: writes schemas/clc/clc.json, the bundled Container Linux Config schema (see ../singleSchema.ts).

import { renderSingleSchema, runSingleSchema } from "../singleSchema";
import { clcTree } from "./tree";

export const CLC_SCHEMA_DIR = "schemas/clc";

export function renderClcSchema(): Map<string, string> {
  return renderSingleSchema("clc.json", "urn:kindling:clc:ct-0.9.4", "Flatcar Container Linux Config (ct v0.9.4)", clcTree());
}

if (require.main === module) process.exit(runSingleSchema(CLC_SCHEMA_DIR, "CLC", renderClcSchema(), process.argv.slice(2)));
