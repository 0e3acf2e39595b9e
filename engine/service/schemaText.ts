/**
 * Words for schema nodes, shared by completion (detail + documentation) and hover,
 * so both say the same thing about a key.
 */
import type { ButaneSpec } from '../butane/registry';
import type { Schema, SchemaNode } from '../schema/schema';
import type { PathPart } from './blockWalker';

/** `storage.files[].mode`: the path people read in docs, list indices as `[]`. */
export function dottedPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += '[]';
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function typeLabel(schema: Schema, node: SchemaNode): string {
  const resolved = schema.resolve(node);
  if (resolved.type === 'array') {
    const items = schema.items(resolved);
    const inner = items ? typeLabel(schema, items) : 'values';
    return `list of ${inner === 'object' ? 'objects' : inner === 'integer' ? 'integers' : inner === 'boolean' ? 'booleans' : inner === 'string' ? 'strings' : inner}`;
  }
  return resolved.type ?? (resolved.properties ? 'object' : 'value');
}

/** Modes are written in octal in Butane configs; show defaults the way people write them. */
export function formatValue(key: string | undefined, value: unknown): string {
  if (typeof value === 'number' && key !== undefined && /mode$/.test(key)) return `0${value.toString(8)}`;
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

/** One line for a completion item's detail: type, default and the version that added the key. */
export function detailLine(schema: Schema, key: string, node: SchemaNode, spec: ButaneSpec | undefined): string {
  const parts = [typeLabel(schema, node)];
  if (node.default !== undefined) parts.push(`default ${formatValue(key, node.default)}`);
  if (node['x-since']) parts.push(`since ${spec ? `${spec.variant} ` : ''}${node['x-since']}`);
  return parts.join(' · ');
}

function enumLines(key: string, node: SchemaNode): string[] {
  if (!node.enum?.length) return [];
  const descriptions = node['x-enum-descriptions'] ?? [];
  const lines = node.enum.map((value, i) => {
    const description = descriptions[i];
    return `- \`${formatValue(key, value)}\`${description ? `: ${description}` : ''}`;
  });
  return ['', 'Allowed values:', ...lines];
}

/** How the key reaches Ignition: renamed, or consumed by Butane's translation. */
export function translationNote(node: SchemaNode): string | undefined {
  if (node['x-butane-only']) return 'Butane-only: translated away, it has no Ignition field of its own.';
  if (node['x-ignition']) return `Becomes Ignition field \`${node['x-ignition']}\`.`;
  return undefined;
}

/** k3OS: the boot phases that apply the key (as its code does), and the other spellings it accepts. */
function phaseLines(node: SchemaNode): string[] {
  const lines: string[] = [];
  const phases = node['x-phases'];
  if (phases?.length) lines.push('', `Applied in the ${phases.map((p) => `**${p}**`).join(', ')} phase${phases.length > 1 ? 's' : ''}.${node['x-phase-note'] ? ` ${node['x-phase-note']}` : ''}`);
  const aliases = node['x-aliases'];
  if (aliases?.length) lines.push('', `Also accepted as ${aliases.map((a) => `\`${a}\``).join(', ')}.`);
  return lines;
}

/** Markdown about one key, for hover and for a completion item's documentation. */
export function describeKey(
  schema: Schema,
  path: readonly PathPart[],
  node: SchemaNode,
  spec: ButaneSpec | undefined,
  options: { heading: boolean },
): string {
  const key = typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;
  const lines: string[] = [];
  if (options.heading) lines.push(`**\`${dottedPath(path)}\`** · ${typeLabel(schema, node)}`, '');
  if (node['x-unsupported']) lines.push(`**Not supported in ${spec ? `${spec.variant} ${spec.version}` : 'this spec'}:** ${node['x-unsupported']}`, '');
  if (node.description) lines.push(node.description);
  if (node.default !== undefined) lines.push('', `Default: \`${formatValue(key, node.default)}\``);
  lines.push(...enumLines(key ?? '', node));
  const notes: string[] = [];
  if (node['x-since']) notes.push(`Added in ${spec ? `${spec.variant} ` : ''}${node['x-since']}.`);
  const translation = translationNote(node);
  if (translation) notes.push(translation);
  if (notes.length) lines.push('', notes.join(' '));
  lines.push(...phaseLines(node));
  return lines.join('\n').trim();
}
