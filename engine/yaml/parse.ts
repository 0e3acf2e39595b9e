import { parseAllDocuments, isAlias, isNode, visit, Node as YamlNode, Document } from 'yaml';
import { indentQuotedContinuations, Insertions, originalOffset } from './lenientQuotes';
import type { Diagnostic, TextRange } from '../diagnostics';

export type { YamlNode };

export interface ParsedYaml {
  /** Root node of the first document (Butane reads only the first), or null when empty. */
  root: YamlNode | null;
  document: Document.Parsed | undefined;
  diagnostics: Diagnostic[];
}

/** Above this size the document is not analysed: no realistic config comes close. */
export const MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;
/** Nesting beyond this depth is rejected before parsing to keep every walk shallow. */
export const MAX_NESTING = 256;

function syntaxMessage(code: string, message: string, source: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `\`${source.split(/[:\n]/)[0].trim()}\` is already defined in this mapping; Butane rejects duplicate keys`;
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML; use spaces';
    default:
      // The yaml package appends a location suffix such as " at line 3, column 5"; the range says it.
      return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\s+$/, '');
  }
}

/**
 * The range to underline for a parser error, inside the text. An unclosed quote is
 * reported by the parser at the end of the input; the opening quote is the useful spot
 * (and the line go-yaml names).
 */
function errorRange(text: string, code: string, pos: [number, number]): TextRange {
  let start = Math.min(pos[0], text.length);
  let end = Math.min(Math.max(pos[1], start + 1), text.length);
  if (code === 'MISSING_CHAR') {
    const quote = /^(?:[^\n"']*?(?::\s+|-\s+|[[{,]\s*|^\s*))(["'])/;
    for (let lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)); lineStart >= -1; lineStart = text.lastIndexOf('\n', lineStart - 1)) {
      const line = text.slice(lineStart + 1, text.indexOf('\n', lineStart + 1) < 0 ? text.length : text.indexOf('\n', lineStart + 1));
      const match = quote.exec(line);
      if (match) {
        start = lineStart + 1 + match[0].length - 1;
        end = lineStart + 1 + line.length;
        break;
      }
      // At 0 the only line left is the empty one before a leading newline (and lastIndexOf
      // would return 0 again forever).
      if (lineStart <= 0) break;
    }
  }
  if (start === end && start > 0) start--;
  return { start, end };
}

/** Finds flow/indent nesting deeper than MAX_NESTING without building a tree. */
function nestingTooDeep(text: string): number | undefined {
  let flow = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++flow > MAX_NESTING) return i;
    } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
  }
  // Block nesting: indentation grows by at least one column per level.
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    let indent = 0;
    while (i < text.length && (text[i] === ' ' || text[i] === '-')) {
      indent++;
      i++;
    }
    if (indent > MAX_NESTING * 4) return lineStart;
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}

export function parseYaml(text: string): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  if (text.length > MAX_DOCUMENT_LENGTH) {
    diagnostics.push({
      range: { start: 0, end: 0 },
      severity: 'error',
      code: 'yaml/too-large',
      message: `document is larger than ${MAX_DOCUMENT_LENGTH / 1024 / 1024} MiB and is not analysed`,
    });
    return { root: null, document: undefined, diagnostics };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    diagnostics.push({
      range: { start: nul, end: nul + 1 },
      severity: 'error',
      code: 'yaml/syntax',
      message: 'the file contains a NUL character; it looks binary, not YAML',
    });
    return { root: null, document: undefined, diagnostics };
  }
  const deep = nestingTooDeep(text);
  if (deep !== undefined) {
    diagnostics.push({
      range: { start: deep, end: deep + 1 },
      severity: 'error',
      code: 'yaml/too-deep',
      message: `nesting deeper than ${MAX_NESTING} levels is not analysed`,
    });
    return { root: null, document: undefined, diagnostics };
  }

  const list = parseDocuments(text);
  const first = list[0];
  list.forEach((doc, index) => {
    for (const err of doc.errors) {
      // Duplicate keys matter only in the first document, the one Butane reads; syntax
      // errors anywhere break go-yaml's stream reader.
      if (index > 0 && err.code === 'DUPLICATE_KEY') continue;
      diagnostics.push({
        range: errorRange(text, err.code, err.pos),
        severity: 'error',
        code: err.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
        message: syntaxMessage(err.code, err.message, text.slice(err.pos[0], err.pos[1])),
      });
    }
  });
  const root = (first?.contents as YamlNode | null | undefined) ?? null;
  return { root, document: first, diagnostics };
}

function parseOnce(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, strict: true });
  return Array.isArray(docs) ? docs : [];
}

/** Rewrites node and error offsets of documents parsed from indented text to the original text. */
function mapOffsets(docs: Document.Parsed[], insertions: Insertions): void {
  const back = (n: number): number => originalOffset(insertions, n);
  for (const doc of docs) {
    visit(doc, (_key, node) => {
      if (isNode(node) && node.range) node.range = [back(node.range[0]), back(node.range[1]), back(node.range[2])];
    });
    if (isNode(doc.contents) && doc.contents.range) {
      const r = doc.contents.range;
      doc.contents.range = [back(r[0]), back(r[1]), back(r[2])];
    }
    for (const err of [...doc.errors, ...doc.warnings]) err.pos = [back(err.pos[0]), back(err.pos[1])];
  }
}

/**
 * Parses like go-yaml: when only under-indented quoted-scalar lines stand in the way (an
 * unclosed-quote error that goes away once they are indented), the indented parse is used.
 */
function parseDocuments(text: string): Document.Parsed[] {
  const docs = parseOnce(text);
  if (!docs.some((d) => d.errors.some((e) => e.code === 'MISSING_CHAR'))) return docs;
  const indented = indentQuotedContinuations(text);
  if (!indented) return docs;
  const retried = parseOnce(indented.text);
  if (retried.some((d) => d.errors.some((e) => e.code === 'MISSING_CHAR'))) return docs;
  mapOffsets(retried, indented.insertions);
  return retried;
}

/** Follows aliases to the anchored node. */
export function deref(node: YamlNode | null | undefined, doc: Document.Parsed | undefined): YamlNode | null {
  let current: unknown = node;
  for (let hops = 0; hops < 64 && isAlias(current); hops++) {
    current = doc ? (current.resolve(doc) as unknown) : undefined;
  }
  if (isAlias(current)) return null;
  return (current as YamlNode | undefined) ?? null;
}
