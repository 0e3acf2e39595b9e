/**
 * The security suite across faces: a process killed mid-write never leaves a partial output;
 * hostile file names reach qemu and qemu-img as single, literal arguments; files-dir escapes
 * (symlinks included) are refused without reading the target; secrets
 * in a config never reach diagnostics, stderr or the server log.
 *
 * Elsewhere: hostile names through podman (iso-podman) and xorriso (iso-k3os); ENOSPC mid-write
 * (iso-files); untrusted workspaces in a real VS Code (e2e/untrusted.test.mjs).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CLI, runCli } from './helpers';
import { fixture } from './isoFixtures';
import { sha256 } from './qemuGuest';
import { Client } from './lspClient';

let work: string;
before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-security-'));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the CLI and kills it with SIGKILL after `delayMs`; resolves when it is gone. */
function killAfter(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test('SIGKILL at any moment of an ISO write leaves the previous output or the new one, never a mix', { timeout: 120_000 }, async () => {
  // A live ISO padded to 96 MiB, so the copy takes long enough to be interrupted in the middle.
  const base = path.join(work, 'padded.iso');
  fs.writeFileSync(base, Buffer.concat([fixture('iso/embed-areas-2023-07.x86_64.iso.xz'), Buffer.alloc(96 << 20)]));
  const [first, second] = ['first', 'second'].map((name) => {
    const file = path.join(work, `${name}.ign`);
    fs.writeFileSync(file, JSON.stringify({ ignition: { version: '3.4.0' }, storage: { files: [{ path: `/etc/${name}` }] } }));
    return file;
  });
  const output = path.join(work, 'node.iso');
  assert.equal(runCli(['iso', 'embed', '--ignition', first, '-o', output, base]).status, 0);
  const previous = sha256(fs.readFileSync(output));
  const complete = path.join(work, 'complete.iso');
  assert.equal(runCli(['iso', 'embed', '--ignition', second, '-o', complete, base]).status, 0);
  const next = sha256(fs.readFileSync(complete));

  const seen = new Set<string>();
  for (const delay of [5, 40, 80, 120, 160, 200, 260, 320, 400, 500, 650, 800]) {
    await killAfter(['iso', 'embed', '--force', '--ignition', second, '-o', output, base], delay);
    const now = sha256(fs.readFileSync(output));
    assert.ok(now === previous || now === next, `after a kill at ${delay} ms the output is neither the old nor the new ISO`);
    seen.add(now === previous ? 'old' : 'new');
    if (now === next) assert.equal(runCli(['iso', 'embed', '--ignition', first, '-o', output, '--force', base]).status, 0);
  }
  assert.ok(seen.has('old'), 'at least one kill landed mid-write (else the test proves nothing)');
});

test('hostile names reach qemu-img and qemu as one literal argument each, and run nothing', () => {
  // A stand-in for both programs: records its name and arguments NUL-separated; as qemu-img it
  // also creates the overlay (its last argument).
  const recorder = path.join(work, 'record.sh');
  fs.writeFileSync(recorder, '#!/bin/sh\nprintf "%s\\0" "$0" "$@" >> "$RECORD"\nfor a; do last="$a"; done\ncase "$0" in *img*) : > "$last";; esac\nexit 0\n', { mode: 0o755 });
  const qemuImg = path.join(work, 'fake-qemu-img');
  const qemu = path.join(work, 'fake-qemu');
  fs.symlinkSync(recorder, qemuImg);
  fs.symlinkSync(recorder, qemu);
  const name = "-x $(touch pwned) 'q\"uote`touch pwned2`,file=evil\nline";
  const disk = path.join(work, `${name}.qcow2`);
  fs.writeFileSync(disk, Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), Buffer.alloc(100)]));
  const iso = path.join(work, `${name}.iso`);
  fs.writeFileSync(iso, 'an ISO qemu never reads here');
  const config = path.join(work, 'node.bu');
  fs.writeFileSync(config, 'variant: fcos\nversion: 1.5.0\n');

  const recorded = (args: string[]): string[] => {
    const record = path.join(work, `record-${Math.random().toString(36).slice(2)}.bin`);
    const r = spawnSync(process.execPath, [CLI, 'boot', '--accel', 'tcg', '--no-forward', '--qemu', qemu, '--qemu-img', qemuImg, '--runs-dir', path.join(work, 'runs'), ...args], {
      encoding: 'utf8',
      cwd: work,
      env: { ...process.env, RECORD: record },
    });
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(record, 'utf8').split('\0');
  };
  const diskArgv = recorded(['--image', disk, config]);
  assert.deepEqual(diskArgv.slice(diskArgv.indexOf('-b'), diskArgv.indexOf('-b') + 2), ['-b', disk], 'qemu-img: the backing file is one literal argument');
  const isoArgv = recorded(['--iso', iso]);
  assert.ok(isoArgv.includes(`media=cdrom,readonly=on,format=raw,file=${iso.replace(/,/g, ',,')}`), 'qemu: the name is one option value, its comma doubled so it cannot add options');
  for (const marker of ['pwned', 'pwned2']) assert.ok(!fs.existsSync(path.join(work, marker)), `no shell ran the name (${marker})`);
});

