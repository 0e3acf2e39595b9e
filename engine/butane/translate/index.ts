/**
 * Butane → Ignition, in-process, as butane v0.29.0 does it: the fields first, then the
 * sugar (mount units, trees, boot device, GRUB users) merged in with Ignition's merge
 * rules, then the output exactly as Butane prints it.
 */
import { layoutFor } from '../../ignition/layout';
import { marshalIgnition } from '../../ignition/marshal';
import { mergeIgnition } from '../../ignition/merge';
import type { ButaneAnalysis } from '../analyze';
import { translateFields } from './generic';
import { mountUnitsConfig } from './mountUnits';
import { addTrees } from './trees';
import { bootDeviceConfig } from './bootDevice';
import { grubUserCfgAppendToContents, grubUsersConfig } from './grub';
import { addQuadlets } from './quadlets';
import { openshiftOutput } from './openshift';
import type { IgnitionObject, TranslateOptions, TranslationContext } from './types';

export type { TranslateOptions } from './types';

export interface ButaneTranslation {
  /** The Ignition config (for OpenShift, the one inside the MachineConfig). */
  ignition: IgnitionObject;
  ignitionVersion: string;
  /** Exactly what butane prints on stdout, trailing newline included. */
  output: string;
  format: 'json' | 'yaml';
}

/** Translates an analysed Butane config; undefined when the spec is unknown. Callers refuse configs with errors first. */
export function translateButane(analysis: ButaneAnalysis, options: TranslateOptions): ButaneTranslation | undefined {
  const { spec, config } = analysis;
  if (!spec || !config) return undefined;
  const layout = layoutFor(spec.ignitionVersion);
  if (!layout) return undefined;
  const openshiftLegacy = spec.variant === 'openshift' && ['4.8.0', '4.9.0'].includes(spec.version);
  const ctx: TranslationContext = { spec, layout, config, options, autoCompress: !openshiftLegacy };
  let ignition = translateFields(ctx, config);
  const mounts = mountUnitsConfig(ctx);
  if (mounts) ignition = mergeIgnition(mounts, ignition, layout);
  addTrees(ctx, ignition);
  addQuadlets(ctx, ignition);
  // The fcos sugar runs on the finished base translation, each merged under it in turn.
  const bootDevice = bootDeviceConfig(ctx);
  if (bootDevice) ignition = mergeIgnition(bootDevice, ignition, layout);
  const grubUsers = grubUsersConfig(ctx);
  if (grubUsers) ignition = mergeIgnition(grubUsers, ignition, layout);
  grubUserCfgAppendToContents(ctx, ignition);
  if (spec.variant === 'openshift') return { ignition, ignitionVersion: spec.ignitionVersion, ...openshiftOutput(ctx, ignition) };
  const output = `${marshalIgnition(ignition, layout, options.pretty === true)}\n`;
  return { ignition, ignitionVersion: spec.ignitionVersion, output, format: 'json' };
}
