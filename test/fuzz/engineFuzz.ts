/**
 * The engine path: one mutated document through analyze() in every dialect and through the
 * language features, payloads, fixes and incremental re-analysis the faces build on. Anything
 * that throws, a `kindling/internal` diagnostic (a check that threw and was caught), a range
 * outside the text, or an incremental analysis that disagrees with a fresh one is a failure.
 */
import { analyze, analyzeAfterEdit, Analysis, AnalyzeOptions, configSetFindings, detectDialect, Diagnostic, Dialect, kernelCommandLine, migrate, resolveConfigSource, transpile } from '../../engine/index';
import { configPayload } from '../../engine/payload';
import { nodeFileSystem } from '../../engine/host/files';
import { performance } from 'perf_hooks';
import { singleChange } from '../../engine/text/diff';
import { complete, documentSymbols, foldingRanges, hover, ServiceDocument } from '../../engine/service/index';
import type { SeedDocument } from './corpus';
import { applyFix } from '../domainRuleHarness';
import type { Random } from '../random';

export interface FuzzDocument {
  index: number;
  seed: SeedDocument;
  text: string;
  /** The mutations that made `text` from the seed's text. */
  chain: string[];
}

/** Longer than anyone reads in a Problems row: a message quoting a huge value must cut it short. */
export const LONGEST_MESSAGE = 2_000;

const DIALECTS: readonly Dialect[] = ['butane', 'clc', 'k3os', 'ignition'];
const SAMPLE_RULES = { 'k3os/clear-text-password': 'error', 'k3os/ssh-key-needs-network': 'off', 'no/such-rule': 'hint', 'butane/x': 'bogus' };

/** Analyses of the unmutated seeds, per dialect: the "last good" analysis the editor keeps. */
const seedAnalyses = new Map<string, Analysis>();

function baseOptions(doc: FuzzDocument, dialect: Dialect, text: string): AnalyzeOptions {
  const { filesDir, fileName } = doc.seed;
  return { dialect, filesDir, fs: filesDir ? nodeFileSystem : undefined, k3osSource: dialect === 'k3os' ? resolveConfigSource(fileName, text) : undefined };
}

function optionsFor(doc: FuzzDocument, dialect: Dialect, text: string, rng: Random): AnalyzeOptions {
  return {
    ...baseOptions(doc, dialect, text),
    platform: rng.chance(0.1) ? rng.pick(['packet', 'ec2', 'azure', 'bogus']) : undefined,
    rules: rng.chance(0.1) ? SAMPLE_RULES : undefined,
    ignitionOs: dialect === 'ignition' && rng.chance(0.3) ? rng.pick(['ostree', 'flatcar'] as const) : undefined,
  };
}

/** Uses no randomness: whether it is cached must not change a document's random stream. */
function seedAnalysis(doc: FuzzDocument, dialect: Dialect): Analysis {
  const key = `${doc.seed.name}\n${dialect}`;
  let analysis = seedAnalyses.get(key);
  if (!analysis) seedAnalyses.set(key, (analysis = analyze(doc.seed.text, baseOptions(doc, dialect, doc.seed.text))));
  return analysis;
}

/** Offsets worth asking about: random ones, the ends of both, line ends and just after `: `. */
function probeOffsets(text: string, rng: Random, count: number): number[] {
  const offsets = [0, text.length];
  for (let i = 0; i < count; i++) {
    const at = rng.int(text.length + 1);
    const lineEnd = text.indexOf('\n', at);
    const colon = text.indexOf(': ', at);
    offsets.push(at, lineEnd === -1 ? text.length : lineEnd, colon === -1 ? at : colon + 2);
  }
  return offsets;
}

function rangeProblem(what: string, range: { start: number; end: number }, length: number): string | undefined {
  const ok = Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= length;
  return ok ? undefined : `${what} range ${range.start}..${range.end} outside 0..${length}`;
}

/** Diagnostics that show a bug rather than a problem in the document. */
function diagnosticProblems(diagnostics: readonly Diagnostic[], length: number, where: string): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    if (d.code === 'kindling/internal') problems.push(`${where}: ${d.message}`);
    if (d.message.length > LONGEST_MESSAGE) problems.push(`${where}: a ${d.message.length}-character message for ${d.code}`);
    const bad = rangeProblem(`${where}: ${d.code}`, d.range, length);
    if (bad) problems.push(bad);
    for (const fix of d.fixes ?? []) {
      if (fix.title.length > LONGEST_MESSAGE) problems.push(`${where}: a ${fix.title.length}-character fix title for ${d.code}`);
      for (const edit of fix.edits) {
        const badEdit = rangeProblem(`${where}: fix "${fix.title}" of ${d.code}`, edit.range, length);
        if (badEdit) problems.push(badEdit);
      }
    }
  }
  return problems;
}

/** A keystroke-sized edit: what analyzeAfterEdit sees while someone types. */
function typingEdit(text: string, rng: Random): string {
  const at = rng.int(text.length + 1);
  const removed = rng.int(3);
  const typed = rng.pick(['', 'a', '0', ' ', ':', '-', '"', '\n', 'x9', '#', '\t', '{', 'é']);
  return text.slice(0, at) + typed + text.slice(at + removed);
}

/** Everything an editor shows of a diagnostic, fixes included. */
function comparable(d: Diagnostic | undefined): string {
  return d ? JSON.stringify([d.range.start, d.range.end, d.severity, d.code, d.message, d.fixes ?? []]) : 'nothing';
}

