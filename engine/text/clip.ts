/**
 * Messages quote what the user wrote, and a value can be a megabyte long. A run of text with no
 * space this long is always such a quote (no message of ours or of the reference tools has one:
 * the vectors' longest is 52 characters), so it is cut to its head and tail, which keeps the
 * closing quote and any punctuation after it. A message still too long after that (a long
 * value with spaces in it) keeps its start and end.
 */
import type { Diagnostic } from '../diagnostics';

const LONGEST_WORD = 120;
const WORD_HEAD = 56;
const WORD_TAIL = 16;
const LONGEST_MESSAGE = 2000;
const MESSAGE_HEAD = 1600;
const MESSAGE_TAIL = 300;
const LONG_WORD = new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g');

/** The message with every over-long word clipped, and then itself clipped if still over-long. */
export function clipMessage(message: string): string {
  if (message.length <= LONGEST_WORD) return message;
  const words = message.replace(LONG_WORD, (word) => clip(word, WORD_HEAD, WORD_TAIL));
  return words.length <= LONGEST_MESSAGE ? words : clip(words, MESSAGE_HEAD, MESSAGE_TAIL, ' … ');
}

/** The diagnostic with its message and its fixes' titles clipped; itself when nothing is too long. */
export function clipDiagnostic(d: Diagnostic): Diagnostic {
  const message = clipMessage(d.message);
  const longTitle = d.fixes?.some((f) => f.title.length > LONGEST_WORD);
  if (message === d.message && !longTitle) return d;
  const fixes = longTitle ? d.fixes!.map((f) => ({ ...f, title: clipMessage(f.title) })) : d.fixes;
  return { ...d, message, fixes };
}

/** `text`'s first `head` and last `tail` characters around the ellipsis, never splitting a surrogate pair. */
function clip(text: string, head: number, tail: number, ellipsis = '…'): string {
  const headEnd = isLowSurrogate(text.charCodeAt(head)) ? head - 1 : head;
  const tailStart = isLowSurrogate(text.charCodeAt(text.length - tail)) ? text.length - tail + 1 : text.length - tail;
  return `${text.slice(0, headEnd)}${ellipsis}${text.slice(tailStart)}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
