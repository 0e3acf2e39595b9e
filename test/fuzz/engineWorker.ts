/**
 * The engine path runs in a worker thread: an infinite loop in the engine would otherwise hang
 * the fuzzer itself. The main thread gives each document a deadline and replaces a worker
 * that misses it, so a hang is one failure and the run goes on.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { performance } from 'perf_hooks';
import { fuzzEngineDocument, prepareEngineDocument } from './engineFuzz';
import { Generator } from './generator';

export interface EngineOutcome {
  /** All the work for the document (five dialect passes). */
  ms: number;
  /** The slowest single pass: what the limit applies to. */
  passMs: number;
  problems: string[];
}

interface Job {
  index: number;
  slowMs: number;
}

/** Past this, a document counts as hung and its worker is replaced. */
export const ENGINE_DEADLINE_MS = 10_000;

function runJob(generator: Generator, { index, slowMs }: Job): EngineOutcome {
  const doc = generator.document(index);
  prepareEngineDocument(doc);
  const attempt = (): EngineOutcome => {
    const started = performance.now();
    const { problems, slowestPass } = fuzzEngineDocument(doc, generator.work(index));
    const ms = performance.now() - started;
    const slow = slowestPass.ms > slowMs ? [`the ${slowestPass.dialect} pass took ${slowestPass.ms.toFixed(0)} ms`] : [];
    return { ms, passMs: slowestPass.ms, problems: [...problems, ...slow] };
  };
  const first = attempt();
  // A busy machine or a GC pause can make one run slow: only a document slow twice fails.
  return first.problems.length === 1 && first.passMs > slowMs ? attempt() : first;
}

if (!isMainThread && parentPort) {
  const generator = new Generator((workerData as { seed: number }).seed);
  const port = parentPort;
  port.on('message', (job: Job) => port.postMessage(runJob(generator, job)));
}

/** The main thread's side: one worker at a time, replaced after a hang or a crash. */
export class EngineWorkers {
  private worker: Worker | undefined;
  restarts = 0;

  constructor(private readonly seed: number, private readonly slowMs: number) {}

  run(index: number): Promise<EngineOutcome> {
    const worker = (this.worker ??= new Worker(__filename, { workerData: { seed: this.seed } }));
    return new Promise((resolve) => {
      const settle = (outcome: EngineOutcome, broken: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (broken) {
          void worker.terminate();
          this.worker = undefined;
          this.restarts++;
        }
        resolve(outcome);
      };
      const onMessage = (outcome: EngineOutcome): void => settle(outcome, false);
      const onError = (err: Error): void => settle({ ms: 0, passMs: 0, problems: [`the engine worker crashed: ${err.stack ?? err.message}`] }, true);
      const timer = setTimeout(() => settle({ ms: ENGINE_DEADLINE_MS, passMs: ENGINE_DEADLINE_MS, problems: [`no result within ${ENGINE_DEADLINE_MS} ms: the engine hangs on this document, or is very slow`] }, true), ENGINE_DEADLINE_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ index, slowMs: this.slowMs } satisfies Job);
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
