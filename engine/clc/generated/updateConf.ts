/**
 * The `update` and `locksmith` sections: ct's checks on them (parse time) and the single
 * `/etc/coreos/update.conf` file they become together (convert time).
 */
import { goToLower, isGoClock, isGoDuration, sscanfTwoWords, utf8Bytes } from './gostd';
import { parseGoUrl } from '../goUrl';
import type { GeneratedProblem, IgnitionFile, OptionSpec, Section } from './types';
import { formatOptions } from './unitText';
import { escapeDataUrl } from '../translate/dataUrlText';

/** ct's update and locksmith messages, verbatim (ct words the window-start errors this way). */
export const UNKNOWN_UPDATE_GROUP = 'unknown update group';
export const WINDOW_BOTH = 'window-start and window-length must both be specified';
export const UNKNOWN_STRATEGY = 'unknown reboot strategy';
export const UNKNOWN_DAY = 'unknown day in window start';
export const BAD_WINDOW_START = "couldn't parse window start";
export const BAD_WINDOW_LENGTH = "couldn't parse window length";

/** update keys in Go field order with the update.conf variable each sets (value unquoted; GROUP lower-cased). */
export const UPDATE_FIELDS: readonly (readonly [key: string, variable: string])[] = [
  ['group', 'GROUP'],
  ['server', 'SERVER'],
  ['pcr_policy_server', 'PCR_POLICY_SERVER'],
  ['download_user', 'DOWNLOAD_USER'],
  ['download_password', 'DOWNLOAD_PASSWORD'],
  ['machine_alias', 'MACHINE_ALIAS'],
];

/** locksmith keys in Go field order; the "flag" is the update.conf variable, the value is Go-quoted. */
export const LOCKSMITH_FIELDS: readonly OptionSpec[] = (
  [
    ['reboot_strategy', 'REBOOT_STRATEGY'],
    ['window_start', 'LOCKSMITHD_REBOOT_WINDOW_START'],
    ['window_length', 'LOCKSMITHD_REBOOT_WINDOW_LENGTH'],
    ['group', 'LOCKSMITHD_GROUP'],
    ['etcd_endpoints', 'LOCKSMITHD_ENDPOINT'],
    ['etcd_cafile', 'LOCKSMITHD_ETCD_CAFILE'],
    ['etcd_certfile', 'LOCKSMITHD_ETCD_CERTFILE'],
    ['etcd_keyfile', 'LOCKSMITHD_ETCD_KEYFILE'],
  ] as const
).map(([key, flag]) => ({ key, flag, type: 'string' as const }));

/** The keys of ct's Update and Locksmith structs (anything else is an unrecognized key). */
export const UPDATE_KEYS: readonly string[] = UPDATE_FIELDS.map(([k]) => k);
export const LOCKSMITH_KEYS: readonly string[] = LOCKSMITH_FIELDS.map((o) => o.key);

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Parse-time validation of `update`: an unknown group needs a server (warning); the server must parse as a URL. */
export function validateUpdate(update: Section): GeneratedProblem[] {
  const problems: GeneratedProblem[] = [];
  const group = goToLower(text(update.group));
  if (!['stable', 'beta', 'alpha'].includes(group) && text(update.server) === '') {
    problems.push({ severity: 'warning', message: UNKNOWN_UPDATE_GROUP, path: ['update'], at: 'value' });
  }
  const parsedServer = parseGoUrl(text(update.server));
  const urlProblem = parsedServer.ok ? undefined : parsedServer.message;
  if (urlProblem) problems.push({ severity: 'error', message: urlProblem, path: ['update', 'server'], at: 'value' });
  return problems;
}

/** Go's locksmith window-start check: `[day ]HH:MM`, the day a three-letter English name in any case. */
export function windowStartProblem(start: string): string | undefined {
  const words = sscanfTwoWords(start);
  const [day, time] = words ?? ['not-present', start];
  if (!['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'not-present'].includes(goToLower(day))) return UNKNOWN_DAY;
  return isGoClock(time) ? undefined : BAD_WINDOW_START;
}

/**
 * Parse-time validation of `locksmith`, in ct's order: start and length together (when this
 * fails it is the only report), then strategy, window start, window length. Empty counts as unset.
 */
export function validateLocksmith(locksmith: Section): GeneratedProblem[] {
  const start = text(locksmith.window_start);
  const length = text(locksmith.window_length);
  if ((start === '') !== (length === '')) return [{ severity: 'error', message: WINDOW_BOTH, path: ['locksmith'], at: 'value' }];
  const problems: GeneratedProblem[] = [];
  const error = (key: string, message: string): void => {
    problems.push({ severity: 'error', message, path: ['locksmith', key], at: 'value' });
  };
  const strategy = text(locksmith.reboot_strategy);
  if (strategy !== '' && !['reboot', 'etcd-lock', 'off'].includes(goToLower(strategy))) error('reboot_strategy', UNKNOWN_STRATEGY);
  const startProblem = start === '' ? undefined : windowStartProblem(start);
  if (startProblem) error('window_start', startProblem);
  if (length !== '' && !isGoDuration(length)) error('window_length', BAD_WINDOW_LENGTH);
  return problems;
}

/**
 * Convert-time generation: update lines (non-empty values only, unquoted, GROUP
 * lower-cased), then "\n" and the locksmith lines (every key present, "" too, Go-quoted).
 * Without a GROUP line the text starts with "\n", as in ct. Nothing at all → no file.
 */
export function updateConfFile(update: Section | undefined, locksmith: Section | undefined): { file?: IgnitionFile; problems: GeneratedProblem[] } {
  let contents = '';
  if (update) {
    for (const [key, variable] of UPDATE_FIELDS) {
      const value = text(update[key]);
      if (value === '') continue;
      const line = `${variable}=${key === 'group' ? goToLower(value) : value}`;
      contents += key === 'group' ? line : `\n${line}`;
    }
  }
  if (locksmith) {
    const lines = formatOptions(locksmith, LOCKSMITH_FIELDS, (spec, value) => `${spec.flag}=${value}`);
    if (lines.length > 0) contents += '\n' + lines.join('\n');
  }
  if (contents === '') return { problems: [] };
  return {
    file: { filesystem: 'root', path: '/etc/coreos/update.conf', contents: { source: `data:,${escapeDataUrl(utf8Bytes(contents))}` }, mode: 0o644 },
    problems: [],
  };
}
