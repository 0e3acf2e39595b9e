/**
 * Kindling's own CLC findings (lint catalogue §F): mistakes ct accepts but that break or
 * surprise at boot. All are advisory — they never change what ct would print or exit with.
 */
import * as path from 'path';
import type { Diagnostic, Fix, Severity, TextRange } from '../../diagnostics';
import type { FileSystemAccess } from '../../host/files';
import type { Path, SourceMap } from '../../schema/sourceMap';
import { firstLineOf } from '../../text/ranges';
import { isObj, list, obj, Obj, str } from '../../values';

export interface LintContext {
  config: Obj;
  map: SourceMap;
  text: string;
  filesDir?: string;
  fs?: FileSystemAccess;
  platform: string;
  /** ct's findings so far, which some lints extend with a quick fix instead of repeating. */
  diagnostics: Diagnostic[];
}

interface Lint {
  id: string;
  summary: string;
  run(ctx: LintContext, report: (path: Path, severity: Severity, message: string, fixes?: Fix[], at?: 'key' | 'value') => void): void;
}

const GENERATED_UNITS: [string, string][] = [
  ['etcd', 'etcd-member.service'],
  ['flannel', 'flanneld.service'],
  ['docker', 'docker.service'],
];

const TEMPLATE_FIELD = /\{(HOSTNAME|PRIVATE_IPV4|PUBLIC_IPV4|PRIVATE_IPV6|PUBLIC_IPV6)\}/;

function units(config: Obj): { unit: Obj; index: number }[] {
  return list(obj(config.systemd)?.units).flatMap((unit, index) => (isObj(unit) ? [{ unit, index }] : []));
}

const LINTS: Lint[] = [
  {
    id: 'clc/generated-unit-duplicate',
    summary: 'A unit that ct also generates from the etcd, flannel or docker section',
    run(ctx, report) {
      for (const [section, name] of GENERATED_UNITS) {
        if (!isObj(ctx.config[section])) continue;
        for (const { unit, index } of units(ctx.config)) {
          if (unit.name !== name) continue;
          report(['systemd', 'units', index, 'name'], 'warning', `ct already writes ${name} for the \`${section}\` section, so the Ignition config gets two entries for it; Flatcar 3227.2.0 and newer reject such a config when translating it to Ignition 3. Put your drop-in into one entry, or migrate to Butane.`);
        }
      }
    },
  },
  {
    id: 'clc/compression-without-remote',
    summary: '`remote.compression` on inline or local contents',
    run(ctx, report) {
      list(obj(ctx.config.storage)?.files).forEach((file, i) => {
        const contents = obj(obj(file)?.contents);
        const remote = obj(contents?.remote);
        const compression = str(remote?.compression) ?? '';
        if (compression === '' || (str(remote?.url) ?? '') !== '') return;
        if ((str(contents?.inline) ?? '') === '' && (str(contents?.local) ?? '') === '') return;
        report(['storage', 'files', i, 'contents', 'remote', 'compression'], 'error', `ct copies \`compression: ${compression}\` into the Ignition config even though the contents are inline or local and not compressed, so Ignition fails to decompress them at boot. Remove \`compression\`.`);
      });
    },
  },
  {
    id: 'clc/template-not-substituted',
    summary: 'A `{PRIVATE_IPV4}`-style field outside etcd and flannel',
    run(ctx, report) {
      const check = (value: unknown, at: Path): void => {
        const match = typeof value === 'string' ? TEMPLATE_FIELD.exec(value) : null;
        if (match) report(at, 'warning', `ct substitutes ${match[0]} only in the etcd and flannel sections; here it stays literal text. Read the value from /run/metadata/coreos (EnvironmentFile=) in a unit instead.`);
      };
      list(obj(ctx.config.storage)?.files).forEach((file, i) => check(obj(obj(file)?.contents)?.inline, ['storage', 'files', i, 'contents', 'inline']));
      for (const { unit, index } of units(ctx.config)) {
        check(unit.contents, ['systemd', 'units', index, 'contents']);
        list(unit.dropins).forEach((d, j) => check(obj(d)?.contents, ['systemd', 'units', index, 'dropins', j, 'contents']));
      }
    },
  },
  {
    id: 'clc/deprecated-enable',
    summary: '`enable` on a systemd unit (deprecated)',
    run(ctx, report) {
      for (const { unit, index } of units(ctx.config)) {
        if (unit.enable === undefined) continue;
        const at: Path = ['systemd', 'units', index, 'enable'];
        const key = ctx.map.get(at)?.key;
        const fixes = key && unit.enabled === undefined ? [{ title: 'Rename to `enabled`', edits: [{ range: key, newText: 'enabled' }] }] : undefined;
        report(at, 'information', '`enable` is deprecated; use `enabled`, the only spelling Butane accepts.', fixes, 'key');
      }
    },
  },
  {
    id: 'clc/local-escapes-files-dir',
    summary: 'A `local` path that leaves the files directory',
    run(ctx, report) {
      if (!ctx.filesDir) return;
      list(obj(ctx.config.storage)?.files).forEach((file, i) => {
        const local = str(obj(obj(file)?.contents)?.local) ?? '';
        if (local === '') return;
        const relative = path.relative(ctx.filesDir!, path.resolve(ctx.filesDir!, local));
        if (relative.startsWith('..') || path.isAbsolute(relative)) {
          report(['storage', 'files', i, 'contents', 'local'], 'warning', `"${local}" is outside the files directory. ct reads it anyway; Butane refuses such paths, so this breaks when you migrate.`);
        }
      });
    },
  },
  {
    id: 'clc/deprecated-format',
    summary: 'Container Linux Configs are deprecated',
    run(_ctx, report) {
      report([], 'information', 'Container Linux Configs and ct are deprecated (end of life); Flatcar recommends Butane. Run "Kindling: Migrate to Butane" to convert this file.');
    },
  },
];

