/** Ordering of the quick picks Kindling remembers. No `vscode` import: the unit tests reach it. */

/** The choices with the one whose method was used last moved to the front; the rest keep their order. */
export function lastFirst<T extends { method: string }>(all: T[], lastUsed: string | undefined): T[] {
  const last = all.find((choice) => choice.method === lastUsed);
  return last ? [last, ...all.filter((choice) => choice !== last)] : all;
}
