/** Shared harness for the Butane check tests: inline configs through analyze(), an in-memory files-dir. */
import assert from 'node:assert/strict';
import * as path from 'path';
import { analyze, Diagnostic, LineIndex } from '../engine/index';
import type { FileInfo, FileSystemAccess } from '../engine/host/files';

// ---------------------------------------------------------------- harness

export type Entry = { kind: 'file'; content: string } | { kind: 'dir' } | { kind: 'link'; target: string } | { kind: 'fifo' };

/** An in-memory file tree: absolute path → entry; parent directories are implied. */
export function memoryFs(entries: Record<string, Entry>): FileSystemAccess {
  const table = new Map<string, Entry>();
  for (const [p, e] of Object.entries(entries)) {
    table.set(p, e);
    for (let dir = path.dirname(p); dir !== path.dirname(dir); dir = path.dirname(dir)) if (!table.has(dir)) table.set(dir, { kind: 'dir' });
  }
  table.set('/', { kind: 'dir' });
  const real = (p: string, hops = 0): string | undefined => {
    if (hops > 20) return undefined;
    const parts = path.resolve(p).split('/').filter(Boolean);
    let cur = '/';
    for (const part of parts) {
      const next = path.join(cur, part);
      const e = table.get(next);
      if (!e) return undefined;
      if (e.kind === 'link') {
        const r = real(path.resolve(cur, e.target), hops + 1);
        if (!r) return undefined;
        cur = r;
      } else cur = next;
    }
    return cur;
  };
  const info = (e: Entry): FileInfo => ({
    kind: e.kind === 'dir' ? 'directory' : e.kind === 'link' ? 'symlink' : e.kind === 'fifo' ? 'other' : 'file',
    executable: false,
    size: e.kind === 'file' ? e.content.length : 0,
  });
  return {
    stat: (p) => (table.get(path.resolve(p)) ? info(table.get(path.resolve(p))!) : undefined),
    realpath: (p) => real(p),
    readFile: (p) => {
      const e = table.get(path.resolve(p));
      return e?.kind === 'file' ? new TextEncoder().encode(e.content) : undefined;
    },
    readLink: (p) => {
      const e = table.get(path.resolve(p));
      return e?.kind === 'link' ? e.target : undefined;
    },
    readDirectory: (p) => {
      const base = path.resolve(p);
      return [...table.keys()].filter((k) => k !== base && path.dirname(k) === base).map((k) => path.basename(k)).sort();
    },
  };
}

export interface Run {
  text: string;
  diagnostics: Diagnostic[];
  line(d: Diagnostic): number;
}

export function run(text: string, options: { filesDir?: string; fs?: FileSystemAccess } = {}): Run {
  const result = analyze(text, { dialect: 'butane', ...options });
  const lines = new LineIndex(text);
  return { text, diagnostics: result.diagnostics, line: (d) => lines.lineAt(d.range.start) + 1 };
}

export function bu(variant: string, version: string, body: string): string {
  return `variant: ${variant}\nversion: ${version}\n${body.replace(/^\n/, '')}`;
}
export const fcos = (body: string, version = '1.6.0'): string => bu('fcos', version, body);

export function describe(r: Run): string {
  return r.diagnostics.map((d) => `  ${d.severity} ${d.code} L${r.line(d)}: ${d.message}`).join('\n') || '  (none)';
}

/** Asserts a diagnostic with `code` and `severity` on 1-based `line`; returns it. */
export function expectAt(text: string, code: string, severity: 'error' | 'warning', line: number, options?: Parameters<typeof run>[1]): Diagnostic {
  const r = run(text, options);
  const hit = r.diagnostics.find((d) => d.code === code && d.severity === severity && r.line(d) === line);
  assert.ok(hit, `expected ${severity} ${code} on line ${line}; got:\n${describe(r)}\nin:\n${text}`);
  return hit;
}

export function expectNo(text: string, code: string, options?: Parameters<typeof run>[1]): void {
  const r = run(text, options);
  assert.ok(!r.diagnostics.some((d) => d.code === code), `expected no ${code}; got:\n${describe(r)}\nin:\n${text}`);
}

/** Asserts the config is clean of errors (and warnings unless allowed). */
export function expectClean(text: string, options?: Parameters<typeof run>[1]): void {
  const r = run(text, options);
  // Clean as butane sees it: Kindling's advisory rules are tested on their own.
  assert.equal(r.diagnostics.filter((d) => !d.advisory && (d.severity === 'error' || d.severity === 'warning')).length, 0, `expected no problems; got:\n${describe(r)}`);
}

export function applyFix(text: string, d: Diagnostic): string {
  const edit = d.fixes?.[0]?.edits[0];
  assert.ok(edit, `diagnostic ${d.code} has no fix`);
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}


export const FILES = '/cfg/files';
export const tree = memoryFs({
  '/cfg/files/motd': { kind: 'file', content: 'hello\n' },
  '/cfg/files/keys.pub': { kind: 'file', content: 'ssh-ed25519 AAAA one\n\nssh-ed25519 BBBB two\r\n' },
  '/cfg/files/unit.service': { kind: 'file', content: '[Service]\nExecStart=/bin/true\n' },
  '/cfg/files/out-link': { kind: 'link', target: '/etc/shadow' },
  '/cfg/files/in-link': { kind: 'link', target: 'motd' },
  '/cfg/files/subdir/x': { kind: 'file', content: 'x' },
  '/etc/shadow': { kind: 'file', content: 'secret' },
  '/cfg/files/root/etc/app.conf': { kind: 'file', content: 'a=1\n' },
  '/cfg/files/root/etc/link': { kind: 'link', target: 'app.conf' },
  '/cfg/files/special/fifo': { kind: 'fifo' },
});
export const withFiles = { filesDir: FILES, fs: tree };