const SECRET_HASH = '$6$kindlingSalt$Zm9yIHRlc3RzIG9ubHk.notARealHashButLongEnoughToLookLikeOne';
const SECRET_TOKEN = 'K10kindlingsecrettoken0123456789abcdef::server:0123456789abcdef';

test('files-dir escapes are refused, symlinks included, and the target is never read into the output', () => {
  const filesDir = path.join(work, 'files');
  fs.mkdirSync(filesDir);
  const outside = path.join(work, 'outside-secret.txt');
  fs.writeFileSync(outside, 'TOP-SECRET-OUTSIDE');
  fs.symlinkSync(outside, path.join(filesDir, 'link.txt'));
  for (const local of ['../outside-secret.txt', 'link.txt', outside]) {
    const config = path.join(work, 'escape.bu');
    fs.writeFileSync(config, `variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/x\n      contents:\n        local: ${local}\n`);
    const r = runCli(['transpile', '--files-dir', filesDir, config]);
    assert.equal(r.status, 1, `${local}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.doesNotMatch(r.stderr, /TOP-SECRET|VE9QLVNFQ1JFVC/, 'neither the contents nor their base64 leak');
  }
});

test('secrets in a config never reach the CLI diagnostics, the published diagnostics or the language server log', { timeout: 60_000 }, async () => {
  const k3os = path.join(work, 'config.yaml');
  const text = `# kindling: k3os\nk3os:\n  password: "${SECRET_HASH}"\n  token: ${SECRET_TOKEN}\n`;
  const leaks = (s: string): boolean => s.includes(SECRET_TOKEN) || s.includes(SECRET_HASH);
  fs.writeFileSync(k3os, text);
  // check prints its diagnostics on stdout (the clear-text token is one of them); cmdline prints
  // the secrets on stdout by design, its warnings on stderr.
  const check = runCli(['check', k3os]);
  assert.match(check.stdout, /\[secrets\/clear-text-token\]/);
  assert.ok(!leaks(check.stdout + check.stderr), check.stdout + check.stderr);
  const cmdline = runCli(['cmdline', k3os]);
  assert.ok(!leaks(cmdline.stderr), cmdline.stderr);

  const client = await Client.start();
  try {
    const uri = pathToFileURL(k3os).href;
    const published = await client.open(uri, text, 'yaml');
    for (const d of published.diagnostics) assert.ok(!leaks(JSON.stringify(d)), JSON.stringify(d));
    // The password as a list: an error on the line that holds the hash.
    const changed = await client.change(uri, 2, [{ text: text.replace(`"${SECRET_HASH}"`, `["${SECRET_HASH}"]`) }]);
    assert.ok(changed.diagnostics.some((d) => d.code === 'k3os/unreadable-config'), JSON.stringify(changed.diagnostics));
    for (const d of changed.diagnostics) assert.ok(!leaks(JSON.stringify(d)), JSON.stringify(d));
    assert.ok(client.logs.every((line) => !leaks(line)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});
