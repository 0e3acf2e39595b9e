/**
 * Runs every Butane golden vector (../shared/vectors/butane) through analyze() and
 * checks our diagnostics against what butane v0.29 printed:
 *  (a) a case butane accepted (exit 0) yields no errors — and no warnings under --strict;
 *  (b) each `error|warning at $.path, line L col C: …` line of its stderr has a
 *      diagnostic of that severity on line L; yaml errors `line N: …` need an error on
 *      line N; version/variant errors need an error anywhere.
 * Deliberate differences are listed below with their reasons.
 */
import { BUTANE_VECTORS } from './helpers';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Diagnostic, LineIndex } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import type { Path } from '../engine/schema/sourceMap';

const CORPUS = BUTANE_VECTORS;

/** Cases where we knowingly differ from butane, and why. */
const ALLOWED_CASES: Record<string, string> = {
  'quirk-files-local-symlink-escape':
    'stricter on purpose: butane follows a symlink inside the files directory to a file outside it (its check is lexical); we report butane/local-symlink-escape. (Where the checkout materialised the symlink as a plain file, the case passes anyway.)',
  'warn-openshift-raw-elided-fields':
    'the editor validates for MachineConfig output; `--raw` (plain Ignition output, which drops metadata/openshift with "field ignored in raw mode" warnings) is an output option we do not model',
};

/**
 * Codes that are stricter than butane on purpose. In a case butane accepted they are
 * tolerated (and printed as notes): they flag configs that butane embeds but that break at boot.
 */
const STRICTER_CODES: Record<string, string> = {
  'butane/local-symlink-escape': 'we do not follow symlinks out of the files directory (butane does)',
  'butane/local-config-json': 'butane never validates `local` merged/replacing configs (dead code path); Ignition rejects non-JSON at boot',
  'butane/local-config-format': 'butane never validates `local` merged/replacing configs; Ignition rejects a malformed one at boot',
  'butane/local-config-version': 'butane never validates `local` merged/replacing configs; Ignition rejects an unknown version at boot',
  'butane/local-config-invalid': 'butane never validates `local` merged/replacing configs; Ignition rejects an invalid one at boot',
  'butane/local-config-unused-key': 'butane never validates `local` merged/replacing configs',
};

interface Args {
  strict: boolean;
  filesDir?: string;
}

function parseArgs(line: string, caseDir: string): Args {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const args: Args = { strict: false };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--strict' || w === '-s') args.strict = true;
    else if (w === '--files-dir' || w === '-d') args.filesDir = path.resolve(caseDir, words[++i] ?? '.');
    else if (w.startsWith('--files-dir=')) args.filesDir = path.resolve(caseDir, w.slice('--files-dir='.length));
    // --raw, --pretty, --raw-errors, --check only change butane's output, not validation
  }
  return args;
}

/** `$.storage.files.0.path` → ['storage', 'files', 0, 'path'] */
function yamlPath(dollar: string): Path {
  return dollar
    .replace(/^\$\.?/, '')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

interface Expectation {
  severity: 'error' | 'warning';
  /** 1-based line, or undefined for "anywhere". */
  line?: number;
  path?: Path;
  text: string;
}

function expectations(stderr: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = stderr.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const located = /^(error|warning) at (?:(\S+), )?line (\d+) col (\d+): (.*)$/.exec(l);
    if (located) {
      const [, severity, dollar, line, col] = located;
      // Butane says line 1 col 1 when the path is missing from the YAML or the problem is
      // inside an embedded child config, and gives no path at all for a JSON syntax error
      // in an embedded config (its line/col count inside that JSON); then any diagnostic
      // of that severity will do.
      const anywhere = (line === '1' && col === '1') || !dollar;
      out.push({ severity: severity as 'error' | 'warning', line: anywhere ? undefined : Number(line), path: dollar ? yamlPath(dollar) : undefined, text: l });
      continue;
    }
    const translating = /^Error translating config: (.*)$/.exec(l);
    if (!translating) continue;
    const rest = translating[1];
    if (/^(source config is invalid|config generated was invalid)$/.test(rest)) continue;
    if (rest === 'yaml: unmarshal errors:') {
      for (let j = i + 1; j < lines.length && /^\s+line \d+:/.test(lines[j]); j++) {
        out.push({ severity: 'error', line: Number(/line (\d+):/.exec(lines[j])![1]), text: lines[j].trim() });
      }
      continue;
    }
    const yamlLine = /yaml: line (\d+):/.exec(rest);
    out.push({ severity: 'error', line: yamlLine ? Number(yamlLine[1]) : undefined, text: l });
  }
  return out;
}

