/**
 * Hover: what a key means in this variant/version (type, default, allowed values, the version
 * that added it, what it becomes in Ignition), and which spec `variant`/`version` select.
 */
import { nodeAt } from './nodeAt';
import { describeKey } from './schemaText';
import { bundledCatalog, resolveSpecContext, ServiceDocument, ServiceOptions, SpecCatalog, SpecContext, versionsForDisplay } from './specContext';
import type { HoverResult } from './types';
import { clipMessage } from '../text/clip';
import type { Schema } from '../schema/schema';
import { ConfigSource, Phase, SOURCE_FACTS } from '../k3os/sources';

export function hover(doc: ServiceDocument, offset: number, options: ServiceOptions = {}): HoverResult | undefined {
  const at = nodeAt(doc.analysis.parsed.root, offset);
  if (!at) return undefined;
  const catalog = options.catalog ?? bundledCatalog;
  const spec = resolveSpecContext(doc, catalog);
  const isSpecKey = !spec.dialect && at.path.length === 1 && (at.path[0] === 'variant' || at.path[0] === 'version');
  if (at.role === 'value') {
    return isSpecKey ? { range: at.range, markdown: specSummary(spec, catalog, String(at.path[0]), at.text ?? '') } : undefined;
  }
  const node = spec.schema?.at(at.path);
  if (!spec.schema || !node) {
    return isSpecKey ? { range: at.range, markdown: specSummary(spec, catalog, String(at.path[0]), undefined) } : undefined;
  }
  let markdown = describeKey(spec.schema, at.path, node, spec.spec, { heading: true });
  if (isSpecKey && spec.spec) markdown += `\n\n${specLine(spec)}`;
  const k3os = doc.analysis.k3os;
  if (k3os) markdown += sourceNote(spec.schema, at.path, k3os.source);
  return { range: at.range, markdown };
}

/** k3OS: what the phases mean for this file, given where k3OS reads it from. */
function sourceNote(schema: Schema, path: readonly (string | number)[], source: ConfigSource): string {
  let phases: string[] | undefined;
  for (let i = path.length; i > 0 && !phases; i--) phases = schema.at(path.slice(0, i))?.['x-phases'];
  if (!phases) return '';
  const facts = SOURCE_FACTS[source];
  const applied = phases.filter((p) => facts.phases.includes(p as Phase));
  return applied.length > 0
    ? `\n\nFrom ${facts.label}: applied in ${applied.join(', ')}.`
    : `\n\n**Never applied from ${facts.label}**, which k3OS reads only in the ${facts.phases.join(', ')} phase${facts.phases.length > 1 ? 's' : ''}.`;
}

function specLine(spec: SpecContext): string {
  const s = spec.spec!;
  const experimental = s.experimental ? ' (experimental: it may change without notice and only the matching Ignition build accepts it)' : '';
  return `This config: Butane **${s.variant} ${s.version}** → Ignition spec **${s.ignitionVersion}**${experimental}.`;
}

/** What the `variant`/`version` pair selects, or why it selects nothing. */
function specSummary(spec: SpecContext, catalog: SpecCatalog, key: string, written: string | undefined): string {
  if (spec.spec && (written === undefined || written === (key === 'variant' ? spec.spec.variant : spec.spec.version))) {
    return specLine(spec);
  }
  const variant = key === 'variant' ? written : spec.variant;
  const versions = variant ? versionsForDisplay(catalog, variant) : [];
  if (!variant || versions.length === 0) {
    const known = [...new Set(catalog.specs().map((s) => s.variant))];
    return `Unknown variant${variant ? ` \`${clipMessage(variant)}\`` : ''}. Butane knows: ${known.map((v) => `\`${v}\``).join(', ')}.`;
  }
  const list = versions.map((s) => `\`${s.version}\` → Ignition ${s.ignitionVersion}${s.experimental ? ' (experimental)' : ''}`).join(', ');
  if (key === 'version') return `Butane has no ${variant} spec version \`${clipMessage(written ?? '')}\`. Versions: ${list}.`;
  return `Butane variant \`${variant}\`. Versions: ${list}.`;
}
