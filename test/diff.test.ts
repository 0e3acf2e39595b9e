import { test } from 'node:test';
import assert from 'node:assert/strict';
import { singleChange } from '../engine/text/diff';

function apply(text: string, c: { start: number; end: number; text: string }): string {
  return text.slice(0, c.start) + c.text + text.slice(c.end);
}

test('the derived change reproduces the new text and is minimal', () => {
  const cases: [string, string, { start: number; end: number; text: string }][] = [
    ['mode: 0644', 'mode: 0600', { start: 8, end: 10, text: '00' }],
    ['abc', 'abXc', { start: 2, end: 2, text: 'X' }],
    ['abc', 'ac', { start: 1, end: 2, text: '' }],
    ['same', 'same', { start: 4, end: 4, text: '' }],
    ['', 'new', { start: 0, end: 0, text: 'new' }],
    ['aaa', 'aaaa', { start: 3, end: 3, text: 'a' }],
  ];
  for (const [before, after, expected] of cases) {
    const change = singleChange(before, after);
    assert.deepEqual(change, expected, `${before} → ${after}`);
    assert.equal(apply(before, change), after);
  }
});
