/** Every Kindling rule is documented: a page with what, why, example and fix, listed in docs/rules/README.md. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { KINDLING_RULES } from '../engine/index';
import { ROOT } from './helpers';

const DOCS = path.join(ROOT, 'docs', 'rules');

test('each rule has its page, titled with its id and level, with what, why, example and fix', () => {
  for (const rule of KINDLING_RULES) {
    const page = path.join(DOCS, `${rule.id.replace('/', '-')}.md`);
    assert.ok(fs.existsSync(page), `docs/rules/${path.basename(page)} is missing`);
    const text = fs.readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${rule.id.replace(/[/.]/g, '\\$&')} \\((error|warning|information|hint)`), `${rule.id}: title`);
    for (const section of ['**What**', '**Why**', '**Example', '**Fix**']) assert.ok(text.includes(section), `${rule.id}: ${section}`);
  }
});

test('the rules index lists every rule with its summary, and nothing else', () => {
  const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  const listed = [...index.matchAll(/^\| \[([^\]]+)\]\(([^)]+)\)/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(listed.map(([id]) => id).sort(), KINDLING_RULES.map((r) => r.id).sort());
  for (const [id, link] of listed) assert.equal(link, `${id.replace('/', '-')}.md`);
  for (const rule of KINDLING_RULES) assert.ok(index.includes(rule.summary.replace(/\|/g, '\\|')), `${rule.id}: summary in the index`);
});
