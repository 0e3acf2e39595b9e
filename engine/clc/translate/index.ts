import type { ButaneTranslation } from '../../butane/translate/index';
import { layoutFor } from '../../ignition/layout';
import { marshalIgnition } from '../../ignition/marshal';
import type { ClcAnalysis } from '../analyze';
import { CLC_IGNITION_VERSION } from './convert';

/**
 * Prints the Ignition 2.3.0 config of an analysed CLC exactly as ct does: Go's standard
 * JSON encoder, indented with a trailing newline under --pretty, else one bare line.
 */
export function translateClc(analysis: ClcAnalysis, pretty: boolean): ButaneTranslation | undefined {
  const layout = layoutFor(CLC_IGNITION_VERSION);
  if (!analysis.ignition || !layout) return undefined;
  const json = marshalIgnition(analysis.ignition, layout, pretty, 'standard');
  return { ignition: analysis.ignition, ignitionVersion: CLC_IGNITION_VERSION, output: pretty ? `${json}\n` : json, format: 'json' };
}
