/**
 * Validates a k3OS config.yaml as k3OS v0.22 reads it (see decode.ts), then runs the k3OS
 * rules: keys the config's source never applies, values k3OS rewrites or cannot read, and
 * the k3s settings k3OS passes on. k3OS itself reports nothing — it ignores what it does
 * not understand — so every finding here is Kindling's.
 */
import type { Diagnostic } from '../diagnostics';
import type { ParsedYaml } from '../yaml/parse';
import type { Schema } from '../schema/schema';
import type { SourceMap } from '../schema/sourceMap';
import { firstLineOf } from '../text/ranges';
import type { Obj } from '../values';
import { k3osSchema } from './schema';
import { DecodedK3os, K3osDecoder } from './decode';
import { ConfigSource } from './sources';
import { K3OS_RULES } from './checks/index';
import type { Finding, K3osRule, RuleContext } from './checks/rule';

export interface K3osOptions {
  /** Where the config is read from; decides which phases apply it. Default: the system config. */
  source?: ConfigSource;
}

export interface K3osAnalysis {
  schema: Schema;
  /** The config as k3OS reads it, under the README's key names. */
  config: Obj;
  map: SourceMap;
  source: ConfigSource;
  decoded: DecodedK3os;
  diagnostics: Diagnostic[];
}

function place(ctx: RuleContext, rule: K3osRule, finding: Finding): Diagnostic {
  let range = finding.range;
  if (!range && finding.path) {
    const located = ctx.map.get(finding.path) ?? ctx.map.nearest(finding.path)?.located;
    if (located) range = finding.at === 'key' && located.key ? located.key : firstLineOf(ctx.text, located.value);
  }
  return { range: range ?? firstLineOf(ctx.text, { start: 0, end: ctx.text.length }), severity: finding.severity, code: rule.id, message: finding.message, fixes: finding.fixes };
}

export function analyzeK3os(parsed: ParsedYaml, text: string, options: K3osOptions = {}): K3osAnalysis {
  const schema = k3osSchema();
  const source = options.source ?? 'system';
  const decoded = new K3osDecoder(schema, parsed.document, text).decode(parsed.root);
  const ctx: RuleContext = { config: decoded.config, map: decoded.map, decoded, schema, text, source };
  const diagnostics = [...decoded.diagnostics];
  for (const rule of K3OS_RULES) {
    for (const finding of rule.check(ctx)) diagnostics.push(place(ctx, rule, finding));
  }
  return { schema, config: decoded.config, map: decoded.map, source, decoded, diagnostics };
}
