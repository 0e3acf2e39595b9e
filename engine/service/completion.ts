/**
 * Completion: the keys a mapping may still take in this variant/version, the values a key
 * accepts, `variant`/`version` values, and whole-config snippets in an empty document.
 */
import type { TextRange } from '../diagnostics';
import type { Schema, SchemaNode } from '../schema/schema';
import type { PathPart } from './blockWalker';
import { bundledConfigSnippets, ConfigSnippet } from './configSnippets';
import { cursorContext, KeyContext, ValueContext } from './cursorContext';
import { describeKey, detailLine } from './schemaText';
import { bundledCatalog, resolveSpecContext, ServiceDocument, ServiceOptions, SpecCatalog, SpecContext } from './specContext';
import type { CompletionEntry, CompletionResult } from './types';
import { valueEntries, ValueTarget } from './valueCompletion';

export interface CompletionOptions extends ServiceOptions {
  /** Whole-config snippets; defaults to the bundled ones of the document's dialect. */
  snippets?: readonly ConfigSnippet[];
}

/** Enums longer than this are inserted as `key: ` and completed as values instead of a choice list. */
const MAX_CHOICES = 12;

const ROOT_KEY_DOCS: Record<string, string> = {
  variant: 'The OS this config is for (`fcos`, `flatcar`, …). Together with `version` it selects the Butane spec.',
  version: 'The spec version of the variant, written in full (`1.6.0`, or `1.8.0-experimental`). It decides which Ignition spec Butane emits.',
};

export function complete(doc: ServiceDocument, offset: number, options: CompletionOptions = {}): CompletionResult {
  const context = cursorContext(doc.text, offset);
  if (context.kind === 'none') return { position: 'none', items: [], lineIndent: 0 };
  const catalog = options.catalog ?? bundledCatalog;
  const spec = resolveSpecContext(doc, catalog);
  const items =
    context.kind === 'value'
      ? valueEntries(valueTarget(context), spec, catalog)
      : keyCompletions(context, spec, catalog, options.snippets ?? serverSnippets(spec));
  // Returned in display order, so clients without sortText support still show required keys first.
  items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { position: context.kind, items, lineIndent: context.lineIndent };
}

/** CLC snippets come from the editor (the `clc` language has its own); YAML files detected as k3OS get ours. */
function serverSnippets(spec: SpecContext): readonly ConfigSnippet[] {
  if (spec.dialect === 'clc') return [];
  return bundledConfigSnippets(spec.dialect === 'k3os' ? 'k3os.json' : 'butane.json');
}

function valueTarget(context: ValueContext): ValueTarget {
  return { path: context.path, range: context.range, lead: context.needsLeadingSpace ? ' ' : '', quote: context.quote };
}

function keyCompletions(context: KeyContext, spec: SpecContext, catalog: SpecCatalog, snippets: readonly ConfigSnippet[]): CompletionEntry[] {
  const items: CompletionEntry[] = [];
  if (context.nearEmptyDocument && !context.afterDash) items.push(...snippetEntries(snippets, context.range));
  const schema = spec.schema;
  if (!schema) {
    // No spec yet: all we can offer at the root is what selects one.
    if (context.path.length === 0 && !context.afterDash) items.push(...rootKeysWithoutSchema(context, spec, catalog));
    return items;
  }
  const node = schema.at(context.path);
  if (!node) return items;
  if (node.type === 'array') {
    // Under a list key with no `- ` typed yet: each suggestion starts a new item.
    const itemNode = schema.items(node);
    if (!itemNode) return items;
    if (isObject(itemNode)) {
      items.push(...keyEntries(schema, itemNode, [...context.path, 0], new Set(), context, spec, catalog, '- '));
    } else {
      items.push(...valueEntries({ path: [...context.path, 0], range: context.range, lead: '- ', quote: '' }, spec, catalog));
    }
    return items;
  }
  if (isObject(node)) {
    items.push(...keyEntries(schema, node, context.path, context.present, context, spec, catalog, ''));
  } else if (context.afterDash) {
    // `- ` in a list of scalars: the item is a value.
    items.push(...valueEntries({ path: context.path, range: context.range, lead: '', quote: '' }, spec, catalog));
  }
  return items;
}

function isObject(node: SchemaNode): boolean {
  return node.type === 'object' || (node.type === undefined && node.properties !== undefined);
}

