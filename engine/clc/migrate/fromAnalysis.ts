/**
 * Migration of an analysed document: refuses what ct would reject, and tells the migration
 * which keys ct did not recognise (the decoder leaves them out of the config, so they would
 * otherwise vanish without a note).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../../diagnostics';
import type { YamlNode } from '../../yaml/parse';
import type { ClcAnalysis } from '../analyze';
import { migrateClc, MigrationNote } from './index';

export type Migrated = { ok: true; butane: string; notes: MigrationNote[] } | { ok: false; errors: Diagnostic[] };

function unrecognizedKeyPaths(root: YamlNode | null, diagnostics: Diagnostic[]): (string | number)[][] {
  const starts = new Set(diagnostics.filter((d) => d.code === 'clc/unknown-key').map((d) => d.range.start));
  const found: (string | number)[][] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const keyPath = [...at, String(pair.key.value)];
        if (pair.key.range && starts.has(pair.key.range[0])) found.push(keyPath);
        else walk(pair.value, keyPath);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...at, i]));
  };
  if (starts.size > 0) walk(root, []);
  return found;
}

/** Butane for a CLC that ct accepts; its errors otherwise. */
export function migrateAnalysis(clc: ClcAnalysis | undefined, root: YamlNode | null, diagnostics: Diagnostic[], platform: string | undefined): Migrated {
  const errors = diagnostics.filter((d) => d.severity === 'error' && !d.advisory);
  if (!clc || errors.length > 0) return { ok: false, errors };
  const migrated = migrateClc(clc.config, { platform, unrecognizedKeys: unrecognizedKeyPaths(root, diagnostics) });
  return { ok: true, ...migrated };
}
