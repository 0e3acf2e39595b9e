/** The positioned unit-file reader: sections, options, continuation lines and word splitting as systemd does them. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readUnitText, splitWords, stripExecPrefixes } from '../engine/systemd/unitText';

test('options keep the offset of every value character, across continuation lines', () => {
  const text = '[Unit]\nDescription = Install k3s \n# comment\n[Service]\nExecStart=/usr/bin/sh -c \\\n  # skipped\n  "echo hi"\n; also a comment\nEnvironment=A=1\r\n';
  const unit = readUnitText(text);
  assert.deepEqual(unit.sections.map((s) => s.name), ['Unit', 'Service']);
  const [description, exec, env] = unit.options;
  assert.deepEqual([description.section, description.name, description.value], ['Unit', 'Description', 'Install k3s']);
  assert.equal(text.slice(description.offsets[0], description.offsets[description.value.length]), 'Install k3s');
  assert.equal(exec.value, '/usr/bin/sh -c    "echo hi"');
  for (let i = 0; i < exec.value.length; i++) {
    if (exec.value[i] !== ' ') assert.equal(text[exec.offsets[i]], exec.value[i]);
  }
  assert.equal(env.value, 'A=1');
  assert.equal(env.section, 'Service');
});

test('words split on blanks, with quotes anywhere in a word and backslash escapes', () => {
  const words = splitWords(`INSTALL_K3S_EXEC="server --disable traefik" B='x y'z C=\\"q\\" D`);
  assert.deepEqual(words.map((w) => w.text), ['INSTALL_K3S_EXEC=server --disable traefik', 'B=x yz', 'C="q"', 'D']);
  assert.deepEqual(words.map((w) => w.quoted), [true, true, false, false]);
  assert.equal(words[0].start, 0);
  assert.equal(words[1].start, words[0].end + 1);
  assert.deepEqual(splitWords('"a \\"b\\" c" d').map((w) => w.text), ['a "b" c', 'd'], 'an escaped quote does not end a double-quoted word');
  assert.deepEqual(stripExecPrefixes('-!/opt/bin/k3s'), { prefix: '-!', path: '/opt/bin/k3s' });
});

test('lines without = and text before the first section are not options', () => {
  const unit = readUnitText('Orphan=1\n[Unit]\nnot an option\nAfter=network-online.target');
  assert.deepEqual(unit.options.map((o) => `${o.section}:${o.name}=${o.value}`), [':Orphan=1', 'Unit:After=network-online.target']);
});