interface Outcome {
  name: string;
  failures: string[];
  notes: string[];
}

function runCase(name: string): Outcome {
  const dir = path.join(CORPUS, name);
  const read = (f: string): string => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
  const text = read('input.bu');
  const args = parseArgs(read('args'), dir);
  const exit = Number(read('expected.exit').trim() || '0');
  const result = analyze(text, { dialect: 'butane', filesDir: args.filesDir, fs: nodeFileSystem });
  const lines = new LineIndex(text);
  const lineOf = (d: Diagnostic): number => lines.lineAt(d.range.start) + 1;
  const show = (d: Diagnostic): string => `${d.severity} ${d.code} line ${lineOf(d)}: ${d.message}`;
  const failures: string[] = [];
  const notes: string[] = [];

  if (exit === 0) {
    for (const d of result.diagnostics) {
      // Kindling's own rules are advice about the node, not butane's verdict on the file.
      if (d.advisory) continue;
      const blocking = d.severity === 'error' || (args.strict && d.severity === 'warning');
      if (!blocking) continue;
      if (STRICTER_CODES[d.code]) notes.push(`stricter than butane (${STRICTER_CODES[d.code]}): ${show(d)}`);
      else failures.push(`butane accepted this case${args.strict ? ' with --strict' : ''}, but we report ${show(d)}`);
    }
  }
  for (const e of expectations(read('expected.stderr'))) {
    const candidates = result.diagnostics.filter((d) => d.severity === e.severity);
    if (e.line === undefined) {
      if (candidates.length === 0) failures.push(`expected an ${e.severity} somewhere for: ${e.text}`);
      continue;
    }
    if (candidates.some((d) => lineOf(d) === e.line)) continue;
    // A position butane took from an embedded child config cannot be found in the YAML:
    // when the path is not in the YAML and its nearest ancestor is elsewhere, accept any.
    const map = result.butane?.map;
    const nearest = e.path && map ? map.nearest(e.path) : undefined;
    const fromChild = e.path !== undefined && map !== undefined && !map.get(e.path) && (!nearest || lines.lineAt(nearest.located.value.start) + 1 !== e.line);
    if (fromChild && candidates.length > 0) {
      notes.push(`position of "${e.text}" comes from an embedded config; accepted ${show(candidates[0])}`);
      continue;
    }
    const got = result.diagnostics.map(show).join('\n      ') || '(none)';
    failures.push(`expected an ${e.severity} on line ${e.line} for: ${e.text}\n      we report:\n      ${got}`);
  }
  return { name, failures, notes };
}

const present = fs.existsSync(CORPUS);

test('Butane golden vectors', { skip: present ? false : `vector folder ${CORPUS} not found; skipping the corpus test` }, () => {
  const cases = fs
    .readdirSync(CORPUS)
    .filter((n) => fs.existsSync(path.join(CORPUS, n, 'input.bu')))
    .sort();
  const outcomes = cases.map(runCase);
  const failed: Outcome[] = [];
  const report: string[] = [];
  for (const o of outcomes) {
    for (const n of o.notes) report.push(`  note   ${o.name}: ${n}`);
    if (o.failures.length === 0) continue;
    if (ALLOWED_CASES[o.name]) {
      report.push(`  allowed ${o.name}: ${ALLOWED_CASES[o.name]}\n    ${o.failures.join('\n    ')}`);
      continue;
    }
    failed.push(o);
    report.push(`  FAIL   ${o.name}:\n    ${o.failures.join('\n    ')}`);
  }
  const passing = outcomes.length - failed.length;
  console.log(`Butane corpus: ${passing}/${outcomes.length} cases pass (${Object.keys(ALLOWED_CASES).length} documented differences allowed)\n${report.join('\n')}`);
  assert.equal(failed.length, 0, `${failed.length} corpus case(s) failed: ${failed.map((o) => o.name).join(', ')}`);
});
