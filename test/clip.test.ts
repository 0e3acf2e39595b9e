import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipDiagnostic, clipMessage } from '../engine/text/clip';

test('messages without over-long words are left alone', () => {
  const vectorLike = 'Config has unrecognized key: ssh_authorized_keys_with_a_rather_long_name_of_52c';
  assert.equal(clipMessage(vectorLike), vectorLike);
  const word = 'x'.repeat(120);
  assert.equal(clipMessage(`unknown key \`${word.slice(2)}\``), `unknown key \`${word.slice(2)}\``);
});

test('an over-long word keeps its head and tail, and the rest of the message', () => {
  const clipped = clipMessage(`unknown variant "${'a'.repeat(200)}b"; Butane knows fcos. Did you mean "fcos"?`);
  assert.equal(clipped, `unknown variant "${'a'.repeat(55)}…${'a'.repeat(13)}b"; Butane knows fcos. Did you mean "fcos"?`);
});

test('a cut never splits a surrogate pair', () => {
  const emoji = '\u{1F525}';
  for (let pad = 0; pad < 4; pad++) {
    const clipped = clipMessage('x'.repeat(pad) + emoji.repeat(100));
    assert.doesNotMatch(clipped, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `pad ${pad}`);
    assert.ok(clipped.length < 80);
  }
});

test('a message still too long after clipping words keeps its start and end', () => {
  const message = `value ${'word '.repeat(10_000)}end.`;
  const clipped = clipMessage(message);
  assert.ok(clipped.length <= 2000, `${clipped.length}`);
  assert.ok(clipped.startsWith('value word word'));
  assert.ok(clipped.endsWith('word end.'));
  assert.ok(clipped.includes(' … '));
});

test('a diagnostic is returned as is when nothing in it is too long', () => {
  const d = { range: { start: 0, end: 1 }, severity: 'error' as const, code: 'x/y', message: 'short', fixes: [{ title: 'Fix it', edits: [] }] };
  assert.equal(clipDiagnostic(d), d);
  const long = { ...d, fixes: [{ title: `Write ${'z'.repeat(500)}`, edits: [{ range: d.range, newText: 'z'.repeat(500) }] }] };
  const clipped = clipDiagnostic(long);
  assert.ok(clipped.fixes![0].title.length < 100);
  assert.equal(clipped.fixes![0].edits[0].newText.length, 500);
});
