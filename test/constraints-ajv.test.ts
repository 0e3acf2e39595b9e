import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { analyze } from '../engine/index';
import { VECTORS } from './helpers';

/**
 * The decoder checks schema constraints itself (no validator compile on the keystroke
 * path). This cross-checks it against ajv, an independent JSON Schema implementation:
 * on every golden input, each ajv constraint error must match one of our reports.
 */
const CONSTRAINT_KEYWORDS = new Set(['required', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'maxLength', 'minItems']);
const dir = path.join(VECTORS, 'butane');

test('decoder constraint reports agree with ajv on the golden corpus', { skip: !fs.existsSync(dir) && 'vectors not present' }, () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  let compared = 0;
  let ajvErrors = 0;
  const missing: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const input = path.join(dir, name, 'input.bu');
    if (!fs.existsSync(input)) continue;
    const text = fs.readFileSync(input, 'utf8');
    const analysis = analyze(text, { dialect: 'butane' });
    const butane = analysis.butane;
    if (!butane?.schema || !butane.config || !butane.map) continue;
    const validate = ajv.getSchema(butane.schema.id) ?? ajv.compile(butane.schema.root);
    validate(butane.config);
    compared++;
    for (const error of validate.errors ?? []) {
      if (!CONSTRAINT_KEYWORDS.has(error.keyword)) continue;
      ajvErrors++;
      const pointer = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const located = butane.map.nearest(pointer)?.located;
      const lo = Math.min(located?.key?.start ?? Infinity, located?.value.start ?? Infinity);
      const hi = located?.value.end ?? -1;
      // Ours, or a dedicated check's report that replaced the generic one, must sit on that node.
      const reported = analysis.diagnostics.some((d) => d.severity === 'error' && d.range.start >= lo && d.range.start <= hi);
      if (!reported) missing.push(`${name}: ajv ${error.keyword} at ${error.instancePath || '/'} (${error.message}) has no report of ours`);
    }
  }
  assert.ok(compared > 100, `compared ${compared} configs`);
  // The corpus has mistakes of these kinds, so the comparison must have had work to do.
  assert.ok(ajvErrors >= 10, `ajv found ${ajvErrors} constraint errors`);
  assert.deepEqual(missing, []);
});
