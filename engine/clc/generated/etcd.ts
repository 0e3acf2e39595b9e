/**
 * The `etcd` section: ct's version checks and unknown-option report (parse time), and the
 * `etcd-member.service` drop-in it generates (convert time).
 */
import { ETCD_DEFAULT_VERSION, ETCD_STRUCTS, etcdStructFor, type EtcdStructName } from './etcdOptions';
import { unknownKeyProblems } from './keys';
import { unionOf } from './optionWords';
import { goSemverString, parseGoSemver, sectionVersion, semverBelow, type GoSemver } from './semver';
import type { GeneratedProblem, OptionSpec, OptionUnion, Section, Unit } from './types';
import { assembleUnit, cliArgs } from './unitText';

/** ct's etcd version messages, verbatim. */
export const ETCD_TOO_OLD = 'Etcd version specified is not valid (too old)';
export const ETCD_MINOR_TOO_NEW = 'Etcd minor version specified is too new, only options available in the previous minor version will be accepted';
export const ETCD_MAJOR_TOO_NEW = 'Etcd version is not valid (too new)';

/** An etcd option (one field of one of ct's etcd structs). */
export type EtcdOption = OptionSpec;
/** An etcd option key over all versions (see allEtcdOptions). */
export type EtcdOptionInfo = OptionUnion;

const DEFAULT = parseGoSemver(ETCD_DEFAULT_VERSION) as GoSemver;
const NEWEST_FIRST: readonly EtcdStructName[] = ['3.5', '3.4', '3.3', '3.2', '3.1', '3.0', '2.3'];

/** The struct ct decodes options into for a parsed (or absent → default) version. */
function structOf(version: GoSemver | undefined): EtcdStructName | undefined {
  const v = version ?? DEFAULT;
  return etcdStructFor(v.major, v.minor);
}

/** Option keys known for the version written (or the default), for completion and the schema; none when ct would pick no struct. */
export function etcdOptionsFor(version: string | undefined): readonly EtcdOption[] {
  const parsed = version === undefined ? DEFAULT : parseGoSemver(version);
  if ('error' in parsed) return [];
  const name = structOf(parsed);
  return name ? ETCD_STRUCTS[name] : [];
}

/** The union of all etcd option keys over all versions with their types, for the bundled schema. */
export function allEtcdOptions(): EtcdOptionInfo[] {
  return unionOf(ETCD_STRUCTS, NEWEST_FIRST);
}

/** ct's message (and severity) for a parsed etcd version, if it has one. */
function versionProblem(v: GoSemver): Pick<GeneratedProblem, 'severity' | 'message'> | undefined {
  if (semverBelow(v, 2n, 3n, 0n)) return { severity: 'error', message: ETCD_TOO_OLD };
  if ((v.major === 2n && v.minor > 3n) || (v.major === 3n && v.minor > 5n)) return { severity: 'warning', message: ETCD_MINOR_TOO_NEW };
  if (v.major > 3n) return { severity: 'error', message: ETCD_MAJOR_TOO_NEW };
  return undefined;
}

/**
 * Parse-time validation of `etcd`, in ct's order: the version (a decode error ends
 * everything), then keys unknown to the struct the version selects.
 */
export function validateEtcd(etcd: Section): GeneratedProblem[] {
  const read = sectionVersion('etcd', etcd);
  if ('problem' in read) return [read.problem];
  const problems: GeneratedProblem[] = [];
  const vp = read.version && versionProblem(read.version);
  if (vp) problems.push({ ...vp, path: ['etcd', 'version'], at: 'value' });
  const name = structOf(read.version);
  const known = ['version', ...(name ? ETCD_STRUCTS[name].map((o) => o.key) : [])];
  problems.push(...unknownKeyProblems('etcd', etcd, known));
  return problems;
}

/**
 * Convert-time generation: `etcd-member.service` (enable: true) with the drop-in
 * `20-clct-etcd-member.conf`. Templating errors come back as problems, and no unit.
 */
export function etcdUnit(etcd: Section, platform: string): { unit?: Unit; problems: GeneratedProblem[] } {
  const read = sectionVersion('etcd', etcd);
  if ('problem' in read) return { problems: [read.problem] };
  const name = structOf(read.version);
  const args = name ? cliArgs(etcd, ETCD_STRUCTS[name]) : [];
  const vars = read.version ? [`ETCD_IMAGE_TAG=v${goSemverString(read.version)}`] : [];
  const assembled = assembleUnit('/usr/lib/coreos/etcd-wrapper $ETCD_OPTS', args, vars, platform);
  if ('error' in assembled) return { problems: [{ severity: 'error', message: assembled.error, path: ['etcd'], at: 'none' }] };
  return {
    unit: { name: 'etcd-member.service', enable: true, dropins: [{ name: '20-clct-etcd-member.conf', contents: assembled.unit.toString() }] },
    problems: [],
  };
}