/** The first diagnostic where an incremental analysis and a fresh one differ, if any, quoted around the difference. */
function firstDifference(incremental: readonly Diagnostic[], fresh: readonly Diagnostic[]): string | undefined {
  for (let i = 0; i < Math.max(incremental.length, fresh.length); i++) {
    const [a, b] = [comparable(incremental[i]), comparable(fresh[i])];
    if (a === b) continue;
    let at = 0;
    while (a[at] === b[at]) at++;
    // The start (range, severity, code) and the text around the first difference.
    const quote = (s: string): string => {
      const from = at < 200 ? 0 : at - 40;
      const to = Math.max(240, at + 120);
      return `${from > 0 ? `${s.slice(0, 80)}…` : ''}${s.slice(from, to)}${to < s.length ? '…' : ''}`;
    };
    return `incremental ${quote(a)}, fresh ${quote(b)}`;
  }
  return undefined;
}

/**
 * Runs every engine feature on one dialect's analysis, reporting problems through `step`.
 * Returns the time spent on the fuzz's own cross-check, which is not the product's work.
 */
function exerciseAnalysis(doc: FuzzDocument, dialect: Dialect, text: string, rng: Random, probes: number, step: (name: string, run: () => string[] | void) => void): number {
  const options = optionsFor(doc, dialect, text, rng);
  let analysis: Analysis | undefined;
  step(`analyze(${dialect})`, () => {
    analysis = analyze(text, options);
    return diagnosticProblems(analysis.diagnostics, text.length, `analyze(${dialect})`);
  });
  if (!analysis) return 0;
  const done = analysis;
  const service: ServiceDocument = { text, analysis: done, lastGood: seedAnalysis(doc, dialect) };
  for (const at of probeOffsets(text, rng, probes)) {
    step(`complete(${dialect})@${at}`, () => void complete(service, at));
    step(`hover(${dialect})@${at}`, () => void hover(service, at));
  }
  step(`documentSymbols(${dialect})`, () => void documentSymbols(service));
  step(`foldingRanges(${dialect})`, () => void foldingRanges(service));
  const translate = { ...options, strict: rng.chance(0.3), pretty: rng.chance(0.5), raw: rng.chance(0.3) };
  step(`transpile(${dialect})`, () => diagnosticProblems(transpile(done, translate).blocking, text.length, `transpile(${dialect})`));
  step(`configPayload(${dialect})`, () => void configPayload(done, text, translate));
  if (dialect === 'clc') step('migrate', () => void migrate(done, options.platform));
  if (dialect === 'k3os') step('kernelCommandLine', () => void kernelCommandLine(done));
  step(`configSetFindings(${dialect})`, () => {
    const others = [{ name: 'seed', view: seedAnalysis(doc, dialect).domain }];
    return diagnosticProblems(configSetFindings({ name: 'fuzzed', view: done.domain }, others, options.rules), text.length, 'configSetFindings');
  });
  const fixable = done.diagnostics.filter((d) => d.fixes?.length && !rangeProblem('', d.range, text.length));
  if (fixable.length > 0 && rng.chance(0.3)) {
    const fixed = applyFix(text, rng.pick(fixable).fixes![0]);
    step(`analyze(${dialect}) after a quick fix`, () => diagnosticProblems(analyze(fixed, options).diagnostics, fixed.length, 'after a quick fix'));
  }
  // Last: analyzeAfterEdit patches the previous analysis in place.
  let crossCheckMs = 0;
  if (dialect === doc.seed.dialect) {
    const edited = typingEdit(text, rng);
    step(`analyzeAfterEdit(${dialect})`, () => {
      const change = singleChange(text, edited);
      const incremental = analyzeAfterEdit(done, text, change, edited, options);
      // What the server would have computed without the shortcut, and the comparison with it: the fuzz's own work, not timed.
      const started = performance.now();
      const fresh = analyze(edited, options);
      const difference = firstDifference(incremental.diagnostics, fresh.diagnostics);
      crossCheckMs = performance.now() - started;
      return difference ? [`analyzeAfterEdit(${dialect}) disagrees with a fresh analysis after the edit ${JSON.stringify(change)}: ${difference}`] : [];
    });
  }
  return crossCheckMs;
}

export interface EngineResult {
  problems: string[];
  /** The slowest dialect pass: one analysis and everything an editor does with it (the fuzz's cross-check left out). */
  slowestPass: { dialect: Dialect; ms: number };
}

/** All the work for one document: the problems found, each naming the step, and the slowest pass. */
export function fuzzEngineDocument(doc: FuzzDocument, rng: Random): EngineResult {
  const problems: string[] = [];
  const step = (name: string, run: () => string[] | void): void => {
    try {
      problems.push(...(run() ?? []));
    } catch (err) {
      problems.push(`${name} threw: ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 4).join(' | ') : String(err)}`);
    }
  };
  let detected: Dialect | undefined;
  step('detectDialect', () => {
    detected = detectDialect(doc.seed.fileName, doc.text, { languageId: doc.seed.languageId });
  });
  const first = detected ?? doc.seed.dialect;
  let slowestPass = { dialect: first, ms: 0 };
  for (const dialect of [first, ...DIALECTS.filter((d) => d !== first)]) {
    const started = performance.now();
    const crossCheckMs = exerciseAnalysis(doc, dialect, doc.text, rng, dialect === first ? 3 : 1, step);
    const ms = performance.now() - started - crossCheckMs;
    if (ms > slowestPass.ms) slowestPass = { dialect, ms };
  }
  return { problems, slowestPass };
}

/** Analyses the document's seed in every dialect, so that the document's timing leaves it out. */
export function prepareEngineDocument(doc: FuzzDocument): void {
  for (const dialect of DIALECTS) seedAnalysis(doc, dialect);
}
