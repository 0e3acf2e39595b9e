import * as fs from 'fs';
import { findBundledFile } from '../host/bundled';
import { RootSchema, Schema } from './schema';

/** A loader for one bundled schema file (`schemas/<folder>/<file>`), read on first use. */
export function bundledSchema(folder: string, file: string): () => Schema {
  let schema: Schema | undefined;
  return () => {
    if (schema) return schema;
    const found = findBundledFile('schemas', folder, file);
    if (!found) throw new Error(`bundled schema ${folder}/${file} not found above ${__dirname}`);
    schema = new Schema(JSON.parse(fs.readFileSync(found, 'utf8')) as RootSchema);
    return schema;
  };
}
