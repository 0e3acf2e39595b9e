/**
 * One benchmark scenario: a server, a fixture, fresh processes. Everything is
 * synchronised on the server's own messages (diagnostics, responses); the
 * only timers are the small gaps between edits.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { Fixture } from './fixtures';
import { LspClient, ServerSpec } from './lspClient';
import { MemorySample } from './memory';
import { Summary, summarize } from './stats';

export interface Options {
  processes: number; // fresh processes per fixture and server (cold opens)
  warmOpens: number;
  warmupEdits: number; // even, so the document ends valid
  edits: number; // even
  warmupCompletions: number;
  completions: number;
  completionsAfterEdit: number; // even
  editGapMs: number;
}

export interface CompletionResult extends Summary {
  items: number;
  labels: string[];
}

export interface ScenarioResult {
  server: string;
  fixture: string;
  initMs: number[];
  openColdMs: number[];
  openCold: Summary;
  openWarm: Summary;
  openDiagnostics: number;
  edit: Summary;
  editsChanged: number;
  invalidFlagged: number;
  editsTotal: number;
  versionedDiagnostics: boolean;
  completionKeys: CompletionResult;
  completionEnum: CompletionResult;
  completionAfterEdit: CompletionResult;
  /** didChange → the Ignition preview push for that version (our server only). */
  preview: Summary;
  /** The same, for the edits whose config translated (the valid half of the toggles). */
  previewTranslated: Summary;
  previewOk: number;
  previewStale: number;
  previewTotal: number;
  memory: { afterOpen: MemorySample; final: MemorySample; maxRssKiB: number; peakHwmKiB: number };
  errors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sameDiagnostics = (a: Diagnostic[], b: Diagnostic[]) =>
  JSON.stringify(a.map((d) => [d.range, d.message])) === JSON.stringify(b.map((d) => [d.range, d.message]));

class Session {
  version = 1;
  current: string;
  /** The document has a preview open: each toggle also awaits its preview push. */
  previewing = false;
  diagnostics: Diagnostic[] = [];

  constructor(readonly client: LspClient, readonly fixture: Fixture, readonly uri: string) {
    this.current = fixture.toggle.valid;
  }

  /** Toggles the value; returns the send time and promises of that version's diagnostics (and preview). */
  async toggle() {
    const t = this.fixture.toggle;
    const next = this.current === t.valid ? t.invalid : t.valid;
    const range = {
      start: { line: t.line, character: t.character },
      end: { line: t.line, character: t.character + this.current.length },
    };
    this.current = next;
    const version = ++this.version;
    const at = performance.now();
    const published = this.client.waitForDiagnostics(this.uri, version, at);
    const preview = this.previewing ? this.client.waitForPreview(this.uri, version) : undefined;
    await this.client.change(this.uri, version, range, next);
    return { at, published, preview, invalid: next === t.invalid };
  }
}

async function start(spec: ServerSpec, workspace: string): Promise<{ client: LspClient; initMs: number }> {
  const client = new LspClient(spec, workspace);
  try {
    const initMs = await client.initialize(pathToFileURL(workspace).href);
    if (spec.configPullsBeforeOpen > 0 && !(await client.waitForConfigurationPulls(spec.configPullsBeforeOpen))) {
      throw new Error(`${spec.label}: the server never pulled its "${spec.configSection}" settings`);
    }
    return { client, initMs };
  } catch (err) {
    await client.shutdown();
    throw new Error(`${(err as Error).message}${client.stderr ? `\n--- server stderr (tail) ---\n${client.stderr}` : ''}`);
  }
}

async function openAndWait(client: LspClient, uri: string, text: string) {
  const at = performance.now();
  const published = client.waitForDiagnostics(uri, 1, at);
  await client.open(uri, text, 1);
  const p = await published;
  return { ms: p.at - at, diagnostics: p.params.diagnostics };
}

async function completions(client: LspClient, uri: string, pos: Fixture['completionKeys'], warmup: number, n: number) {
  const samples: number[] = [];
  let items: { label: string }[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const r = await client.completion(uri, pos);
    if (i >= warmup) samples.push(r.ms);
    items = r.items;
  }
  return { ...summarize(samples), items: items.length, labels: items.slice(0, 12).map((i) => i.label) };
}

async function editLoop(s: Session, o: Options, r: ScenarioResult): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < o.warmupEdits + o.edits; i++) {
    const { at, published, invalid } = await s.toggle();
    const p = await published;
    const diags = p.params.diagnostics;
    if (i >= o.warmupEdits) {
      samples.push(p.at - at);
      r.editsTotal++;
      if (!sameDiagnostics(diags, s.diagnostics)) r.editsChanged++;
      const line = s.fixture.toggle.line;
      if (invalid && diags.some((d) => d.range.start.line <= line && d.range.end.line >= line)) r.invalidFlagged++;
    }
    s.diagnostics = diags;
    await sleep(o.editGapMs);
  }
  r.edit = summarize(samples);
}

