/**
 * The real language server over stdio, driven by the protocol library a client uses.
 * Every wait is on an event (a notification or a process exit), never on a timer.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeAction, CodeActionRequest, CompletionList, CompletionRequest, CompletionTriggerKind, Diagnostic, DidChangeConfigurationNotification, DidOpenTextDocumentNotification, DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, InsertTextFormat, InsertTextMode, MarkupContent, PublishDiagnosticsParams, Range, TextEdit,
} from 'vscode-languageserver-protocol/node';

import { Client, ROOT } from './lspClient';

/** A notification that never comes must fail the test, not hang the run. */
const LIMIT = { timeout: 30_000 };
const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: at(l1, c1), end: at(l2, c2) });
const byCode = (p: PublishDiagnosticsParams, code: string): Diagnostic[] => p.diagnostics.filter((d) => d.code === code);
const CONFIG = 'variant: fcos\nversion: 1.5.0\nstorage:\n  filez:\n    - path: /etc/hostname\n      mode: 0644\n';

test('initialize advertises incremental sync and the language features', LIMIT, async () => {
  const client = await Client.start();
  const caps = client.initialized.capabilities;
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ']);
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider);
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
  assert.equal(await client.stop(), 0, 'shutdown + exit ends the process with status 0');
});

test('diagnostics on open and after incremental changes; quick fix from a code action', LIMIT, async () => {
  const client = await Client.start();
  const uri = 'untitled:typo.bu';
  const opened = await client.open(uri, CONFIG);
  const [typo] = byCode(opened, 'butane/unused-key');
  assert.deepEqual(typo.range, range(3, 2, 3, 7));
  assert.equal(typo.severity, 2);
  assert.equal(typo.source, 'kindling');
  assert.match(typo.message as string, /did you mean `files`/);

  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] },
  })) as CodeAction[];
  assert.equal(actions[0].title, 'Rename to `files`');
  assert.equal(actions[0].kind, 'quickfix');
  const edit: TextEdit = actions[0].edit!.changes![uri][0];
  assert.deepEqual(edit, { range: range(3, 2, 3, 7), newText: 'files' });

  const withoutData = { ...typo, data: undefined };
  const fallback = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: typo.range, context: { diagnostics: [withoutData] },
  })) as CodeAction[];
  assert.equal(fallback[0]?.title, 'Rename to `files`', 'clients that drop Diagnostic.data still get the fix');
  const moved = { ...typo, range: range(4, 2, 4, 7) };
  const stale = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] },
  })) as CodeAction[];
  assert.deepEqual(stale, [], 'edits carried for a range the diagnostic no longer has are not offered');

  const fixed = await client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
  assert.deepEqual(fixed.diagnostics, []);
  const broken = await client.change(uri, 3, [{ range: range(6, 0, 6, 0), text: 'systemd: [\n' }]);
  assert.ok(byCode(broken, 'yaml/syntax').length > 0);
  // Two edits back to back: the diagnostics of the newest version reflect both.
  const first = client.change(uri, 4, [{ range: range(6, 0, 7, 0), text: '' }]);
  const second = client.change(uri, 5, [{ range: range(3, 2, 3, 7), text: 'filez' }]);
  const latest = await second;
  assert.deepEqual(latest.diagnostics.map((d) => d.code), ['butane/unused-key']);
  void first.catch(() => undefined);
  assert.equal(await client.stop(), 0);
});