/** Every lint's id and summary, for documentation and settings. */
export const CLC_LINTS: readonly { id: string; summary: string }[] = LINTS.map(({ id, summary }) => ({ id, summary }));

/**
 * CL01: ct's "mode unspecified" warning gets a quick fix that writes ct's default mode
 * as a line of the entry, so the file's permissions are explicit (and survive migration).
 */
function addModeFixes(ctx: LintContext): void {
  for (const d of ctx.diagnostics) {
    if (d.code !== 'clc/mode-unspecified' || d.fixes) continue;
    const start = d.range.start;
    const lineStart = ctx.text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = ctx.text.indexOf('\n', start);
    const firstKey = /^([ \t]*(?:-[ \t]+)?)[A-Za-z_]+[ \t]*:/.exec(ctx.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd));
    if (!firstKey || lineEnd < 0) continue;
    const indent = ' '.repeat(firstKey[1].length);
    const mode = d.message.includes('directory') ? '0755' : '0644';
    d.fixes = [{ title: `Set \`mode: ${mode}\``, edits: [{ range: { start: lineEnd + 1, end: lineEnd + 1 }, newText: `${indent}mode: ${mode}\n` }] }];
  }
}

/** Runs every §F lint; their findings are advisory. */
export function clcLints(ctx: LintContext): Diagnostic[] {
  addModeFixes(ctx);
  const out: Diagnostic[] = [];
  for (const lint of LINTS) {
    lint.run(ctx, (at, severity, message, fixes, anchor = 'value') => {
      const located = ctx.map.get(at);
      let range: TextRange;
      if (at.length === 0) range = firstLineOf(ctx.text, { start: 0, end: ctx.text.length });
      else if (!located) return;
      else range = anchor === 'key' && located.key ? located.key : firstLineOf(ctx.text, located.value);
      out.push({ range, severity, code: lint.id, message, fixes, advisory: true });
    });
  }
  return out;
}
