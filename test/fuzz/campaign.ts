/**
 * One fuzz run: documents 0…count-1, each a seed (round-robin over the corpus, so every seed
 * is mutated) under its own chain of mutations. The first share goes through the engine, the
 * rest through the language server. Documents depend only on (seed, index), so any one can be
 * rebuilt alone with `only`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { FuzzDocument } from './engineFuzz';
import { EngineWorkers } from './engineWorker';
import { Generator } from './generator';
import { LspFuzzer } from './lspFuzz';

export interface CampaignOptions {
  seed: number;
  count: number;
  /** Share of the documents sent through the language server (the last ones). */
  lspShare: number;
  /** Run only this document index (with the same seed, count and share it reproduces). */
  only?: number;
  /** An engine pass (one dialect) or an LSP answer slower than this, on a retry too, is a failure. */
  slowMs: number;
  progressEvery: number;
  log(line: string): void;
  /** The language server script (default: the one built beside the fuzzer). */
  serverScript?: string;
}

export interface Failure {
  index: number;
  path: 'engine' | 'lsp';
  source: string;
  chain: string[];
  problems: string[];
}

export interface Slowest {
  ms: number;
  index: number;
  source: string;
}

export interface Summary {
  engineDocuments: number;
  lspDocuments: number;
  lspRequests: number;
  /** Engine workers replaced after a hang, and language servers after an exit or a hang. */
  engineRestarts: number;
  serverRestarts: number;
  failures: Failure[];
  /** The engine document whose work took longest in all, and the slowest single dialect pass. */
  slowestEngine: Slowest;
  slowestPass: Slowest;
  slowestLsp: Slowest;
  /** Where failing documents were saved (absent when none failed). */
  savedTo?: string;
  elapsedMs: number;
}

function isSlowOnly(problems: readonly string[]): boolean {
  return problems.length > 0 && problems.every((p) => / took \d+ ms$/.test(p));
}

/** Saves a failing document as JSON (lone surrogates survive) and as text for an editor. */
function save(dir: string, doc: FuzzDocument, failure: Failure): void {
  fs.writeFileSync(path.join(dir, `${doc.index}.json`), JSON.stringify({ ...failure, text: doc.text }, null, 1));
  fs.writeFileSync(path.join(dir, `${doc.index}-${path.basename(doc.seed.fileName)}`), doc.text);
}

export async function runCampaign(options: CampaignOptions): Promise<Summary> {
  const started = performance.now();
  const generator = new Generator(options.seed);
  const engineCount = Math.round(options.count * (1 - options.lspShare));
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
  const summary: Summary = { engineDocuments: 0, lspDocuments: 0, lspRequests: 0, engineRestarts: 0, serverRestarts: 0, failures: [], slowestEngine: { ms: 0, index: -1, source: '' }, slowestPass: { ms: 0, index: -1, source: '' }, slowestLsp: { ms: 0, index: -1, source: '' }, elapsedMs: 0 };
  const unhandled: string[] = [];
  const onUnhandled = (err: unknown): void => void unhandled.push(`unhandled rejection in the fuzzer: ${err instanceof Error ? err.stack : String(err)}`);
  process.on('unhandledRejection', onUnhandled);

  const fail = (doc: FuzzDocument, where: 'engine' | 'lsp', problems: string[]): void => {
    const failure: Failure = { index: doc.index, path: where, source: doc.seed.name, chain: doc.chain, problems };
    summary.failures.push(failure);
    summary.savedTo ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-fuzz-'));
    save(summary.savedTo, doc, failure);
    options.log(`FAIL #${doc.index} (${where}, ${doc.seed.name}; ${doc.chain.join(' → ')}):\n  ${problems.slice(0, 8).join('\n  ')}`);
  };
  const progress = (done: number, total: number, what: string, slowest: Slowest): void => {
    if (done % options.progressEvery === 0 || done === total) {
      options.log(`${what} ${done}/${total}: ${summary.failures.length} failures so far (engine and LSP), slowest ${slowest.ms.toFixed(0)} ms (#${slowest.index}), ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };

  const engineIndices = indices.filter((i) => i < engineCount);
  if (engineIndices.length > 0) {
    const workers = new EngineWorkers(options.seed, options.slowMs);
    try {
      for (const index of engineIndices) {
        const result = await workers.run(index);
        const source = generator.corpus[index % generator.corpus.length].name;
        summary.engineDocuments++;
        if (result.ms > summary.slowestEngine.ms) summary.slowestEngine = { ms: result.ms, index, source };
        if (result.passMs > summary.slowestPass.ms) summary.slowestPass = { ms: result.passMs, index, source };
        if (result.problems.length > 0) fail(generator.document(index), 'engine', result.problems);
        progress(summary.engineDocuments, engineIndices.length, 'engine', summary.slowestPass);
      }
    } finally {
      await workers.stop();
      summary.engineRestarts = workers.restarts;
    }
  }

  const lspIndices = indices.filter((i) => i >= engineCount);
  if (lspIndices.length > 0) {
    const fuzzer = new LspFuzzer(options.serverScript, options.slowMs);
    try {
      for (const index of lspIndices) {
        const doc = generator.document(index);
        let outcome = await fuzzer.fuzz(doc, generator.work(index));
        if (isSlowOnly(outcome.problems)) outcome = await fuzzer.fuzz(doc, generator.work(index));
        summary.lspDocuments++;
        summary.lspRequests += outcome.requests;
        if (outcome.slowestMs > summary.slowestLsp.ms) summary.slowestLsp = { ms: outcome.slowestMs, index, source: doc.seed.name };
        if (outcome.problems.length > 0) fail(doc, 'lsp', outcome.problems);
        progress(summary.lspDocuments, lspIndices.length, 'lsp', summary.slowestLsp);
      }
    } finally {
      await fuzzer.stop();
      summary.serverRestarts = fuzzer.restarts;
    }
  }

  process.off('unhandledRejection', onUnhandled);
  for (const message of unhandled) summary.failures.push({ index: -1, path: 'engine', source: '', chain: [], problems: [message] });
  summary.elapsedMs = performance.now() - started;
  return summary;
}
