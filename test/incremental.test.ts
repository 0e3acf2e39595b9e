import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { analyze, analyzeAfterEdit, TextChange } from '../engine/index';
import { VECTORS } from './helpers';

function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** Comparable view of an analysis: what users and later stages see. */
function observable(a: ReturnType<typeof analyze>): unknown {
  return { diagnostics: a.diagnostics.map((d) => [d.range.start, d.range.end, d.severity, d.code, d.message]), config: a.butane?.config };
}

function valueScalarRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const walk = (node: unknown): void => {
    if (isScalar(node) && node.range) out.push([node.range[0], node.range[1]]);
    else if (isMap(node) || isSeq(node)) for (const item of node.items) walk(isPair(item) ? item.value : item);
  };
  walk(analyze(text, { dialect: 'butane' }).parsed.root);
  return out;
}

const EDITS: ((source: string) => string)[] = [
  (s) => `${s}x`,
  (s) => s.slice(0, -1),
  () => '"__quoted__"',
  () => "'it''s'",
  () => '0644',
  () => 'yes',
  () => '',
  () => 'a: b',
  () => 'x # comment',
  () => '[1, 2]',
  () => '- item',
  () => '*alias',
  () => '"unterminated',
];

function checkEquivalence(text: string, label: string): number {
  let checked = 0;
  for (const [start, end] of valueScalarRanges(text)) {
    const source = text.slice(start, end);
    if (/[\r\n]/.test(source)) continue;
    for (const edit of EDITS) {
      const change: TextChange = { start, end, text: edit(source) };
      const newText = applyChange(text, change);
      const previous = analyze(text, { dialect: 'butane' });
      const incremental = analyzeAfterEdit(previous, text, change, newText, { dialect: 'butane' });
      const fresh = analyze(newText, { dialect: 'butane' });
      assert.deepEqual(observable(incremental), observable(fresh), `${label}: replacing ${JSON.stringify(source)} with ${JSON.stringify(change.text)}`);
      checked++;
    }
  }
  return checked;
}

test('an edit inside one value gives exactly what a fresh analysis gives', () => {
  const text = 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: 0644\n      contents: {inline: "x", compression: gzip}\n    - path: /etc/b\nsystemd:\n  units: [{name: a.service, enabled: yes}]\n';
  assert.ok(checkEquivalence(text, 'inline fixture') > 50);
});

const dir = path.join(VECTORS, 'butane');
test('edits on every single-line value of the golden inputs match a fresh analysis', { skip: !fs.existsSync(dir) && `no vectors at ${dir}` }, () => {
  let checked = 0;
  for (const name of fs.readdirSync(dir).sort().filter((_, i) => i % 4 === 0)) {
    const input = path.join(dir, name, 'input.bu');
    if (fs.existsSync(input)) checked += checkEquivalence(fs.readFileSync(input, 'utf8'), name);
  }
  assert.ok(checked > 1000, `checked ${checked} edits`);
});

test('typing at the end of a value on a long document takes the fast path', () => {
  let text = 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n';
  for (let i = 0; i < 2000; i++) text += `    - path: /etc/f${i}\n      mode: 0644\n`;
  const previous = analyze(text, { dialect: 'butane' });
  const at = text.indexOf('/etc/f1000') + '/etc/f1000'.length;
  const change = { start: at, end: at, text: 'x' };
  const newText = applyChange(text, change);
  const rootBefore = previous.parsed.root;
  const next = analyzeAfterEdit(previous, text, change, newText, { dialect: 'butane' });
  assert.equal(next.parsed.root, rootBefore, 'the previous syntax tree was reused');
  assert.equal((next.butane?.config as { storage: { files: { path: string }[] } }).storage.files[1000].path, '/etc/f1000x');
});

test('an edit before an alias moves the alias too (found by the fuzz)', () => {
  const text = 'variant: fcos\nversion: *alias\n';
  const change: TextChange = { start: 11, end: 12, text: 'x9' };
  const newText = applyChange(text, change);
  const incremental = analyzeAfterEdit(analyze(text, { dialect: 'butane' }), text, change, newText, { dialect: 'butane' });
  assert.deepEqual(observable(incremental), observable(analyze(newText, { dialect: 'butane' })));
});