function keyEntries(
  schema: Schema,
  parent: SchemaNode,
  path: PathPart[],
  present: Set<string>,
  context: KeyContext,
  spec: SpecContext,
  catalog: SpecCatalog,
  itemPrefix: string,
): CompletionEntry[] {
  const resolved = schema.resolve(parent);
  const required = new Set(resolved.required ?? []);
  const column = context.column + itemPrefix.length;
  const out: CompletionEntry[] = [];
  // A key written in another accepted spelling (k3OS's `sysctl` for `sysctls`) is present too.
  const written = new Set([...present].map((k) => schema.propertyName(resolved, k) ?? k));
  for (const key of Object.keys(resolved.properties ?? {}).sort()) {
    if (written.has(key)) continue;
    const child = schema.property(resolved, key);
    if (!child || child['x-unsupported']) continue;
    const childPath = [...path, key];
    out.push({
      label: key,
      kind: 'key',
      detail: `${required.has(key) ? 'required · ' : ''}${detailLine(schema, key, child, spec.spec)}`,
      documentation: describeKey(schema, childPath, child, spec.spec, { heading: false }) || undefined,
      insertText: itemPrefix + keyInsertText(schema, childPath, child, column, context, spec, catalog),
      snippet: !context.keyHasColon,
      range: context.range,
      sortText: `${required.has(key) ? '1' : '2'}_${key}`,
      filterText: key,
    });
  }
  return out;
}

function keyInsertText(
  schema: Schema | undefined,
  path: PathPart[],
  node: SchemaNode | undefined,
  column: number,
  context: KeyContext,
  spec: SpecContext,
  catalog: SpecCatalog,
): string {
  const key = String(path[path.length - 1]);
  if (context.keyHasColon) return key;
  const nested = ' '.repeat(column + 2);
  const choices = rootChoices(path, spec, catalog) ?? (node ? valueChoices(node) : undefined);
  if (choices?.length) return `${key}: \${1|${choices.map(escapeChoice).join(',')}|}`;
  const type = node && schema ? schema.resolve(node).type : undefined;
  if (type === 'object') return `${key}:\n${nested}$0`;
  if (type === 'array') return `${key}:\n${nested}- $0`;
  return `${key}: $0`;
}

/** `variant` lists every variant; `version` the versions of the variant already written. */
function rootChoices(path: PathPart[], spec: SpecContext, catalog: SpecCatalog): string[] | undefined {
  if (path.length !== 1) return undefined;
  if (path[0] === 'variant') return [...new Set(catalog.specs().map((s) => s.variant))];
  if (path[0] === 'version' && spec.variant) {
    const entries = valueEntries({ path: ['version'], range: { start: 0, end: 0 }, lead: '', quote: '' }, spec, catalog);
    return entries.length ? entries.map((e) => e.label) : undefined;
  }
  return undefined;
}

function valueChoices(node: SchemaNode): string[] | undefined {
  if (node.type === 'boolean') return ['true', 'false'];
  if (node.enum && node.enum.length <= MAX_CHOICES && node.enum.every((v) => typeof v === 'string' && v !== '')) return node.enum as string[];
  return undefined;
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

function rootKeysWithoutSchema(context: KeyContext, spec: SpecContext, catalog: SpecCatalog): CompletionEntry[] {
  return ['variant', 'version']
    .filter((key) => !context.present.has(key))
    .map((key) => ({
      label: key,
      kind: 'key' as const,
      detail: 'required · string',
      documentation: ROOT_KEY_DOCS[key],
      insertText: keyInsertText(undefined, [key], undefined, context.column, context, spec, catalog),
      snippet: !context.keyHasColon,
      range: context.range,
      sortText: `1_${key}`,
      filterText: key,
    }));
}

function snippetEntries(snippets: readonly ConfigSnippet[], range: TextRange): CompletionEntry[] {
  return snippets.map((s) => ({
    label: s.name,
    kind: 'snippet' as const,
    detail: 'whole config',
    documentation: `${s.description ?? ''}\n\n\`\`\`yaml\n${plainSnippetText(s.body)}\n\`\`\``.trim(),
    insertText: s.body,
    snippet: true,
    range,
    sortText: `0_${s.name}`,
    filterText: s.prefix,
  }));
}

/** Snippet syntax reduced to the text it inserts by default (for previews and plain-text editors). */
export function plainSnippetText(snippet: string): string {
  let out = snippet;
  // Innermost placeholders first, so nested ones (`${1:a ${2:b}}`) reduce fully.
  for (let i = 0; i < 8 && /\$\{\d+[:|]/.test(out); i++) {
    out = out.replace(/\$\{\d+\|((?:[^|\\]|\\.)*?)(?:,(?:[^|\\]|\\.)*?)*\|\}/g, (_m, first: string) => first);
    out = out.replace(/\$\{\d+:((?:[^${}\\]|\\.)*)\}/g, (_m, inner: string) => inner);
  }
  return out
    .replace(/(?<!\\)(?:\$\{\d+\}|\$\d+)/g, '')
    .replace(/\\([\\$},|])/g, '$1');
}
