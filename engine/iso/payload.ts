/**
 * What a config puts into an ISO, decided once for the CLI and the editor: a Fedora CoreOS
 * config becomes the Ignition JSON embedded in a live ISO (Butane is transpiled first), a k3OS
 * config goes into a k3OS ISO as it is written, and Flatcar configs are refused with the ways
 * Flatcar is really provisioned, because Flatcar's ISO has no embed area.
 */
import { Analysis, Diagnostic, transpile, TranspileOptions } from '../index';

export type IsoTarget = 'fcos' | 'k3os';

export type IsoPayload =
  | { ok: true; target: IsoTarget; content: string; ignitionVersion?: string }
  | { ok: false; reason: string; problems: Diagnostic[] };

const FLATCAR =
  'Flatcar has no ISO embed area: install with `flatcar-install -i config.ign`, boot it through QEMU fw_cfg (opt/org.flatcar-linux/config), or serve the config with ignition.config.url';

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' && !d.advisory);
}

/** The bytes for the ISO from an analysed config and its text, or why there are none. Never throws. */
export function isoPayload(analysis: Analysis, text: string, options: TranspileOptions): IsoPayload {
  const os = analysis.domain?.node.os;
  switch (analysis.dialect) {
    case 'clc':
      return { ok: false, reason: `this Container Linux Config is for Flatcar. ${FLATCAR}`, problems: [] };
    case 'k3os': {
      const errors = errorsOf(analysis.diagnostics);
      if (errors.length > 0) return { ok: false, reason: 'the k3OS config has errors', problems: errors };
      return { ok: true, target: 'k3os', content: text };
    }
    case 'ignition': {
      const errors = errorsOf(analysis.diagnostics);
      if (errors.length > 0) return { ok: false, reason: 'the Ignition config has errors', problems: errors };
      const version = analysis.ignition?.version;
      if (os === 'flatcar') return { ok: false, reason: `this Ignition config is for Flatcar (spec ${version ?? '?'} or Flatcar's own paths). ${FLATCAR}`, problems: [] };
      return { ok: true, target: 'fcos', content: text, ignitionVersion: version };
    }
    case 'butane': {
      if (os === 'flatcar') return { ok: false, reason: `this Butane config is for Flatcar (variant: flatcar). ${FLATCAR}`, problems: [] };
      // An OpenShift config would print a MachineConfig; the ISO needs the Ignition config itself.
      const result = transpile(analysis, { ...options, raw: true });
      if (!result.translation) {
        const problems = result.blocking.length > 0 ? result.blocking : errorsOf(analysis.diagnostics);
        return { ok: false, reason: problems.length > 0 ? 'the Butane config does not transpile' : 'the variant or version is not one Butane translates', problems };
      }
      return { ok: true, target: 'fcos', content: result.translation.output, ignitionVersion: result.translation.ignitionVersion };
    }
    default:
      return { ok: false, reason: 'not a Butane, Ignition or k3OS config', problems: [] };
  }
}
