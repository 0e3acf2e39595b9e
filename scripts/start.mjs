// `npm start`: builds Kindling and opens it on examples/ in a VS Code. A local desktop VS Code
// (`code` on the PATH) gets the extension in development mode; otherwise code-server (installed
// by e2e/setup.sh on first use) serves VS Code on 127.0.0.1 and the URL to open is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startCodeServer, workbenchUrl } from '../e2e/codeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

function onPath(program) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, program)));
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
const { server, authority } = await startCodeServer({
  port: await freePort(Number(process.env.KINDLING_PORT ?? 8080)),
  userDataDir: path.join(state, 'data'),
  extensionsDir: path.join(state, 'extensions'),
  stderr: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
console.log(`\nKindling is running in code-server. Open:\n\n  ${workbenchUrl(authority, examples)}\n\n(only reachable from this machine; Ctrl-C stops it)`);
