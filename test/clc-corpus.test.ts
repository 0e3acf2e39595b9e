/**
 * Every Container Linux Config vector (../shared/vectors/clc, made with ct v0.9.4 run as
 * `ct $(cat args) -in-file input.yaml`) through analyze() and transpile():
 *  (a) transpile's output is expected.ign byte for byte, and it produces output exactly when
 *      ct exited 0;
 *  (b) each ct report entry (`<kind> at line L, column C` + message, or `<kind>: message`)
 *      has a diagnostic of that severity with exactly ct's message, on line L (entries at
 *      line 1 column 1 are ct's position for the whole document: any line will do);
 *      a `yaml: line N:` syntax error needs a syntax error anywhere: go-yaml names the
 *      enclosing block's line, counted from 0, where we underline the offending token;
 *      `yaml: unmarshal errors` (wrong types) need an error on each named line;
 *  (c) conversely, every non-advisory diagnostic we report appears in ct's report, unless ct
 *      stopped at a YAML decoding error first (go-yaml aborts before ct checks anything).
 * Kindling-only findings are advisory and excluded from (c).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Diagnostic, LineIndex, transpile } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { VECTORS } from './helpers';

const CLC_VECTORS = path.join(VECTORS, 'clc');

interface CtFlags {
  strict: boolean;
  pretty: boolean;
  platform?: string;
  filesDir?: string;
  filesDirLabel?: string;
}

/** ct's Go `flag` arguments: one or two dashes, value as the next word or after `=`. */
function ctFlags(caseDir: string): CtFlags {
  const words = fs.readFileSync(path.join(caseDir, 'args'), 'utf8').trim().split(/\s+/).filter(Boolean);
  const flags: CtFlags = { strict: false, pretty: false };
  for (let i = 0; i < words.length; i++) {
    const [name, inline] = words[i].replace(/^--?/, '').split('=', 2);
    const value = (): string => inline ?? words[++i];
    if (name === 'strict') flags.strict = true;
    else if (name === 'pretty') flags.pretty = true;
    else if (name === 'platform') flags.platform = value();
    else if (name === 'files-dir') {
      flags.filesDirLabel = value();
      flags.filesDir = path.resolve(caseDir, flags.filesDirLabel);
    }
  }
  return flags;
}

interface Entry {
  severity: Diagnostic['severity'];
  line?: number;
  message?: string;
  text: string;
}

const SEVERITIES: Record<string, Diagnostic['severity']> = { error: 'error', warning: 'warning', info: 'information' };

function ctEntries(stderr: string): { entries: Entry[]; decodeFailed: boolean } {
  const lines = stderr.split('\n');
  const entries: Entry[] = [];
  let decodeFailed = false;
  for (let i = 0; i < lines.length; i++) {
    const located = /^(error|warning|info) at line (\d+), column (\d+)$/.exec(lines[i]);
    if (located) {
      const message = lines[++i];
      const whole = located[2] === '1' && located[3] === '1';
      entries.push({ severity: SEVERITIES[located[1]], line: whole ? undefined : Number(located[2]), message, text: `${lines[i - 1]} ${message}` });
      continue;
    }
    const bare = /^(error|warning|info): (.*)$/.exec(lines[i]);
    if (!bare) continue;
    if (/^yaml: line \d+:/.test(bare[2])) {
      decodeFailed = true;
      entries.push({ severity: 'error', text: lines[i] });
    } else if (bare[2] === 'yaml: unmarshal errors:') {
      decodeFailed = true;
      for (let j = i + 1; j < lines.length && /^\s+line \d+:/.test(lines[j]); j++) {
        entries.push({ severity: 'error', line: Number(/line (\d+):/.exec(lines[j])![1]), text: lines[j].trim() });
      }
    } else if (bare[2].startsWith('yaml:')) {
      decodeFailed = true;
      entries.push({ severity: 'error', text: lines[i] });
    } else {
      entries.push({ severity: SEVERITIES[bare[1]], message: bare[2], text: lines[i] });
    }
  }
  return { entries, decodeFailed };
}

const cases = fs.existsSync(CLC_VECTORS) ? fs.readdirSync(CLC_VECTORS).filter((n) => fs.statSync(path.join(CLC_VECTORS, n)).isDirectory()).sort() : [];

test('the CLC vectors are present', () => {
  assert.ok(cases.length >= 50, `expected the CLC vectors in ${CLC_VECTORS}`);
});

for (const name of cases) {
  test(`CLC vector ${name}: ct's output, exit status and messages`, () => {
    const dir = path.join(CLC_VECTORS, name);
    const read = (f: string): string => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
    const text = read('input.yaml');
    const flags = ctFlags(dir);
    const analysis = analyze(text, { dialect: 'clc', platform: flags.platform, filesDir: flags.filesDir, filesDirLabel: flags.filesDirLabel, fs: nodeFileSystem });
    const result = transpile(analysis, { strict: flags.strict, pretty: flags.pretty });
    const exit = Number(read('expected.exit').trim());
    const lines = new LineIndex(text);
    const lineOf = (d: Diagnostic): number => lines.lineAt(d.range.start) + 1;
    const show = (d: Diagnostic): string => `${d.severity} line ${lineOf(d)} ${d.code}: ${d.message}`;

    assert.equal(result.translation ? 0 : 1, exit, `exit status; we report:\n${analysis.diagnostics.map(show).join('\n')}`);
    if (exit === 0) assert.equal(result.translation!.output, read('expected.ign'));

    const { entries, decodeFailed } = ctEntries(read('expected.stderr'));
    for (const e of entries) {
      const found = analysis.diagnostics.some((d) => d.severity === e.severity && (e.message === undefined || d.message === e.message) && (e.line === undefined || lineOf(d) === e.line));
      assert.ok(found, `ct reported "${e.text}"; we report:\n${analysis.diagnostics.map(show).join('\n')}`);
    }
    if (decodeFailed) return;
    for (const d of analysis.diagnostics.filter((x) => !x.advisory)) {
      const known = entries.some((e) => e.severity === d.severity && e.message === d.message);
      assert.ok(known, `we report ${show(d)}, which ct does not`);
    }
  });
}
