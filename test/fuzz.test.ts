/**
 * The fuzzer's short run (`npm run fuzz` does 100,000 documents): mutated configs through the
 * engine and a live language server must cause no crash, hang, error answer or slow answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCampaign } from './fuzz/campaign';
import { Generator } from './fuzz/generator';
import { LspFuzzer } from './fuzz/lspFuzz';
import { Random } from './random';

test('the same seed makes the same documents, another seed others', () => {
  const a = new Generator(7);
  const b = new Generator(7);
  const c = new Generator(8);
  for (const index of [0, 1, 250, 999]) {
    assert.deepEqual(b.document(index), a.document(index));
    assert.deepEqual(b.work(index).next(), a.work(index).next());
  }
  const differs = [0, 1, 2, 3].some((i) => a.document(i).text !== c.document(i).text);
  assert.ok(differs, 'seeds 7 and 8 made the same documents');
});

test('the corpus covers all four dialects', () => {
  const dialects = new Set(new Generator(1).corpus.map((s) => s.dialect));
  assert.deepEqual([...dialects].sort(), ['butane', 'clc', 'ignition', 'k3os']);
});

test('2,000 engine and 500 language-server documents: no failures', async () => {
  const lines: string[] = [];
  const summary = await runCampaign({ seed: 10, count: 2_500, lspShare: 0.2, slowMs: 1_000, progressEvery: 1_000, log: (l) => lines.push(l) });
  assert.equal(summary.engineDocuments, 2_000);
  assert.equal(summary.lspDocuments, 500);
  assert.deepEqual(summary.failures.map((f) => `#${f.index} (${f.path}, ${f.source}; ${f.chain.join(' → ')}): ${f.problems.join('; ')}`), [], `saved in ${summary.savedTo}\n${lines.join('\n')}`);
});

/** A stand-in server that exits on a document saying CRASH and logs a handler failure on hover. */
const FAKE_SERVER = `
const { createConnection, ProposedFeatures } = require(${JSON.stringify(require.resolve('vscode-languageserver/node'))});
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: 1, hoverProvider: true, completionProvider: {} } }));
connection.onDidOpenTextDocument(({ textDocument }) => {
  if (textDocument.text.includes('CRASH')) process.exit(3);
  connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
});
connection.onHover(() => { connection.console.error('hover failed: boom'); return null; });
connection.onCompletion(() => []);
connection.onRequest(() => null);
connection.listen();
`;

test('the language-server path reports an exit and a logged handler failure, and goes on', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-fuzz-fake-'));
  const script = path.join(dir, 'server.js');
  fs.writeFileSync(script, FAKE_SERVER);
  const fuzzer = new LspFuzzer(script);
  try {
    const seed = new Generator(1).corpus[0];
    const crashed = await fuzzer.fuzz({ index: 0, seed, text: 'CRASH', chain: [] }, new Random(1));
    assert.ok(crashed.problems.some((p) => /server exited \(code 3/.test(p)), crashed.problems.join('\n'));
    const logged = await fuzzer.fuzz({ index: 1, seed, text: 'variant: fcos\n', chain: [] }, new Random(2));
    assert.ok(logged.problems.some((p) => p.includes('hover failed: boom')), logged.problems.join('\n'));
    assert.equal(fuzzer.restarts, 1);
  } finally {
    await fuzzer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
