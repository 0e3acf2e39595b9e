/**
 * Language-service features on inline fixtures. `|` marks the cursor (fixtures that contain
 * block scalars use `‸` instead, since `|` is YAML syntax there).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../engine/index';
import { Schema, RootSchema } from '../engine/schema/schema';
import type { ButaneSpec } from '../engine/butane/registry';
import {
  complete,
  CompletionOptions,
  documentSymbols,
  foldingRanges,
  hover,
  MAX_SYMBOLS,
  OutlineSymbol,
  parsedOnly,
  ServiceDocument,
  SpecCatalog,
} from '../engine/service/index';

function cursor(marked: string, marker = '|'): { doc: ServiceDocument; offset: number } {
  const offset = marked.indexOf(marker);
  assert.ok(offset >= 0, 'fixture needs a cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { doc: { text, analysis: analyze(text, { dialect: 'butane' }) }, offset };
}

function labels(marked: string, options: CompletionOptions = {}, marker = '|'): string[] {
  const { doc, offset } = cursor(marked, marker);
  return complete(doc, offset, options).items.map((i) => i.label);
}

function hoverText(marked: string, marker = '|'): string {
  const { doc, offset } = cursor(marked, marker);
  return hover(doc, offset)?.markdown ?? '';
}

const FCOS15 = 'variant: fcos\nversion: 1.5.0\n';

test('keys of a storage.files[] item: present keys excluded, required first, nested inserts', () => {
  const marked = `${FCOS15}storage:\n  files:\n    - mode: 0644\n      |\n      overwrite: true\n`;
  const { doc, offset } = cursor(marked);
  const result = complete(doc, offset);
  const names = result.items.map((i) => i.label);
  assert.equal(result.position, 'key');
  assert.equal(names[0], 'path', 'the required key comes first');
  assert.deepEqual([...names.slice(1)].sort(), ['append', 'contents', 'group', 'user']);
  assert.ok(!names.includes('mode') && !names.includes('overwrite'), 'keys above and below the cursor are excluded');
  const contents = result.items.find((i) => i.label === 'contents')!;
  assert.equal(contents.insertText, 'contents:\n        $0', 'objects open an indented block');
  assert.equal(result.items.find((i) => i.label === 'append')!.insertText, 'append:\n        - $0', 'lists open a first item');
  assert.match(result.items.find((i) => i.label === 'path')!.detail ?? '', /required · string/);
  assert.ok(contents.documentation && contents.documentation.length > 10, 'descriptions become documentation');
});

test('a new list item offers the item keys; typed text is replaced', () => {
  const marked = `${FCOS15}storage:\n  files:\n    - path: /a\n    - pa|\n`;
  const { doc, offset } = cursor(marked);
  const result = complete(doc, offset);
  const path = result.items.find((i) => i.label === 'path');
  assert.ok(path, 'path is not present in the new item');
  assert.equal(doc.text.slice(path.range.start, path.range.end), 'pa');
  assert.equal(path.insertText, 'path: $0');
});

test('enum values of filesystems[].format, with their descriptions', () => {
  const { doc, offset } = cursor(`${FCOS15}storage:\n  filesystems:\n    - device: /dev/vdb\n      format: |\n`);
  const result = complete(doc, offset);
  assert.equal(result.position, 'value');
  assert.deepEqual(result.items.map((i) => i.label).slice(0, 5), ['ext4', 'btrfs', 'xfs', 'vfat', 'swap']);
  assert.match(result.items.find((i) => i.label === 'xfs')!.documentation ?? '', /12 characters/);
});

test('booleans complete to true/false and keys with enums insert a choice', () => {
  assert.deepEqual(labels(`${FCOS15}systemd:\n  units:\n    - name: a.service\n      enabled: |\n`), ['true', 'false']);
  const { doc, offset } = cursor(`${FCOS15}systemd:\n  units:\n    - name: a.service\n      ena|\n`);
  assert.equal(complete(doc, offset).items.find((i) => i.label === 'enabled')!.insertText, 'enabled: ${1|true,false|}');
});

test('variant values list every variant; version values follow the variant, newest stable first', () => {
  assert.deepEqual(labels('variant: |\n').sort(), ['fcos', 'fiot', 'flatcar', 'openshift', 'r4e']);
  const { doc, offset } = cursor('variant: flatcar\nversion: |\n');
  const items = complete(doc, offset).items;
  assert.deepEqual(items.map((i) => i.label), ['1.1.0', '1.0.0', '1.2.0-experimental']);
  assert.match(items[2].detail ?? '', /experimental/);
  assert.match(items[0].detail ?? '', /Ignition 3\.4\.0/);
  assert.equal(items[0].preselect, true);
  const fcos = labels('variant: fcos\nversion: |\n');
  assert.equal(fcos[0], '1.7.0');
  assert.equal(fcos[fcos.length - 1], '1.8.0-experimental');
});

test('keys follow the spec version: fcos 1.4.0 has no grub, 1.5.0 has', () => {
  assert.ok(!labels('variant: fcos\nversion: 1.4.0\n|\n').includes('grub'));
  assert.ok(labels('variant: fcos\nversion: 1.5.0\n|\n').includes('grub'));
  assert.ok(labels('variant: fcos\nversion: 1.5.0\n|\n').includes('kernel_arguments'));
  assert.ok(!labels('variant: fcos\nversion: 1.3.0\n|\n').includes('kernel_arguments'));
});

test('x-unsupported keys are never offered (flatcar rejects luks clevis)', () => {
  const luks = (variant: string, version: string) =>
    labels(`variant: ${variant}\nversion: ${version}\nstorage:\n  luks:\n    - name: data\n      |\n`);
  assert.ok(luks('fcos', '1.5.0').includes('clevis'));
  assert.ok(!luks('flatcar', '1.1.0').includes('clevis'));
  assert.ok(luks('flatcar', '1.1.0').includes('device'));
});

test('completion works while the document is syntactically broken mid-typing', () => {
  const broken = `${FCOS15}storage:\n  files:\n    - path: /etc/a\n      contents: [\n    - |\n`;
  const { doc, offset } = cursor(broken);
  assert.ok(doc.analysis.parsed.diagnostics.some((d) => d.severity === 'error'), 'the fixture really is broken');
  assert.equal(doc.analysis.butane, undefined, 'so the analysis has no spec');
  assert.ok(complete(doc, offset).items.some((i) => i.label === 'path'));

  // A tab-indented line above breaks the parse; the walker still finds systemd.units[].
  const tabbed = cursor(`${FCOS15}systemd:\n\tbad: 1\n  units:\n    - name: a.service\n      |\n`);
  assert.ok(complete(tabbed.doc, tabbed.offset).items.some((i) => i.label === 'dropins'));
});

test('the last good analysis supplies the spec while the version line is being retyped', () => {
  const good = analyze(`${FCOS15}storage:\n  files: []\n`, { dialect: 'butane' });
  const text = 'variant: fcos\nversion: 1.5.\n\n';
  const doc: ServiceDocument = { text, analysis: analyze(text, { dialect: 'butane' }), lastGood: good };
  const items = complete(doc, text.length - 1).items.map((i) => i.label);
  assert.ok(items.includes('grub'), 'keys of fcos 1.5.0 from the previous analysis');
  const without = complete({ text, analysis: doc.analysis }, text.length - 1).items;
  assert.equal(without.length, 0);
});

test('no completion inside block scalars or comments', () => {
  assert.deepEqual(labels(`${FCOS15}systemd:\n  units:\n    - name: a.service\n      contents: |\n        [Unit]\n        ‸\n`, {}, '‸'), []);
  assert.deepEqual(labels(`${FCOS15}# stor|\n`), []);
});

test('whole-config snippets at the root of an empty document only', () => {
  const snippets = [{ name: 'K3s server', prefix: 'k3s-server', body: 'variant: fcos\nversion: 1.6.0\n$0', description: 'a server' }];
  const empty = cursor('|');
  const items = complete(empty.doc, empty.offset, { snippets }).items;
  assert.equal(items[0].label, 'K3s server');
  assert.equal(items[0].kind, 'snippet');
  assert.ok(items.some((i) => i.label === 'variant') && items.some((i) => i.label === 'version'));
  assert.ok(!labels(`${FCOS15}|\n`, { snippets }).includes('K3s server'));
  assert.ok(labels('# a comment\n|', { snippets }).includes('K3s server'));
});

test('hover on a key: description, type, default, allowed values, since and Ignition name', () => {
  const mode = hoverText(`${FCOS15}storage:\n  files:\n    - path: /a\n      mo|de: 0644\n`);
  assert.match(mode, /storage\.files\[\]\.mode/);
  assert.match(mode, /integer/);
  assert.match(mode, /Default: `0644`/);
  assert.match(mode, /Becomes Ignition field `mode`/);
  const format = hoverText(`${FCOS15}storage:\n  filesystems:\n    - device: /dev/vdb\n      for|mat: xfs\n`);
  assert.match(format, /Allowed values:[\s\S]*`xfs`: XFS filesystem/);
  const grub = hoverText(`${FCOS15}gr|ub:\n  users: []\n`);
  assert.match(grub, /Added in fcos 1\.5\.0/);
  assert.match(grub, /Butane-only/);
  assert.equal(hoverText(`${FCOS15}storage:\n  files:\n    - path: /a|\n`), '', 'no hover on plain values');
});

test('hover on variant and version values names the spec and its Ignition version', () => {
  assert.match(hoverText('variant: fcos\nversion: 1.5|.0\n'), /fcos 1\.5\.0\*\* → Ignition spec \*\*3\.4\.0/);
  assert.match(hoverText('variant: fc|os\nversion: 1.5.0\n'), /Ignition spec \*\*3\.4\.0/);
  assert.match(hoverText('variant: fcos\nversion: 1.9|.0\n'), /no fcos spec version `1\.9\.0`[\s\S]*1\.7\.0/);
  assert.match(hoverText('variant: flatcar\nversion: 1.2.0-experi|mental\n'), /experimental/);
});

test('hover quotes a megabyte-long variant or version cut short', () => {
  const long = 'Q'.repeat(1024 * 1024);
  const variant = hoverText(`variant: fc|os${long}\nversion: 1.5.0\n`);
  assert.match(variant, /^[\s\S]*Unknown variant `fcosQ+…Q+`\. Butane knows: /);
  assert.ok(variant.length < 2000, `${variant.length}`);
  const version = hoverText(`variant: fcos\nversion: 1.|9.0${long}\n`);
  assert.match(version, /no fcos spec version `1\.9\.0Q+…Q+`/);
  assert.ok(version.length < 2000, `${version.length}`);
});

function find(symbols: OutlineSymbol[], name: string): OutlineSymbol | undefined {
  for (const s of symbols) {
    if (s.name === name) return s;
    const inner = find(s.children, name);
    if (inner) return inner;
  }
  return undefined;
}

test('symbols name list items by path, name and device', () => {
  const text = `${FCOS15}storage:\n  files:\n    - path: /etc/hostname\n      mode: 0644\n  filesystems:\n    - device: /dev/vdb\n      path: /var\n      format: xfs\nsystemd:\n  units:\n    - name: k3s.service\n      enabled: true\npasswd:\n  users:\n    - name: core\n`;
  const symbols = documentSymbols({ text, analysis: analyze(text, { dialect: 'butane' }) });
  const files = find(symbols, 'files')!;
  assert.equal(files.children[0].name, '/etc/hostname');
  assert.equal(files.children[0].kind, 'file');
  assert.equal(text.slice(files.children[0].selectionRange.start, files.children[0].selectionRange.end), '/etc/hostname');
  assert.equal(find(symbols, 'filesystems')!.children[0].name, '/dev/vdb');
  assert.equal(find(symbols, 'units')!.children[0].name, 'k3s.service');
  assert.equal(find(symbols, 'users')!.children[0].name, 'core');
  assert.equal(find(symbols, 'enabled')!.kind, 'boolean');
});

test('symbols are capped for huge documents', () => {
  const files = Array.from({ length: 3000 }, (_, i) => `    - path: /etc/f${i}\n      mode: 0644\n`).join('');
  const text = `${FCOS15}storage:\n  files:\n${files}`;
  const count = (list: OutlineSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children), 0);
  const total = count(documentSymbols(parsedOnly(text)));
  assert.ok(total <= MAX_SYMBOLS, `${total} symbols`);
  assert.ok(total > 1000);
});

test('folding ranges cover multi-line mappings, lists, block scalars and comment runs', () => {
  const text = [
    '# one', '# two', 'variant: fcos', 'version: 1.5.0', 'systemd:', '  units:', '    - name: a.service',
    '      contents: |', '        [Unit]', '        Description=a', '', '    - name: b.service',
  ].join('\n');
  const lines = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const spans = foldingRanges(parsedOnly(text)).map((s) => `${lines(s.start)}-${lines(s.end)}${s.kind ? ` ${s.kind}` : ''}`);
  assert.deepEqual(spans, ['0-1 comment', '4-11', '5-11', '6-9', '7-9']);
});

test('an injected catalog replaces the bundled schemas (small test schema)', () => {
  const root: RootSchema = {
    $id: 'test', type: 'object', required: ['variant', 'version'],
    properties: {
      variant: { type: 'string' }, version: { type: 'string' },
      widget: { type: 'object', description: 'A widget.', 'x-since': '2.0.0', properties: { size: { type: 'integer', default: 3 } } },
      legacy: { type: 'string', 'x-unsupported': 'legacy is gone' },
    },
  };
  const spec: ButaneSpec = { variant: 'toy', version: '2.0.0', file: 'toy.json', ignitionVersion: '3.9.0', experimental: false };
  const catalog: SpecCatalog = { specs: () => [spec], schemaFor: () => new Schema(root) };
  const text = 'variant: toy\nversion: 2.0.0\n\n';
  const items = complete(parsedOnly(text), text.length - 1, { catalog }).items;
  assert.deepEqual(items.map((i) => i.label), ['widget']);
  assert.match(items[0].detail ?? '', /object · since toy 2\.0\.0/);
  const nested = 'variant: toy\nversion: 2.0.0\nwidget:\n  \n';
  assert.match(complete(parsedOnly(nested), nested.length - 1, { catalog }).items[0].detail ?? '', /integer · default 3/);
  assert.deepEqual(complete(parsedOnly('variant: |'.replace('|', '')), 9, { catalog }).items.map((i) => i.label), ['toy']);
});

test('pathological lines complete in linear time (megabyte space runs, tag chains, dash runs)', { timeout: 10_000 }, () => {
  const head = 'variant: fcos\nversion: 1.5.0\n';
  const lines = [
    `k${' '.repeat(1 << 20)}x:`,
    `key: ${'!'.repeat(5000)} x`,
    `${'a:b'.repeat(300_000)}`,
    `k${'a#'.repeat(300_000)}:`,
    `${'- '.repeat(200_000)}`,
    `key: value${' '.repeat(1 << 20)}x`,
    `# ${' '.repeat(1 << 20)}x\n# two`,
    '['.repeat(10_000),
  ];
  for (const line of lines) {
    const text = `${head}${line}\n\n`;
    const doc = { text, analysis: analyze(text, { dialect: 'butane' }) };
    const started = performance.now();
    complete(doc, text.length - 1);
    complete(doc, head.length + Math.min(line.length, 30));
    foldingRanges(doc);
    documentSymbols(doc);
    hover(doc, head.length + 2);
    assert.ok(performance.now() - started < 2000, `${line.slice(0, 20)}… took ${(performance.now() - started).toFixed(0)} ms`);
  }
});
