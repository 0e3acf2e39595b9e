// code-server (installed by e2e/setup.sh) serving VS Code on 127.0.0.1 with Kindling loaded in
// extension-development mode: shared by the e2e harness and `npm start`. No playwright here, so
// `npm start` runs without the browser driver.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const E2E = path.dirname(fileURLToPath(import.meta.url));
/** The repository: the extension code-server loads. */
export const ROOT = path.resolve(E2E, '..');
const CODE_SERVER = path.join(E2E, 'node_modules', '.bin', 'code-server');

/** `wanted` when it is free, else a port the system picks (0 asks for that directly). */
export function freePort(wanted = 0) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) => (wanted === 0 ? reject(err) : resolve(freePort(0))));
    server.listen(wanted, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:`port` (no auth, telemetry or update check; `flags` added) and
 * resolves once it listens, with its process and authority; rejects with what it printed when
 * it exits first or takes over a minute. `stderr` is piped unless told otherwise.
 */
export async function startCodeServer({ port, userDataDir, extensionsDir, flags = [], env, stderr = 'pipe' }) {
  const authority = `127.0.0.1:${port}`;
  const server = spawn(
    CODE_SERVER,
    ['--config', '/dev/null', '--bind-addr', authority, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...flags, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
    { stdio: ['ignore', 'pipe', stderr], env },
  );
  let output = '';
  const collect = (chunk) => (output += chunk);
  server.stdout.on('data', collect);
  server.stderr?.on('data', collect);
  const end = Date.now() + 60_000;
  while (!/HTTP server listening/.test(output)) {
    if (server.exitCode !== null || Date.now() > end) throw new Error(`code-server did not start:\n${output}`);
    await sleep(50);
  }
  server.stdout.off('data', collect);
  server.stderr?.off('data', collect);
  return { server, authority, output };
}

/**
 * The workbench URL that opens `folder` with Kindling in development mode; `payload` adds more
 * `[key, file]` entries (files on this machine), e.g. an extension tests path.
 */
export function workbenchUrl(authority, folder, payload = []) {
  const load = [['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`], ...payload.map(([key, file]) => [key, `vscode-remote://${authority}${file}`])];
  return `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(load))}`;
}
