/**
 * Text building shared by the generated units: ct's small systemd unit builder
 * ([Unit]/[Service]/[Install], blank line between non-empty sections, no trailing newline),
 * its option-to-argument formatting (`%q` for strings, `%v` otherwise) and its assembly of
 * a wrapper's drop-in, where dynamic data switches on the metadata service.
 */
import { goQuote } from './gostd';
import { hasTemplating, performTemplating, PLATFORM_UNSPECIFIED } from './templating';
import type { OptionSpec, Section } from './types';

/** A drop-in under construction: the lines of each section, printed in ct's layout. */
export class UnitText {
  readonly unit: string[] = [];
  readonly service: string[] = [];
  readonly install: string[] = [];

  /** The drop-in text exactly as ct prints it. */
  toString(): string {
    const sections: [string, string[]][] = [['Unit', this.unit], ['Service', this.service], ['Install', this.install]];
    return sections
      .filter(([, lines]) => lines.length > 0)
      .map(([name, lines]) => [`[${name}]`, ...lines].join('\n'))
      .join('\n\n');
  }
}

/** An option value as ct prints it: strings Go-quoted, ints in decimal, bools as true/false. */
export function formatValue(value: unknown, spec: OptionSpec): string {
  if (spec.type === 'string') return goQuote(typeof value === 'string' ? value : String(value));
  if (spec.type === 'bool') return value === true ? 'true' : 'false';
  return typeof value === 'number' ? String(Math.trunc(value)) : String(value);
}

/**
 * One formatted entry per option present in the section, in the struct's field order.
 * ct tests the Go pointer, not the value, so a present "" / 0 / false is emitted too.
 */
export function formatOptions(section: Section, specs: readonly OptionSpec[], format: (spec: OptionSpec, value: string) => string): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    if (!Object.hasOwn(section, spec.key)) continue;
    const value = section[spec.key];
    if (value === undefined || value === null) continue;
    out.push(format(spec, formatValue(value, spec)));
  }
  return out;
}

/** `--flag=value` for each option present, as ct passes options to the wrappers. */
export function cliArgs(section: Section, specs: readonly OptionSpec[]): string[] {
  return formatOptions(section, specs, (spec, value) => `--${spec.flag}=${value}`);
}

/**
 * ct's wrapper drop-in: metadata lines when any argument is templated (which needs a
 * platform), one `Environment="…"` per variable, then `ExecStart=` reset and the wrapper
 * with one argument per continuation line. Fails with ct's templating error text.
 */
export function assembleUnit(exec: string, args: readonly string[], vars: readonly string[], platform: string): { unit: UnitText } | { error: string } {
  const unit = new UnitText();
  let finalArgs = args;
  if (hasTemplating(args)) {
    if (platform === '') return { error: PLATFORM_UNSPECIFIED };
    unit.unit.push('Requires=coreos-metadata.service', 'After=coreos-metadata.service');
    unit.service.push('EnvironmentFile=/run/metadata/coreos');
    const templated = performTemplating(platform, args);
    if ('error' in templated) return templated;
    finalArgs = templated.args;
  }
  for (const v of vars) unit.service.push(`Environment="${v}"`);
  unit.service.push('ExecStart=', `ExecStart=${exec}${finalArgs.map((a) => ` \\\n  ${a}`).join('')}`);
  return { unit };
}
