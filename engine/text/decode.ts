import type { Diagnostic } from '../diagnostics';

/**
 * Turns file bytes into text. Invalid UTF-8 is replaced (so analysis can go on) and
 * reported once, where the first bad byte landed — go-yaml rejects such files too.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const at = Math.max(0, text.indexOf('\ufffd'));
    return {
      text,
      diagnostics: [
        { range: { start: at, end: at + 1 }, severity: 'error', code: 'yaml/encoding', message: 'the file is not valid UTF-8 text' },
      ],
    };
  }
}
