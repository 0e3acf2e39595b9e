/**
 * "Asks before replacing a file it did not write": Kindling remembers a hash of every file it
 * wrote, so a file that someone else wrote — or edited since — is never replaced silently.
 * No `vscode` import: unit-tested in test/client-logic.test.ts.
 */

/** Output path → SHA-256 (hex) of the bytes Kindling last wrote there. */
export type WrittenFiles = Record<string, string>;

export type OverwriteDecision =
  /** Nothing there yet. */
  | 'create'
  /** Kindling's own file, unchanged since it wrote it. */
  | 'replace'
  /** Already holds exactly the new output: nothing to write. */
  | 'unchanged'
  /** Someone else's file, or Kindling's edited since: the user decides. */
  | 'ask';

/** `existingHash` is the hash of the file now at the target, undefined when there is none. */
export function overwriteDecision(existingHash: string | undefined, newHash: string, written: WrittenFiles, target: string): OverwriteDecision {
  if (existingHash === undefined) return 'create';
  if (existingHash === newHash) return 'unchanged';
  return written[target] === existingHash ? 'replace' : 'ask';
}

/** The record after writing `hash` to `target`; the newest writes are kept when it grows too large. */
export function recordWrite(written: WrittenFiles, target: string, hash: string, limit = 500): WrittenFiles {
  const entries = Object.entries(written).filter(([file]) => file !== target);
  entries.push([target, hash]);
  return Object.fromEntries(entries.slice(-limit));
}
