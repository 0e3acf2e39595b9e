/**
 * Whole-config snippets (a K3s server on FCOS, …) kept in `snippets/butane.json` in VS Code's
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

let cached: ConfigSnippet[] | undefined;


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

/** The bundled snippets, read once found; none when the file is missing or malformed. */
export function bundledConfigSnippets(): readonly ConfigSnippet[] {
  if (cached) return cached;
  const file = findBundledFile('snippets', 'butane.json');
  if (!file) return [];
  try {
    cached = parseSnippetFile(fs.readFileSync(file, 'utf8'));
  } catch {
    // A broken snippet file must not take completion down with it.
    cached = [];
  }
  return cached;
}
