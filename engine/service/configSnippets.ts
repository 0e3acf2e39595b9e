/**
 * Whole-config snippets (a K3s server on FCOS, a k3OS agent, …) kept in `snippets/*.json` in VS Code's
 * snippet format, so one file serves the language server and anyone reading the package.
 */
import { findBundledFile } from '../host/bundled';
import * as fs from 'fs';

export interface ConfigSnippet {
  name: string;
  prefix: string;
  body: string;
  description?: string;
}

interface SnippetFileEntry {
  prefix?: string | string[];
  body?: string | string[];
  description?: string;
}

const cached = new Map<string, ConfigSnippet[]>();


export function parseSnippetFile(json: string): ConfigSnippet[] {
  const entries = JSON.parse(json) as Record<string, SnippetFileEntry>;
  const out: ConfigSnippet[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (!entry || entry.body === undefined) continue;
    const prefix = Array.isArray(entry.prefix) ? entry.prefix[0] : entry.prefix;
    const body = Array.isArray(entry.body) ? entry.body.join('\n') : entry.body;
    out.push({ name, prefix: prefix ?? name, body, description: entry.description });
  }
  return out;
}

/** The snippets of one bundled file (`butane.json`, `k3os.json`), read once found; none when missing or malformed. */
export function bundledConfigSnippets(fileName = 'butane.json'): readonly ConfigSnippet[] {
  const known = cached.get(fileName);
  if (known) return known;
  const file = findBundledFile('snippets', fileName);
  if (!file) return [];
  let snippets: ConfigSnippet[];
  try {
    snippets = parseSnippetFile(fs.readFileSync(file, 'utf8'));
  } catch {
    // A broken snippet file must not take completion down with it.
    snippets = [];
  }
  cached.set(fileName, snippets);
  return snippets;
}
