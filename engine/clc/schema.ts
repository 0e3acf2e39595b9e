import * as fs from 'fs';
import { findBundledFile } from '../host/bundled';
import { RootSchema, Schema } from '../schema/schema';

let schema: Schema | undefined;

/** The bundled CLC schema (`schemas/clc/clc.json`), loaded once. */
export function clcSchema(): Schema {
  if (schema) return schema;
  const file = findBundledFile('schemas', 'clc', 'clc.json');
  if (!file) throw new Error(`bundled CLC schema not found above ${__dirname}`);
  schema = new Schema(JSON.parse(fs.readFileSync(file, 'utf8')) as RootSchema);
  return schema;
}
