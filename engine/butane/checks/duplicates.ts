/**
 * Duplicate entries: Ignition keys most lists (files by path, units by name, …) and
 * rejects a second entry with the same key. Reported on the later entry.
 */
import { LineIndex } from '../../text/lineIndex';
import type { Path } from '../../schema/sourceMap';
import type { CheckContext } from './context';
import { at, isObj, list, Obj, quote } from './util';

interface Member {
  path: Path;
  key: string;
  label: string;
}

/** How each keyed list names its entries. */
type KeyFn = (item: unknown) => { key: string; label: string };

const byField =
  (field: string, noun: string): KeyFn =>
  (item) => {
    const v = isObj(item) ? item[field] : undefined;
    const s = typeof v === 'string' ? v : v === undefined ? '' : String(v);
    return { key: s, label: s === '' ? `${noun} without a ${field}` : `${noun} ${quote(s)}` };
  };

const byValue =
  (noun: string): KeyFn =>
  (item) => ({ key: String(item), label: `${noun} ${quote(String(item))}` });

const resourceKey: KeyFn = (item) => {
  const r = isObj(item) ? item : {};
  if (typeof r.source === 'string') return { key: r.source, label: `source ${quote(r.source)}` };
  if (typeof r.inline === 'string') return { key: `inline\u0000${r.inline}`, label: 'the same inline contents' };
  if (typeof r.local === 'string') return { key: `local\u0000${r.local}`, label: `local file ${quote(r.local)}` };
  return { key: '', label: 'no source' };
};

const partitionKey: KeyFn = (item) => {
  const p = isObj(item) ? item : {};
  const number = typeof p.number === 'number' ? p.number : 0;
  if (number !== 0) return { key: `number:${number}`, label: `partition number ${number}` };
  if (typeof p.label === 'string') return { key: `label:${p.label}`, label: `partition label ${quote(p.label)}` };
  return { key: '', label: 'a partition with neither number nor label' };
};

function members(config: unknown, listPath: Path, keyOf: KeyFn): Member[] {
  return list(at(config, listPath)).map((item, i) => ({ path: [...listPath, i], ...keyOf(item) }));
}

/** Each group is one keyed namespace; several lists may share one (files, directories, links). */
function groups(config: Obj): Member[][] {
  const out: Member[][] = [];
  const add = (m: Member[]): void => {
    if (m.length > 1) out.push(m);
  };
  add(members(config, ['ignition', 'config', 'merge'], resourceKey));
  add(members(config, ['ignition', 'proxy', 'no_proxy'], byValue('no_proxy entry')));
  add(members(config, ['ignition', 'security', 'tls', 'certificate_authorities'], resourceKey));
  add([...members(config, ['kernel_arguments', 'should_exist'], byValue('kernel argument')), ...members(config, ['kernel_arguments', 'should_not_exist'], byValue('kernel argument'))]);
  add(members(config, ['passwd', 'users'], byField('name', 'user')));
  add(members(config, ['passwd', 'groups'], byField('name', 'group')));
  list(at(config, ['passwd', 'users'])).forEach((_, i) => {
    add(members(config, ['passwd', 'users', i, 'groups'], byValue('supplementary group')));
    add(members(config, ['passwd', 'users', i, 'ssh_authorized_keys'], byValue('SSH key')));
  });
  add([
    ...members(config, ['storage', 'directories'], byField('path', 'path')),
    ...members(config, ['storage', 'files'], byField('path', 'path')),
    ...members(config, ['storage', 'links'], byField('path', 'path')),
  ]);
  add(members(config, ['storage', 'disks'], byField('device', 'disk')));
  list(at(config, ['storage', 'disks'])).forEach((_, i) => add(members(config, ['storage', 'disks', i, 'partitions'], partitionKey)));
  add(members(config, ['storage', 'filesystems'], byField('device', 'filesystem device')));
  add(members(config, ['storage', 'luks'], byField('name', 'LUKS volume')));
  list(at(config, ['storage', 'luks'])).forEach((_, i) => {
    add(members(config, ['storage', 'luks', i, 'open_options'], byValue('open option')));
    add(members(config, ['storage', 'luks', i, 'clevis', 'tang'], byField('url', 'Tang server')));
  });
  add(members(config, ['storage', 'raid'], byField('name', 'RAID array')));
  list(at(config, ['storage', 'raid'])).forEach((_, i) => add(members(config, ['storage', 'raid', i, 'devices'], byValue('member device'))));
  add(members(config, ['systemd', 'units'], byField('name', 'unit')));
  list(at(config, ['systemd', 'units'])).forEach((_, i) => add(members(config, ['systemd', 'units', i, 'dropins'], byField('name', 'drop-in'))));
  for (const site of resourceLists(config)) add(members(config, site, byField('name', 'HTTP header')));
  return out;
}

function resourceLists(config: Obj): Path[] {
  const out: Path[] = [];
  const push = (p: Path): void => {
    if (list(at(config, [...p, 'http_headers'])).length > 1) out.push([...p, 'http_headers']);
  };
  list(at(config, ['storage', 'files'])).forEach((f, i) => {
    push(['storage', 'files', i, 'contents']);
    list(isObj(f) ? f.append : undefined).forEach((_, j) => push(['storage', 'files', i, 'append', j]));
  });
  list(at(config, ['ignition', 'config', 'merge'])).forEach((_, i) => push(['ignition', 'config', 'merge', i]));
  push(['ignition', 'config', 'replace']);
  list(at(config, ['ignition', 'security', 'tls', 'certificate_authorities'])).forEach((_, i) => push(['ignition', 'security', 'tls', 'certificate_authorities', i]));
  list(at(config, ['storage', 'luks'])).forEach((_, i) => push(['storage', 'luks', i, 'key_file']));
  return out;
}

export function checkDuplicates(ctx: CheckContext): void {
  let lines: LineIndex | undefined;
  const lineOf = (path: Path): string => {
    const located = ctx.map.get(path);
    if (!located) return '';
    lines ??= new LineIndex(ctx.text);
    return ` on line ${lines.lineAt(located.value.start) + 1}`;
  };
  for (const group of groups(ctx.config)) {
    const first = new Map<string, Member>();
    for (const m of group) {
      const earlier = first.get(m.key);
      if (!earlier) {
        first.set(m.key, m);
        continue;
      }
      const where = lineOf(earlier.path);
      ctx.report(m.path, 'butane/duplicate-entry', `duplicate entry: ${m.label} is already defined${where}; Ignition needs each one once — merge the two entries or remove one`, { at: 'line' });
    }
  }
}