test('completion, hover, document symbols and folding ranges', LIMIT, async () => {
  const client = await Client.start();
  const uri = 'untitled:features.bu';
  const text = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      \n  filesystems:\n    - device: /dev/vdb\n      format: \n';
  await client.open(uri, text);
  const position = { textDocument: { uri }, position: at(5, 6) };
  const list = (await client.connection.sendRequest(CompletionRequest.type, position)) as CompletionList;
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('contents') && !labels.includes('path'), labels.join(','));
  const contents = list.items.find((i) => i.label === 'contents')!;
  assert.equal(contents.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(contents.insertTextMode, InsertTextMode.asIs);
  assert.deepEqual(contents.textEdit, { range: range(5, 6, 5, 6), newText: 'contents:\n        $0' });

  const values = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri }, position: at(8, 14), context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' },
  })) as CompletionList;
  assert.ok(values.items.some((i) => i.label === 'xfs'));
  const spaced = await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri }, position: at(5, 6), context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' },
  });
  assert.equal(spaced, null, 'indenting with spaces does not pop up key suggestions');

  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(7, 8) });
  assert.match((hover!.contents as MarkupContent).value, /storage\.filesystems\[\]\.device/);
  assert.deepEqual(hover!.range, range(7, 6, 7, 12));

  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  const storage = symbols.find((s) => s.name === 'storage')!;
  const files = storage.children!.find((s) => s.name === 'files')!;
  assert.equal(files.children![0].name, '/etc/hostname');
  assert.equal(storage.children!.find((s) => s.name === 'filesystems')!.children![0].name, '/dev/vdb');

  const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  assert.ok(folds!.some((f) => f.startLine === 2 && f.endLine === 8), JSON.stringify(folds));
  assert.ok(folds!.some((f) => f.startLine === 6 && f.endLine === 8));
  assert.equal(await client.stop(), 0);
});

test('bad inputs get diagnostics and every feature answers; the server stays alive', LIMIT, async () => {
  const client = await Client.start();
  const inputs: Record<string, string> = {
    binary: 'variant: fcos\n\u0000\u0001\u00ff\ud800\u0007\n',
    deep: '['.repeat(10_000),
    huge: `variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /big\n      contents:\n        inline: ${'x'.repeat(1024 * 1024)}\n`,
    empty: '',
    invalid: 'variant: fcos\nversion: 1.5.0\n  storage: [\n- }\n',
  };
  for (const [name, text] of Object.entries(inputs)) {
    const uri = `untitled:${name}.bu`;
    const published = await client.open(uri, text);
    if (name !== 'huge') assert.ok(published.diagnostics.length > 0, `${name}: diagnostics explain the problem`);
    const doc = { textDocument: { uri } };
    await client.connection.sendRequest(CompletionRequest.type, { ...doc, position: at(0, 0) });
    await client.connection.sendRequest(HoverRequest.type, { ...doc, position: at(0, 3) });
    await client.connection.sendRequest(DocumentSymbolRequest.type, doc);
    await client.connection.sendRequest(FoldingRangeRequest.type, doc);
    await client.connection.sendRequest(CodeActionRequest.type, { ...doc, range: range(0, 0, 0, 1), context: { diagnostics: published.diagnostics } });
    assert.ok(client.alive(), `${name}: the server is still running`);
  }
  assert.deepEqual(client.logs.filter((l) => /failed/.test(l)), [], 'no handler had to be rescued');
  assert.equal(await client.stop(), 0);
});

test('settings: strict and filesDir per resource, re-read on didChangeConfiguration', LIMIT, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-lsp-'));
  fs.mkdirSync(path.join(folder, 'configs'));
  fs.mkdirSync(path.join(folder, 'files'));
  fs.writeFileSync(path.join(folder, 'files', 'motd.txt'), 'hello\n');
  const client = await Client.start({ folder });
  client.settings = { strict: true, filesDir: '' };
  const uri = pathToFileURL(path.join(folder, 'configs', 'node.bu')).href;
  const text = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/motd\n      contents:\n        local: motd.txt\n  filez: []\n';
  const strict = await client.open(uri, text);
  assert.equal(byCode(strict, 'butane/unused-key')[0].severity, 1, 'strict reports warnings as errors');
  assert.equal(byCode(strict, 'butane/local-missing').length, 1, 'empty filesDir = the document folder');

  client.settings = { strict: false, filesDir: 'files' };
  const republished = client.diagnostics(uri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const relaxed = await republished;
  assert.equal(byCode(relaxed, 'butane/unused-key')[0].severity, 2);
  assert.equal(byCode(relaxed, 'butane/local-missing').length, 0, 'a relative filesDir resolves against the workspace folder');

  const untitled = await client.open('untitled:scratch.bu', text);
  assert.equal(byCode(untitled, 'butane/local-no-files-dir').length, 1, 'documents not on disk have no files-dir');
  assert.equal(await client.stop(), 0);
  fs.rmSync(folder, { recursive: true, force: true });
});

