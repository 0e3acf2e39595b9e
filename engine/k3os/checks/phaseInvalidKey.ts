import type { Path } from '../../schema/sourceMap';
import type { SchemaNode } from '../../schema/schema';
import { Phase, SOURCE_FACTS, sourcesApplying } from '../sources';
import type { Finding, K3osRule } from './rule';

function words(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function phases(list: readonly string[]): string {
  return `${words(list, 'and')} phase${list.length > 1 ? 's' : ''}`;
}

/** The command list of another phase that the same commands could move to. */
const COMMAND_KEYS: [string, Phase][] = [
  ['init_cmd', 'initrd'],
  ['boot_cmd', 'boot'],
  ['run_cmd', 'runtime'],
];

/**
 * A key whose phases never see the config's source: `init_cmd` in the local config,
 * `boot_cmd` or `data_sources` in userdata. k3OS reads the key and silently does nothing.
 */
export const phaseInvalidKey: K3osRule = {
  id: 'k3os/phase-invalid-key',
  summary: 'A key that no boot phase applies from this config source',
  check(ctx) {
    const findings: Finding[] = [];
    const available = SOURCE_FACTS[ctx.source].phases;
    const visit = (node: SchemaNode, value: Record<string, unknown>, path: Path): void => {
      for (const key of Object.keys(value)) {
        const field = ctx.schema.property(node, key);
        if (!field) continue;
        const applied = (field['x-phases'] ?? []) as Phase[];
        if (applied.length === 0) {
          const child = value[key];
          if (child && typeof child === 'object' && !Array.isArray(child) && field.type === 'object' && typeof field.additionalProperties !== 'object') {
            visit(field, child as Record<string, unknown>, [...path, key]);
          }
          continue;
        }
        if (applied.some((p) => available.includes(p))) continue;
        const works = sourcesApplying(applied).map((s) => SOURCE_FACTS[s].where);
        const dotted = [...path, key].join('.');
        const keyRange = ctx.map.get([...path, key])?.key;
        const alternative = path.length === 0 ? COMMAND_KEYS.find(([name, phase]) => name !== key && available.includes(phase) && COMMAND_KEYS.some(([k]) => k === key)) : undefined;
        findings.push({
          path: [...path, key],
          at: 'key',
          severity: 'warning',
          message: `\`${dotted}\` is never applied from ${SOURCE_FACTS[ctx.source].label}: k3OS applies it only in the ${phases(applied)}, and this source is read in the ${phases(available)}. It works in ${words(works, 'or')}${alternative ? `; or run the commands in the ${alternative[1]} phase with \`${alternative[0]}\`` : ''}.`,
          fixes: alternative && keyRange ? [{ title: `Run in the ${alternative[1]} phase: rename to \`${alternative[0]}\``, edits: [{ range: keyRange, newText: alternative[0] }] }] : undefined,
        });
      }
    };
    visit(ctx.schema.resolve(ctx.schema.root), ctx.config, []);
    return findings;
  },
};
