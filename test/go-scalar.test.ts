import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlain, yaml11Bool } from '../engine/yaml/goScalar';

test('leading-zero and 0o integers are octal, plain digits decimal (go-yaml v3)', () => {
  assert.deepEqual(resolvePlain('0644'), { tag: '!!int', value: 0o644 });
  assert.deepEqual(resolvePlain('0o755'), { tag: '!!int', value: 0o755 });
  assert.deepEqual(resolvePlain('644'), { tag: '!!int', value: 644 });
  assert.deepEqual(resolvePlain('0x1F'), { tag: '!!int', value: 31 });
  assert.deepEqual(resolvePlain('-12'), { tag: '!!int', value: -12 });
  assert.deepEqual(resolvePlain('1_000'), { tag: '!!int', value: 1000 });
  assert.deepEqual(resolvePlain('0'), { tag: '!!int', value: 0 });
});

test('digits that are not valid octal fall back to a float, as in Go', () => {
  assert.deepEqual(resolvePlain('08'), { tag: '!!float', value: 8 });
  assert.deepEqual(resolvePlain('1.5'), { tag: '!!float', value: 1.5 });
  assert.deepEqual(resolvePlain('.5'), { tag: '!!float', value: 0.5 });
});

test('only true/false spellings are booleans when resolving; yes/on stay strings', () => {
  assert.deepEqual(resolvePlain('true'), { tag: '!!bool', value: true });
  assert.deepEqual(resolvePlain('FALSE'), { tag: '!!bool', value: false });
  assert.deepEqual(resolvePlain('yes'), { tag: '!!str', value: 'yes' });
  assert.deepEqual(resolvePlain('on'), { tag: '!!str', value: 'on' });
});

test('YAML 1.1 words become booleans only for bool fields', () => {
  assert.equal(yaml11Bool('yes'), true);
  assert.equal(yaml11Bool('On'), true);
  assert.equal(yaml11Bool('off'), false);
  assert.equal(yaml11Bool('N'), false);
  assert.equal(yaml11Bool('maybe'), undefined);
});

test('null spellings, versions and timestamps', () => {
  for (const n of ['', '~', 'null', 'Null', 'NULL']) assert.equal(resolvePlain(n).tag, '!!null');
  assert.deepEqual(resolvePlain('1.6.0'), { tag: '!!str', value: '1.6.0' });
  assert.deepEqual(resolvePlain('1.6'), { tag: '!!float', value: 1.6 });
  assert.equal(resolvePlain('2024-01-02').tag, '!!timestamp');
  assert.deepEqual(resolvePlain('nope'), { tag: '!!str', value: 'nope' });
});
