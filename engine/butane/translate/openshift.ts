/**
 * The openshift variant's last step: the Ignition config (after OpenShift's own change to
 * it) is wrapped in a MachineConfig, printed as YAML — or, with `--raw`, printed alone as
 * JSON, the `openshift` section then being dropped (the checks warn about that).
 */
import { marshalIgnition } from '../../ignition/marshal';
import { compareVersions } from '../specVersion';
import { JsonValue, machineConfigYaml } from './machineConfigYaml';
import type { IgnitionObject, TranslationContext } from './types';
import { isObj, Obj } from '../checks/util';

const MC_API_VERSION = 'machineconfiguration.openshift.io/v1';
const MC_KIND = 'MachineConfig';

/** FIPS 140-2 does not allow LUKS's default XTS mode; OpenShift before 4.20 picks CBC-ESSIV. */
const FIPS_CIPHER = ['--cipher', 'aes-cbc-essiv:sha256'];
const FIPS_CIPHERS_UNTIL = '4.20.0';

/** Go's json.Marshal turns unpaired surrogates (which no UTF-8 string can hold) into U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A Go string field decoded by go-yaml: the scalar's text, or "" for null. */
const goString = (v: unknown): string => (v === undefined || v === null ? '' : wellFormed(String(v)));

/**
 * With `openshift.fips`, every LUKS volume — the user's and boot_device's — that does not
 * choose a cipher itself gets the FIPS one. Done in place on the finished config, as
 * Butane does, since merging cannot express "unless already set".
 */
function addFipsLuksCiphers(ctx: TranslationContext, ignition: IgnitionObject): void {
  if (compareVersions(ctx.spec.version, FIPS_CIPHERS_UNTIL) >= 0) return;
  const openshift = isObj(ctx.config.openshift) ? ctx.config.openshift : {};
  if (openshift.fips !== true) return;
  const storage = ignition.storage;
  const volumes = isObj(storage) && Array.isArray(storage.luks) ? storage.luks : [];
  for (const luks of volumes) {
    if (!isObj(luks)) continue;
    const options = Array.isArray(luks.options) ? luks.options : [];
    const choosesCipher = options.some((o) => o === '--cipher' || o === '-c' || (typeof o === 'string' && o.startsWith('--cipher=')));
    if (!choosesCipher) luks.options = [...options, ...FIPS_CIPHER];
  }
}

/** The `spec` fields from the `openshift` section, with Go's omitempty: empty lists vanish, set pointers stay. */
function openshiftSpecFields(config: Obj): Obj {
  const openshift = isObj(config.openshift) ? config.openshift : {};
  const fields: Obj = {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(goString) : []);
  const kernelArguments = list(openshift.kernel_arguments);
  if (kernelArguments.length) fields.kernelArguments = kernelArguments;
  const extensions = list(openshift.extensions);
  if (extensions.length) fields.extensions = extensions;
  if (typeof openshift.fips === 'boolean') fields.fips = openshift.fips;
  if (openshift.kernel_type !== undefined && openshift.kernel_type !== null) fields.kernelType = goString(openshift.kernel_type);
  return fields;
}

/** The MachineConfig as the untyped JSON Butane re-encodes as YAML. */
function machineConfig(config: Obj, ignitionJson: string): JsonValue {
  const metadata = isObj(config.metadata) ? config.metadata : {};
  const labels = isObj(metadata.labels) ? metadata.labels : {};
  const labelEntries = Object.entries(labels).map(([k, v]): [string, string] => [wellFormed(k), goString(v)]);
  return {
    apiVersion: MC_API_VERSION,
    kind: MC_KIND,
    metadata: {
      name: goString(metadata.name),
      ...(labelEntries.length ? { labels: Object.fromEntries(labelEntries) } : {}),
    },
    spec: { config: JSON.parse(ignitionJson) as JsonValue, ...(openshiftSpecFields(config) as Record<string, JsonValue>) },
  };
}

export interface OpenShiftOutput {
  output: string;
  format: 'json' | 'yaml';
}

/**
 * Applies OpenShift's change to the finished Ignition config (in place) and prints the
 * result: a MachineConfig in YAML (`--pretty` has no effect there, since Butane
 * re-encodes its JSON), or with `--raw` the Ignition config as JSON.
 */
export function openshiftOutput(ctx: TranslationContext, ignition: IgnitionObject): OpenShiftOutput {
  addFipsLuksCiphers(ctx, ignition);
  if (ctx.options.raw === true) {
    return { output: `${marshalIgnition(ignition, ctx.layout, ctx.options.pretty === true)}\n`, format: 'json' };
  }
  const mc = machineConfig(ctx.config, marshalIgnition(ignition, ctx.layout, false));
  return { output: `${machineConfigYaml(mc)}\n`, format: 'yaml' };
}
