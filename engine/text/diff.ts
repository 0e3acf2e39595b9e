import type { TextChange } from '../yaml/incremental';

/**
 * The single replacement that turns `before` into `after` (common prefix and suffix
 * trimmed). Editors send incremental changes, but deriving the edit from the two texts
 * keeps the engine independent of how a face receives them, and costs one linear scan.
 */
export function singleChange(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}
