/** Values for the cursor after `key: ` (or after `- ` in a list of scalars). */
import type { TextRange } from '../diagnostics';
import { resolvePlain } from '../yaml/goScalar';
import type { PathPart } from './blockWalker';
import { formatValue } from './schemaText';
import { SpecCatalog, SpecContext, variantsOf, versionsForDisplay } from './specContext';
import type { CompletionEntry } from './types';

export interface ValueTarget {
  /** Path of the key (or list item) whose value is completed. */
  path: PathPart[];
  range: TextRange;
  /** Text put before the value: a space right after a colon, `- ` for a new list item. */
  lead: string;
  /** The quote the user opened, kept around the inserted value. */
  quote: string;
}

const SAFE_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./+=@:-]*$/;

/** A value as YAML text that go-yaml reads back as the same string. */
function yamlText(key: string | undefined, value: unknown, quote: string): string {
  if (typeof value !== 'string') return formatValue(key, value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(value);
  const nullish = resolvePlain(value).tag === '!!null';
  return SAFE_PLAIN.test(value) && !value.endsWith(':') && !nullish ? value : JSON.stringify(value);
}

function entry(target: ValueTarget, key: string | undefined, value: unknown, kind: CompletionEntry['kind'], sort: number): CompletionEntry {
  const text = yamlText(key, value, target.quote);
  return {
    label: formatValue(key, value),
    kind,
    insertText: target.lead + text,
    snippet: false,
    range: target.range,
    sortText: String(sort).padStart(4, '0'),
    filterText: target.quote ? text : undefined,
  };
}

export function valueEntries(target: ValueTarget, spec: SpecContext, catalog: SpecCatalog): CompletionEntry[] {
  const { path } = target;
  if (path.length === 1 && path[0] === 'variant') return variantEntries(target, catalog);
  if (path.length === 1 && path[0] === 'version') return spec.variant ? versionEntries(target, spec.variant, catalog) : [];
  const node = spec.schema?.at(path);
  if (!node) return [];
  const key = typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;
  const out: CompletionEntry[] = [];
  if (node.enum) {
    const descriptions = node['x-enum-descriptions'] ?? [];
    node.enum.forEach((value, i) => {
      const item = entry(target, key, value, 'enum', i);
      if (descriptions[i]) item.documentation = descriptions[i];
      if (value === node.default) item.detail = 'default';
      out.push(item);
    });
    return out;
  }
  if (node['x-suggestions']) {
    node['x-suggestions'].forEach((value, i) => out.push(entry(target, key, value, 'enum', i)));
    return out;
  }
  if (node.type === 'boolean') {
    for (const value of [true, false]) {
      const item = entry(target, key, value, 'boolean', value ? 0 : 1);
      if (value === node.default) item.detail = 'default';
      out.push(item);
    }
    return out;
  }
  if (node.default !== undefined && node.default !== null && typeof node.default !== 'object') {
    const item = entry(target, key, node.default, 'value', 0);
    item.detail = 'default';
    out.push(item);
  }
  return out;
}

function variantEntries(target: ValueTarget, catalog: SpecCatalog): CompletionEntry[] {
  return variantsOf(catalog).map((variant, i) => {
    const versions = versionsForDisplay(catalog, variant);
    const item = entry(target, 'variant', variant, 'variant', i);
    const newest = versions.find((s) => !s.experimental) ?? versions[0];
    item.detail = newest ? `newest stable ${newest.version}` : undefined;
    item.documentation = `Butane variant \`${variant}\`. Spec versions: ${versions
      .map((s) => `\`${s.version}\` (Ignition ${s.ignitionVersion})`)
      .join(', ')}.`;
    return item;
  });
}

function versionEntries(target: ValueTarget, variant: string, catalog: SpecCatalog): CompletionEntry[] {
  return versionsForDisplay(catalog, variant).map((spec, i) => {
    const item = entry(target, 'version', spec.version, 'version', i);
    item.detail = `Ignition ${spec.ignitionVersion}${spec.experimental ? ' · experimental' : ''}`;
    item.documentation =
      `Butane ${variant} ${spec.version} emits Ignition spec ${spec.ignitionVersion}.` +
      (spec.experimental ? '\n\nExperimental: it may change without notice and only the matching Ignition build accepts it.' : '');
    item.preselect = i === 0;
    return item;
  });
}
