// CLI: writes schemas/k3os/k3os.json, the bundled k3OS config schema (see ../singleSchema.ts).

import { renderSingleSchema, runSingleSchema } from "../singleSchema";
import { k3osTree } from "./tree";

export const K3OS_SCHEMA_DIR = "schemas/k3os";

export function renderK3osSchema(): Map<string, string> {
  return renderSingleSchema("k3os.json", "urn:kindling:k3os:v0.22", "k3OS config.yaml (rancher/k3os v0.22)", k3osTree());
}

if (require.main === module) process.exit(runSingleSchema(K3OS_SCHEMA_DIR, "k3OS", renderK3osSchema(), process.argv.slice(2)));
