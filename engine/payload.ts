/**
 * What a config hands to a node, decided once for the CLI, the editor, ISOs and test boots:
 * the Ignition JSON of a Butane config or a Container Linux Config (transpiled), an Ignition
 * config as written, or a k3OS config as written — or why there is none (its errors).
 */
import { Analysis, Diagnostic, transpile, TranspileOptions } from './index';
import type { TargetOs } from './node/model';

export type ConfigPayload =
  | { ok: true; kind: 'ignition'; os: TargetOs; content: string; ignitionVersion?: string }
  | { ok: true; kind: 'k3os'; content: string }
  | { ok: false; reason: string; problems: Diagnostic[] };

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' && !d.advisory);
}

/** The payload of an analysed config and its text. Never throws. */
export function configPayload(analysis: Analysis, text: string, options: TranspileOptions): ConfigPayload {
  const os = analysis.domain?.node.os ?? 'unknown';
  switch (analysis.dialect) {
    case 'k3os': {
      const errors = errorsOf(analysis.diagnostics);
      if (errors.length > 0) return { ok: false, reason: 'the k3OS config has errors', problems: errors };
      return { ok: true, kind: 'k3os', content: text };
    }
    case 'ignition': {
      const errors = errorsOf(analysis.diagnostics);
      if (errors.length > 0) return { ok: false, reason: 'the Ignition config has errors', problems: errors };
      return { ok: true, kind: 'ignition', os, content: text, ignitionVersion: analysis.ignition?.version };
    }
    case 'butane':
    case 'clc': {
      // An OpenShift config would print a MachineConfig; a node needs the Ignition config itself.
      const result = transpile(analysis, { ...options, raw: analysis.dialect === 'butane' });
      if (!result.translation) {
        const problems = result.blocking.length > 0 ? result.blocking : errorsOf(analysis.diagnostics);
        const what = analysis.dialect === 'clc' ? 'Container Linux Config' : 'Butane config';
        return { ok: false, reason: problems.length > 0 ? `the ${what} does not transpile` : 'the variant or version is not one Butane translates', problems };
      }
      return { ok: true, kind: 'ignition', os, content: result.translation.output, ignitionVersion: result.translation.ignitionVersion };
    }
    default:
      return { ok: false, reason: 'not a Butane, Ignition or k3OS config', problems: [] };
  }
}