test('a version superseded while settings are fetched never publishes over the newer one', LIMIT, async () => {
  const client = await Client.start();
  const uri = 'untitled:race.bu';
  await client.open(uri, CONFIG);
  let release!: () => void;
  client.configurationGate = new Promise((resolve) => (release = resolve));
  const asked = new Promise<void>((resolve) => (client.onConfigurationAsked = resolve));
  const firstAfterChange = client.diagnostics(uri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await asked; // the server re-validates version 1 and waits for its settings
  const v2 = client.change(uri, 2, [{ range: range(3, 2, 3, 7), text: 'files' }]);
  release();
  const first = await firstAfterChange;
  assert.equal(first.version, 2, 'version 1 was superseded before its analysis finished');
  assert.deepEqual((await v2).diagnostics, []);
  assert.equal(await client.stop(), 0);
});

test('other language ids are Butane only with a top-level variant; plain clients still work', LIMIT, async () => {
  const client = await Client.start({ capabilities: {} });
  assert.equal(client.initialized.capabilities.codeActionProvider, false);
  const yamlWithVariant = await client.open('untitled:a.yaml', CONFIG, 'yaml');
  assert.equal(byCode(yamlWithVariant, 'butane/unused-key').length, 1);
  void client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'untitled:plain.yaml', languageId: 'yaml', version: 1, text: 'name: not butane\n' },
  });
  // Documents are validated in the order they arrive, so this one's diagnostics come after any for plain.yaml.
  await client.open('untitled:barrier.bu', CONFIG);
  assert.deepEqual(client.published.filter((p) => p.uri === 'untitled:plain.yaml'), [], 'no diagnostics for YAML that is not Butane');
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:plain.yaml' } });
  assert.equal(symbols, null);
  const flat = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:a.yaml' } });
  assert.ok(flat!.some((s) => s.name === '/etc/hostname' && 'location' in s), 'flat symbols for clients without hierarchy');
  const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: 'untitled:a.yaml' }, position: at(2, 0) })) as CompletionList;
  assert.ok(list.items.length > 0);
  assert.ok(list.items.every((i) => i.insertTextFormat === InsertTextFormat.PlainText && !i.textEdit!.newText.includes('$')));
  // Without workspace/configuration, the settings pushed with didChangeConfiguration apply.
  const republished = client.diagnostics('untitled:a.yaml');
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kindling: { strict: true } } });
  assert.equal(byCode(await republished, 'butane/unused-key')[0].severity, 1);
  assert.equal(await client.stop(), 0);
});

test('`kindling lsp --stdio` serves the same server', LIMIT, async () => {
  const client = await Client.start({ command: [path.join(ROOT, 'out', 'cli', 'main.js'), 'lsp', '--stdio'] });
  const published = await client.open('untitled:cli.bu', CONFIG);
  assert.equal(byCode(published, 'butane/unused-key').length, 1);
  assert.equal(await client.stop(), 0);
});

test('whole-config snippets come from the server unless the client contributes them itself', LIMIT, async () => {
  const snippetLabels = async (initializationOptions?: unknown): Promise<string[]> => {
    const client = await Client.start({ initializationOptions });
    const uri = 'file:///tmp/kindling-snippets.bu';
    await client.open(uri, '');
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })) as CompletionList;
    await client.stop();
    return list.items.filter((i) => i.kind === 15 /* Snippet */).map((i) => i.label);
  };
  assert.ok((await snippetLabels()).some((label) => /K3s server on Flatcar/.test(label)));
  assert.deepEqual(await snippetLabels({ configSnippets: true }), []);
});
