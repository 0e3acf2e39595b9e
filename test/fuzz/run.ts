/**
 * `npm run fuzz`: mutated configs through the engine and the language server.
 *
 *   --count N       documents in all (default 100000)
 *   --seed S        PRNG seed (default 1010); the same seed makes the same documents
 *   --lsp-share F   share of the documents sent through the language server (default 0.2)
 *   --only I        just document I (give the same --seed, --count and --lsp-share to reproduce)
 *   --slow-ms M     an engine pass (one dialect) or LSP answer slower than this, on a retry too, fails (default 1000)
 *   --progress N    a progress line every N documents (default 1000)
 *
 * Prints the documents tried, the failures and the slowest times; exits 1 on any failure.
 */
import { runCampaign, Slowest } from './campaign';

const DEFAULTS = { count: 100_000, seed: 1010, 'lsp-share': 0.2, 'slow-ms': 1_000, progress: 1_000 };

function parseArgs(argv: readonly string[]): Record<string, number> {
  const values: Record<string, number> = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[++i]);
    if (!argv[i - 1].startsWith('--') || !(name in DEFAULTS || name === 'only') || !Number.isFinite(value)) {
      throw new Error(`usage: fuzz [--count N] [--seed S] [--lsp-share F] [--only I] [--slow-ms M] [--progress N] (bad: ${argv[i - 1]} ${argv[i] ?? ''})`);
    }
    values[name] = value;
  }
  return values;
}

function describe(s: Slowest): string {
  return s.index < 0 ? 'none' : `${s.ms.toFixed(0)} ms (#${s.index}, from ${s.source})`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { count, seed } = args;
  const lspShare = args['lsp-share'];
  const log = (line: string): void => console.log(line);
  log(`fuzz: seed ${seed}, ${count} documents, ${Math.round(lspShare * 100)}% through the language server${args.only !== undefined ? `, only #${args.only}` : ''}`);
  const summary = await runCampaign({ seed, count, lspShare, only: args.only, slowMs: args['slow-ms'], progressEvery: args.progress, log });
  log('');
  log(`documents tried: ${summary.engineDocuments + summary.lspDocuments} (engine ${summary.engineDocuments}, LSP ${summary.lspDocuments} with ${summary.lspRequests} requests; restarts: ${summary.engineRestarts} engine workers, ${summary.serverRestarts} servers)`);
  log(`failures: ${summary.failures.length}`);
  log(`slowest: engine pass (one dialect: analysis and features) ${describe(summary.slowestPass)}; engine document (all five passes) ${describe(summary.slowestEngine)}; LSP answer ${describe(summary.slowestLsp)}`);
  log(`time: ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  if (summary.failures.length > 0) {
    log(`failing documents saved in ${summary.savedTo}`);
    const indices = summary.failures.filter((f) => f.index >= 0).map((f) => f.index);
    log(`reproduce one: npm run fuzz -- --seed ${seed} --count ${count} --lsp-share ${lspShare} --only ${indices[0] ?? 0}`);
  }
  return summary.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
