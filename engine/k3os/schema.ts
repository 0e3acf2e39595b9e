import * as fs from 'fs';
import { findBundledFile } from '../host/bundled';
import { RootSchema, Schema } from '../schema/schema';

let schema: Schema | undefined;

/** The bundled k3OS schema (`schemas/k3os/k3os.json`), loaded once. */
export function k3osSchema(): Schema {
  if (schema) return schema;
  const file = findBundledFile('schemas', 'k3os', 'k3os.json');
  if (!file) throw new Error(`bundled k3OS schema not found above ${__dirname}`);
  schema = new Schema(JSON.parse(fs.readFileSync(file, 'utf8')) as RootSchema);
  return schema;
}
