/**
 * What a config puts into an ISO: a Fedora CoreOS config's Ignition JSON goes into a live ISO,
 * a k3OS config into a k3OS ISO. Flatcar configs are refused with the ways Flatcar is really
 * provisioned, because Flatcar's ISO has no embed area.
 */
import type { Analysis, Diagnostic, TranspileOptions } from '../index';
import { configPayload } from '../payload';

export type IsoTarget = 'fcos' | 'k3os';

export type IsoPayload =
  | { ok: true; target: IsoTarget; content: string; ignitionVersion?: string }
  | { ok: false; reason: string; problems: Diagnostic[] };

const FLATCAR =
  'Flatcar has no ISO embed area: install with `flatcar-install -i config.ign`, boot it through QEMU fw_cfg (opt/org.flatcar-linux/config), or serve the config with ignition.config.url';

/** The bytes for the ISO from an analysed config and its text, or why there are none. Never throws. */
export function isoPayload(analysis: Analysis, text: string, options: TranspileOptions): IsoPayload {
  if (analysis.dialect === 'clc') return { ok: false, reason: `this Container Linux Config is for Flatcar. ${FLATCAR}`, problems: [] };
  if (analysis.dialect === 'butane' && analysis.domain?.node.os === 'flatcar') {
    return { ok: false, reason: `this Butane config is for Flatcar (variant: flatcar). ${FLATCAR}`, problems: [] };
  }
  const payload = configPayload(analysis, text, options);
  if (!payload.ok) return payload;
  if (payload.kind === 'k3os') return { ok: true, target: 'k3os', content: payload.content };
  if (payload.os === 'flatcar') {
    return { ok: false, reason: `this Ignition config is for Flatcar (spec ${payload.ignitionVersion ?? '?'} or Flatcar's own paths). ${FLATCAR}`, problems: [] };
  }
  return { ok: true, target: 'fcos', content: payload.content, ignitionVersion: payload.ignitionVersion };
}
