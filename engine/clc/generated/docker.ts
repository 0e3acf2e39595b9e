/** The `docker` section: ct turns `flags` into DOCKER_OPTS in a `docker.service` drop-in. */
import type { GeneratedProblem, Section, Unit } from './types';

/** The keys ct's Docker struct has (anything else is an unrecognized key). */
export const DOCKER_KEYS: readonly string[] = ['flags'];

/**
 * Convert-time generation: `docker.service` (enable: true) with `20-clct-docker.conf`
 * setting DOCKER_OPTS to the flags joined by single spaces, unquoted (an empty or absent
 * list still produces the unit, with `DOCKER_OPTS=`).
 */
export function dockerUnit(docker: Section): { unit?: Unit; problems: GeneratedProblem[] } {
  const flags = Array.isArray(docker.flags) ? docker.flags.map((f) => (f === null || f === undefined ? '' : String(f))) : [];
  const contents = `[Service]\nEnvironment="DOCKER_OPTS=${flags.join(' ')}"`;
  return { unit: { name: 'docker.service', enable: true, dropins: [{ name: '20-clct-docker.conf', contents }] }, problems: [] };
}
