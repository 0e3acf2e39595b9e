/**
 * Positions inside YAML and JSON strings: every decoded character maps back to the
 * document character it came from, in each scalar style, or the mapping is refused.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Document, isMap, isScalar, Scalar } from 'yaml';
import { parseYaml } from '../engine/yaml/parse';
import { encodeForScalar, scalarOffsets } from '../engine/yaml/scalarOffsets';

function scalarAt(text: string, key: string): { value: string; range: { start: number; end: number } } {
  const root = parseYaml(text).root;
  assert.ok(isMap(root));
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key)!;
  const node = pair.value as Scalar;
  return { value: String(node.value), range: { start: node.range![0], end: node.range![1] } };
}

/** Each character that is written literally must be found at its offset. */
function assertMapped(text: string, key: string): void {
  const { value, range } = scalarAt(text, key);
  const mapped = scalarOffsets(text, range, value);
  assert.ok(mapped, `mapped: ${JSON.stringify(text)}`);
  assert.equal(mapped.offsets.length, value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const at: string = text[mapped.offsets[i]];
    if (at === '\\' || (mapped.style === 'single' && value[i] === "'")) continue;
    if (value[i] === '\n' || (value[i] === ' ' && at === '\n')) assert.match(at, /[\n ]/);
    else assert.equal(at, value[i], `char ${i} of ${JSON.stringify(value)} in ${JSON.stringify(text)}`);
  }
}

test('block literal, folded, plain, single and double quoted scalars map back character by character', () => {
  assertMapped('a: |\n  [Unit]\n  X=1\n\n  [Service]\n  ExecStart=/bin/true\nb: 1\n', 'a');
  assertMapped('a: |-\n    one\n    two\n', 'a');
  assertMapped('a: |+\n  one\n\n\n', 'a');
  assertMapped('a: >\n  one\n  two\n\n  three\n    more\n', 'a');
  assertMapped('a: plain text\n', 'a');
  assertMapped('a: plain\n  continued\n', 'a');
  assertMapped("a: 'it''s'\n", 'a');
  assertMapped('a: "x\\ny\\t\\"q\\" \\u00e9"\n', 'a');
  assertMapped('{"a": "[Unit]\\nDescription=x\\n\\n[Service]\\nExecStart=/bin/sh -c \\"a | b\\"\\n"}', 'a');
});

test('random strings written in every style by the yaml library map back', () => {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const alphabet = 'ab =:#"\'\\\n\t-|%$é';
  let checked = 0;
  for (let n = 0; n < 400; n++) {
    const value = Array.from({ length: 1 + rnd(30) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (const type of ['BLOCK_LITERAL', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'PLAIN'] as const) {
      const doc = new Document({ k: value });
      const node = (doc.contents as unknown as { items: { value: Scalar }[] }).items[0].value;
      node.type = type;
      const text = doc.toString();
      const { value: decoded, range } = scalarAt(text, 'k');
      if (decoded !== value) continue;
      const mapped = scalarOffsets(text, range, decoded);
      if (!mapped) continue;
      checked++;
      assertMapped(text, 'k');
    }
  }
  assert.ok(checked > 800, `checked ${checked}`);
});

test('a scalar that does not read back as the value is not mapped', () => {
  const text = 'a: |2\n    indented\n';
  const { value, range } = scalarAt(text, 'a');
  assert.equal(scalarOffsets(text, range, value), undefined);
  assert.equal(scalarOffsets('a: x\n', { start: 3, end: 4 }, 'y'), undefined);
});

test('replacement text is encoded for the scalar it goes into', () => {
  const literal = scalarOffsets('a: |\n    x\n', { start: 3, end: 11 }, 'x\n')!;
  assert.equal(encodeForScalar(literal, 'A=1\nB=2'), 'A=1\n    B=2');
  const double = scalarOffsets('"x"', { start: 0, end: 3 }, 'x')!;
  assert.equal(encodeForScalar(double, 'a "b"\n'), 'a \\"b\\"\\n');
  const single = scalarOffsets("'x'", { start: 0, end: 3 }, 'x')!;
  assert.equal(encodeForScalar(single, "it's"), "it''s");
  assert.equal(encodeForScalar(single, 'a\nb'), undefined);
  const plain = scalarOffsets('x', { start: 0, end: 1 }, 'x')!;
  assert.equal(encodeForScalar(plain, 'a: b'), undefined);
});
