/**
 * `npm run bench`: our language server vs yaml-language-server 1.25.0 (with our
 * generated Butane schema), side by side, on a realistic and a ~5,000-line config.
 *
 * Flags: --quick (fewer iterations), --fixture=realistic|large,
 *        --server=<path> (another build of our server), --cpu-prof (profiles our
 *        server into .bench/prof/ via node --cpu-prof; slows it down a little).
 * Writes .bench/results.json. Exits 0 even when targets are missed.
 */
import { SERVER_EXEC_ARGV } from '../server/src/launchFlags';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Fixture, REPO_ROOT, largeFixture, realisticFixture } from './fixtures';
import { ServerSpec } from './lspClient';
import { Options, ScenarioResult, runScenario } from './measure';
import { Check, TARGETS, renderFixture } from './report';

const SCHEMA = path.join(REPO_ROOT, 'schemas', 'butane', 'fcos-1.6.0.json');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUR_SERVER = path.resolve(flag('server') ?? path.join(REPO_ROOT, 'dist', 'server.js'));
const PROFILE_DIR = path.join(REPO_ROOT, '.bench', 'prof');
const YAML_LS_DEBOUNCE_MS = 200;

function yamlLsBin(): string {
  const pkg = require.resolve('yaml-language-server/package.json', { paths: [REPO_ROOT] });
  return path.join(path.dirname(pkg), 'bin', 'yaml-language-server');
}

function servers(): ServerSpec[] {
  const yaml = {
    schemas: { [pathToFileURL(SCHEMA).href]: ['*.bu', '**/*.bu'] },
    validate: true,
    completion: true,
    hover: true,
    schemaStore: { enable: false },
  };
  return [
    {
      label: 'ours',
      args: [...SERVER_EXEC_ARGV, ...(argv.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), OUR_SERVER, '--stdio'],
      languageId: 'butane',
      settings: { kindling: { strict: false, filesDir: '' } },
      debounceMs: 0,
      configPullsBeforeOpen: 0,
      preview: true,
    },
    {
      label: 'yaml-ls',
      args: [yamlLsBin(), '--stdio'],
      languageId: 'yaml',
      settings: { yaml, http: {}, '[yaml]': {}, editor: {}, files: { associations: { '*.bu': 'yaml' } } },
      debounceMs: YAML_LS_DEBOUNCE_MS,
      configSection: 'yaml',
      // One pull after `initialized`, one after our didChangeConfiguration.
      configPullsBeforeOpen: 2,
    },
  ];
}

function options(quick: boolean): Options {
  return quick
    ? { processes: 1, warmOpens: 4, warmupEdits: 2, edits: 10, warmupCompletions: 3, completions: 10, completionsAfterEdit: 6, editGapMs: 50 }
    : { processes: 3, warmOpens: 20, warmupEdits: 6, edits: 60, warmupCompletions: 10, completions: 60, completionsAfterEdit: 30, editGapMs: 50 };
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function main(): Promise<void> {
  const quick = argv.includes('--quick');
  const only = flag('fixture');
  const missing = [
    [OUR_SERVER, 'run `npm run build` (server/src/server.ts)'],
    [SCHEMA, 'run `npm run schemas`'],
  ].filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    for (const [file, hint] of missing) log(`missing ${path.relative(REPO_ROOT, file)}: ${hint}`);
    process.exitCode = 1;
    return;
  }

  // Not under .bench/: yaml-language-server's globs (picomatch) skip dot-directories,
  // so `**/*.bu` would never match and it would run without the schema.
  const workspace = path.join(os.tmpdir(), `kindling-bench-${process.pid}`);
  mkdirSync(workspace, { recursive: true });
  try {
    await benchmark(workspace, quick, only);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function benchmark(workspace: string, quick: boolean, only: string | undefined): Promise<void> {
  const fixtures: Fixture[] = [realisticFixture(), largeFixture()].filter((f) => !only || f.name === only);
  for (const f of fixtures) writeFileSync(path.join(workspace, f.fileName), f.text);
  const opts = options(quick);
  const specs = servers();
  const load0 = os.loadavg()[0];
  log(`node ${process.version}, ${os.cpus().length} CPUs, load ${load0.toFixed(2)}${quick ? ', --quick' : ''}`);

  const report: { fixture: string; lines: number; results: ScenarioResult[]; checks: Check[] }[] = [];
  const allChecks: { fixture: string; check: Check }[] = [];
  for (const fx of fixtures) {
    const results: ScenarioResult[] = [];
    for (const spec of specs) {
      log(`${fx.fileName} (${fx.lines} lines): ${spec.label} …`);
      const r = await runScenario(spec, fx, workspace, opts);
      for (const e of r.errors) log(`${spec.label} on ${fx.fileName}: ERROR ${e}`);
      results.push(r);
    }
    const [ours, yls] = results;
    const { text, checks } = renderFixture(fx, ours, yls, YAML_LS_DEBOUNCE_MS);
    console.log(`\n=== ${fx.fileName}: ${fx.lines} lines, ${(fx.text.length / 1024).toFixed(0)} KiB, variant fcos 1.6.0 ===`);
    console.log(`edit toggles line ${fx.toggle.line + 1} between ${fx.toggle.valid} and "${fx.toggle.invalid}"; ` +
      `completion at ${fx.completionKeys.line + 1}:${fx.completionKeys.character + 1} (files[] keys) and ` +
      `${fx.completionEnum.line + 1}:${fx.completionEnum.character + 1} (format:)\n`);
    console.log(text);
    console.log(`\nedits whose diagnostics changed: ours ${ours.editsChanged}/${ours.editsTotal}, yaml-ls ${yls.editsChanged}/${yls.editsTotal}` +
      (yls.editsTotal > 0 && yls.editsChanged === yls.editsTotal ? ' (yaml-ls applies the schema)' : '  <<< check the schema association'));
    report.push({ fixture: fx.name, lines: fx.lines, results, checks });
    checks.forEach((check) => allChecks.push({ fixture: fx.name, check }));
  }

  const load1 = os.loadavg()[0];
  const misses = allChecks.filter((c) => !c.check.pass);
  console.log(`\nhost: ${os.cpus()[0]?.model ?? '?'} ×${os.cpus().length}, node ${process.version}, load ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
  console.log(`targets: ${allChecks.length - misses.length} PASS, ${misses.length} MISS`);
  for (const m of misses) console.log(`  MISS ${m.fixture}: ${m.check.check} (goal ${m.check.target}, got ${m.check.value})`);

  const out = path.join(REPO_ROOT, '.bench', 'results.json');
  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: [load0, load1] },
    options: opts,
    yamlLanguageServerDebounceMs: YAML_LS_DEBOUNCE_MS,
    targets: TARGETS,
    fixtures: report,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nresults written to ${path.relative(REPO_ROOT, out)}`);
}

let finished = false;
process.on('beforeExit', () => {
  if (!finished) {
    log('stalled: a promise was left pending with nothing to wake it (did a server hang or exit?)');
    process.exitCode = 1;
  }
});

main().then(() => {
  finished = true;
}, (err) => {
  finished = true;
  log(`failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
