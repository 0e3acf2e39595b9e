// `npm start`: builds Kindling and opens it on examples/ in a VS Code. A local desktop VS Code
// (`code` on the PATH) gets the extension in development mode; otherwise code-server (installed
// by e2e/setup.sh on first use) serves VS Code on 127.0.0.1 and the URL to open is printed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

function onPath(program) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, program)));
}

/** The wanted port when it is free, else one the system picks. */
function port(wanted) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(port(0)));
    server.listen(wanted, '127.0.0.1', () => {
      const { port: chosen } = server.address();
      server.close(() => resolve(chosen));
    });
  });
}

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

if (onPath('code') && !process.env.KINDLING_CODE_SERVER) {
  console.log(`Opening ${examples} in VS Code with Kindling in development mode…`);
  const result = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

console.log('No local VS Code (`code`) found: starting code-server (the first run installs it, about a minute)…');
execFileSync('bash', [path.join(root, 'e2e', 'setup.sh')], { stdio: 'inherit' });
const state = path.join(root, '.code-server');
fs.mkdirSync(path.join(state, 'data', 'User'), { recursive: true });
const settings = path.join(state, 'data', 'User', 'settings.json');
if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }, null, 2));
const authority = `127.0.0.1:${await port(Number(process.env.KINDLING_PORT ?? 8080))}`;
const server = spawn(
  path.join(root, 'e2e', 'node_modules', '.bin', 'code-server'),
  ['--config', '/dev/null', '--bind-addr', authority, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', path.join(state, 'data'), '--extensions-dir', path.join(state, 'extensions')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const load = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${root}`]]));
server.stdout.on('data', (chunk) => {
  if (!/HTTP server listening/.test(chunk)) return;
  console.log(`\nKindling is running in code-server. Open:\n\n  http://${authority}/?folder=${encodeURIComponent(examples)}&payload=${load}\n\n(only reachable from this machine; Ctrl-C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