async function completionAfterEdit(s: Session, o: Options): Promise<CompletionResult> {
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < o.completionsAfterEdit; i++) {
    const { published } = await s.toggle();
    const c = await s.client.completion(s.uri, s.fixture.completionKeys);
    samples.push(c.ms);
    count = c.items.length;
    s.diagnostics = (await published).params.diagnostics;
    await sleep(o.editGapMs);
  }
  return { ...summarize(samples), items: count, labels: [] };
}

/** Edit → preview: with a preview open, every change is translated and pushed (stale while invalid). */
async function previewLoop(s: Session, o: Options, r: ScenarioResult): Promise<void> {
  const opened = s.client.waitForPreview(s.uri, s.version);
  await s.client.setPreviewed([s.uri]);
  await opened;
  s.previewing = true;
  const all: number[] = [];
  const translated: number[] = [];
  for (let i = 0; i < o.warmupEdits + o.edits; i++) {
    const { at, published, preview } = await s.toggle();
    const push = await preview!;
    s.diagnostics = (await published).params.diagnostics;
    if (i >= o.warmupEdits) {
      const ms = push.at - at;
      all.push(ms);
      r.previewTotal++;
      if (push.result.ok) {
        translated.push(ms);
        r.previewOk++;
      } else if (push.result.stale) {
        r.previewStale++;
      }
    }
    await sleep(o.editGapMs);
  }
  s.previewing = false;
  await s.client.setPreviewed([]);
  r.preview = summarize(all);
  r.previewTranslated = summarize(translated);
}

const empty = summarize([]);
const emptyCompletion: CompletionResult = { ...empty, items: 0, labels: [] };
const noMemory: MemorySample = { rssKiB: NaN, hwmKiB: NaN, processes: 0 };

export async function runScenario(spec: ServerSpec, fixture: Fixture, workspace: string, o: Options): Promise<ScenarioResult> {
  const r: ScenarioResult = {
    server: spec.label, fixture: fixture.name, initMs: [], openColdMs: [], openCold: empty, openWarm: empty,
    openDiagnostics: 0, edit: empty, editsChanged: 0, invalidFlagged: 0, editsTotal: 0, versionedDiagnostics: false,
    completionKeys: emptyCompletion, completionEnum: emptyCompletion, completionAfterEdit: emptyCompletion,
    preview: empty, previewTranslated: empty, previewOk: 0, previewStale: 0, previewTotal: 0,
    memory: { afterOpen: noMemory, final: noMemory, maxRssKiB: NaN, peakHwmKiB: NaN }, errors: [],
  };
  const uri = pathToFileURL(path.join(workspace, fixture.fileName)).href;
  const stem = fixture.fileName.replace(/\.bu$/, '');
  let main: LspClient | undefined;
  try {
    // The main process: cold open, then warm opens, edits, completions.
    const started = await start(spec, workspace);
    main = started.client;
    r.initMs.push(started.initMs);
    const cold = await openAndWait(main, uri, fixture.text);
    r.openColdMs.push(cold.ms);
    r.openDiagnostics = cold.diagnostics.length;
    r.memory.afterOpen = main.memory();
    let maxRss = r.memory.afterOpen.rssKiB;
    const session = new Session(main, fixture, uri);
    session.diagnostics = cold.diagnostics;

    const warm: number[] = [];
    for (let i = 0; i < o.warmOpens; i++) {
      const other = pathToFileURL(path.join(workspace, `${stem}-reopen-${i}.bu`)).href;
      warm.push((await openAndWait(main, other, fixture.text)).ms);
      await main.close(other);
    }
    r.openWarm = summarize(warm);
    maxRss = Math.max(maxRss, main.memory().rssKiB);

    await editLoop(session, o, r);
    maxRss = Math.max(maxRss, main.memory().rssKiB);
    r.completionKeys = await completions(main, uri, fixture.completionKeys, o.warmupCompletions, o.completions);
    r.completionEnum = await completions(main, uri, fixture.completionEnum, o.warmupCompletions, o.completions);
    r.completionAfterEdit = await completionAfterEdit(session, o);
    r.memory.final = main.memory();
    r.memory.maxRssKiB = Math.max(maxRss, r.memory.final.rssKiB);
    r.memory.peakHwmKiB = r.memory.final.hwmKiB;
    r.versionedDiagnostics = main.sawVersionedDiagnostics;
    // Last, so the figures above are taken without a preview open.
    if (spec.preview) await previewLoop(session, o, r);
  } catch (err) {
    r.errors.push(`${(err as Error).message}${main?.stderr ? `\n--- server stderr (tail) ---\n${main.stderr}` : ''}`);
  } finally {
    await main?.shutdown();
  }

  // More fresh processes, for the cold-open figures only.
  for (let p = 1; p < o.processes && r.errors.length === 0; p++) {
    let c: LspClient | undefined;
    try {
      const started = await start(spec, workspace);
      c = started.client;
      r.initMs.push(started.initMs);
      r.openColdMs.push((await openAndWait(c, uri, fixture.text)).ms);
    } catch (err) {
      r.errors.push((err as Error).message);
    } finally {
      await c?.shutdown();
    }
  }
  r.openCold = summarize(r.openColdMs);
  return r;
}
