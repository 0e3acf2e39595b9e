/**
 * The `flannel` section: ct's version, network_config and kube_subnet_mgr checks and
 * unknown-option report (parse time), and the `flanneld.service` drop-in it generates.
 */
import { ETCDCTL_FLAGS, FLANNEL_DEFAULT_VERSION, FLANNEL_FIXED_KEYS, FLANNEL_STRUCTS, flannelStructFor, type FlannelStructName } from './flannelOptions';
import { goQuote } from './gostd';
import { unknownKeyProblems } from './keys';
import { unionOf } from './optionWords';
import { goSemverString, parseGoSemver, sectionVersion, semverBelow, type GoSemver } from './semver';
import type { GeneratedProblem, OptionSpec, OptionUnion, Section, Unit } from './types';
import { assembleUnit, cliArgs, formatValue } from './unitText';

/** ct's flannel messages, verbatim. */
export const FLANNEL_TOO_OLD = 'invalid flannel version (too old)';
export const FLANNEL_MINOR_TOO_NEW = 'flannel minor version too new. Only options available in the previous minor version will be supported';
export const FLANNEL_BAD_JSON = "flannel network config doesn't appear to be valid JSON";
export const FLANNEL_JSON_WITH_KUBE = 'flannel network config cannot be provided if kube_subnet_mgr is set';

/** A flannel option (one field of one of ct's flannel structs). */
export type FlannelOption = OptionSpec;
/** A flannel option key over all versions (see allFlannelOptions). */
export type FlannelOptionInfo = OptionUnion;

const DEFAULT = parseGoSemver(FLANNEL_DEFAULT_VERSION) as GoSemver;

function structOf(version: GoSemver | undefined): FlannelStructName | undefined {
  const v = version ?? DEFAULT;
  return flannelStructFor(v.major, v.minor);
}

/** Option keys known for the version written (or the default), for completion and the schema; none when ct would pick no struct. */
export function flannelOptionsFor(version: string | undefined): readonly FlannelOption[] {
  const parsed = version === undefined ? DEFAULT : parseGoSemver(version);
  if ('error' in parsed) return [];
  const name = structOf(parsed);
  return name ? FLANNEL_STRUCTS[name] : [];
}

/** The union of all flannel option keys over all versions with their types, for the bundled schema. */
export function allFlannelOptions(): FlannelOptionInfo[] {
  return unionOf(FLANNEL_STRUCTS, ['0.7', '0.6', '0.5']);
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

/** Whether Go's json.Unmarshal into a map accepts the text: a JSON object (or null) with numbers that fit a float64. */
export function isGoJsonObject(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return false;
  return !hasNonFinite(parsed);
}

const networkConfigOf = (flannel: Section): string => {
  const nc = flannel.network_config;
  return nc === undefined || nc === null ? '' : String(nc);
};

/**
 * Parse-time validation of `flannel`, in ct's order: the version (a decode error ends
 * everything); the kube_subnet_mgr conflict (0.7+), which when present is the only report;
 * then version range, network_config JSON, and keys unknown to the selected struct.
 */
export function validateFlannel(flannel: Section): GeneratedProblem[] {
  const read = sectionVersion('flannel', flannel);
  if ('problem' in read) return [read.problem];
  const name = structOf(read.version);
  const networkConfig = networkConfigOf(flannel);
  if (name === '0.7' && flannel.kube_subnet_mgr === true && networkConfig !== '') {
    return [{ severity: 'error', message: FLANNEL_JSON_WITH_KUBE, path: ['flannel'], at: 'value' }];
  }
  const problems: GeneratedProblem[] = [];
  const v = read.version;
  if (v && semverBelow(v, 0n, 5n, 0n)) problems.push({ severity: 'error', message: FLANNEL_TOO_OLD, path: ['flannel', 'version'], at: 'value' });
  else if (v && v.major === 0n && v.minor > 7n) problems.push({ severity: 'warning', message: FLANNEL_MINOR_TOO_NEW, path: ['flannel', 'version'], at: 'value' });
  if (networkConfig !== '' && !isGoJsonObject(networkConfig)) {
    problems.push({ severity: 'error', message: FLANNEL_BAD_JSON, path: ['flannel', 'network_config'], at: 'value' });
  }
  const known = [...FLANNEL_FIXED_KEYS, ...(name ? FLANNEL_STRUCTS[name].map((o) => o.key) : [])];
  problems.push(...unknownKeyProblems('flannel', flannel, known));
  return problems;
}

/**
 * Convert-time generation: `flanneld.service` (enable: true) with the drop-in
 * `20-clct-flannel.conf`; a network_config adds an etcdctl ExecStartPre after ExecStart
 * (never templated). Templating errors come back as problems, and no unit.
 */
export function flannelUnit(flannel: Section, platform: string): { unit?: Unit; problems: GeneratedProblem[] } {
  const read = sectionVersion('flannel', flannel);
  if ('problem' in read) return { problems: [read.problem] };
  const name = structOf(read.version);
  const specs = name ? FLANNEL_STRUCTS[name] : [];
  const vars = read.version ? [`FLANNEL_IMAGE_TAG=v${goSemverString(read.version)}`] : [];
  const assembled = assembleUnit('/usr/lib/coreos/flannel-wrapper $FLANNEL_OPTS', cliArgs(flannel, specs), vars, platform);
  if ('error' in assembled) return { problems: [{ severity: 'error', message: assembled.error, path: ['flannel'], at: 'none' }] };
  const networkConfig = networkConfigOf(flannel);
  if (networkConfig !== '') {
    let pre = 'ExecStartPre=/usr/bin/etcdctl';
    for (const [key, flag] of ETCDCTL_FLAGS) {
      const spec = specs.find((s) => s.key === key);
      const value = flannel[key];
      if (spec && value !== undefined && value !== null) pre += ` --${flag}=${formatValue(value, spec)}`;
    }
    pre += ` set /coreos.com/network/config ${goQuote(networkConfig)}`;
    assembled.unit.service.push(pre);
  }
  return {
    unit: { name: 'flanneld.service', enable: true, dropins: [{ name: '20-clct-flannel.conf', contents: assembled.unit.toString() }] },
    problems: [],
  };
}
