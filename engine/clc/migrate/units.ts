/**
 * `systemd.units` (only `enabled` in Butane) and `networkd.units`, which Butane does not
 * have: they become files under /etc/systemd/network, as Ignition 2 wrote them.
 */
import type { Path } from '../../schema/sourceMap';
import { Obj, str } from '../../values';
import { TEMPLATE_FIELDS } from '../generated/index';
import { Migration, objectsIn, put } from './context';
import type { Sourced } from './files';
import { Octal } from './scalars';
import type { YamlMap, YamlValue } from './yamlText';

const PLACEHOLDER = new RegExp(`\\{(${TEMPLATE_FIELDS.join('|')})\\}`);

/** ct only templated etcd and flannel: a `{PRIVATE_IPV4}` in a unit was always literal, which is rarely what was meant. */
function placeholderNote(m: Migration, text: string | undefined, at: Path, out: YamlMap): void {
  const found = text === undefined ? null : PLACEHOLDER.exec(text);
  if (found) {
    m.note(at, `${found[0]} is literal text here (ct only filled placeholders in etcd and flannel); to use the machine's metadata, load EnvironmentFile=/run/metadata/flatcar after coreos-metadata.service and write \${COREOS_<PROVIDER>_…}`, out);
  }
}

/** Ignition 2 skips empty unit and drop-in contents, Ignition 3 only absent ones: so "" is left out. */
const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function dropins(m: Migration, unit: Obj, from: Path, out: YamlMap): YamlMap[] {
  return objectsIn(unit.dropins).map(([dropin, j]) => {
    m.unknownKeys(dropin, [...from, 'dropins', j], ['name', 'contents'], out);
    placeholderNote(m, str(dropin.contents), [...from, 'dropins', j, 'contents'], out);
    return put(put({}, 'name', str(dropin.name)), 'contents', nonEmpty(dropin.contents));
  });
}

/**
 * Ignition 2 enabled a unit for `enable: true`, then enabled or disabled it for `enabled`;
 * `mask: false` did nothing (in Ignition 3 it unmasks), so only `mask: true` is kept.
 */
export function migrateSystemdUnits(m: Migration, units: unknown): Sourced[] {
  return objectsIn(units).map(([unit, i]) => {
    const from: Path = ['systemd', 'units', i];
    const out = m.track(from, put({}, 'name', str(unit.name)));
    const enabled = typeof unit.enabled === 'boolean' ? unit.enabled : unit.enable === true ? true : undefined;
    put(out, 'enabled', enabled);
    if (unit.enable === true && unit.enabled === false) {
      m.note([...from, 'enable'], 'both `enable: true` and `enabled: false`: Ignition 2 enabled the unit, then disabled it, so it stays disabled', out, 'enabled');
    }
    if (unit.mask === true) out.mask = true;
    put(out, 'contents', nonEmpty(unit.contents));
    placeholderNote(m, str(unit.contents), [...from, 'contents'], out);
    const list = dropins(m, unit, from, out);
    if (list.length > 0) out.dropins = list;
    m.unknownKeys(unit, from, ['name', 'enable', 'enabled', 'mask', 'contents', 'dropins'], out);
    return { out, from };
  });
}

/** Drop-ins by name; a later one with the same name replaces the earlier (its file is written last). */
function mergeDropins(earlier: YamlValue | undefined, later: YamlValue | undefined): YamlMap[] {
  const byName = new Map<string, YamlMap>();
  for (const dropin of [earlier, later].flatMap((d) => (Array.isArray(d) ? (d as YamlMap[]) : []))) byName.set(String(dropin.name), dropin);
  return [...byName.values()];
}

/**
 * One entry per unit name, as Ignition 3 requires. Ignition 2 processed duplicates in order,
 * so the later entry's settings win where both set one, and drop-ins add up.
 */
export function onePerName(m: Migration, units: Sourced[]): YamlMap[] {
  const byName = new Map<string, Sourced>();
  for (const entry of units) {
    const name = String(entry.out.name);
    const earlier = byName.get(name);
    if (!earlier) {
      byName.set(name, entry);
      continue;
    }
    const merged: YamlMap = { ...earlier.out, ...entry.out };
    const list = mergeDropins(earlier.out.dropins, entry.out.dropins);
    if (list.length > 0) merged.dropins = list;
    m.comments.move(earlier.out, merged);
    m.comments.move(entry.out, merged);
    m.note(entry.from, `${entry.from.join('.')} also configures ${name}: merged with the entry before it (Butane allows one per name; the later settings win)`, merged);
    byName.set(name, { out: merged, from: entry.from });
  }
  return [...byName.values()].map((e) => e.out);
}

const NETWORK_DIR = '/etc/systemd/network';

function networkFile(path: string, contents: string): YamlMap {
  return { path, overwrite: true, mode: new Octal(0o644), contents: { inline: contents } };
}

/** networkd units and their drop-ins as the files Ignition 2 wrote (mode 0644, replaced if present, nothing for empty contents). */
export function networkdFiles(m: Migration, networkd: Obj): Sourced[] {
  const files: Sourced[] = [];
  for (const [unit, i] of objectsIn(networkd.units)) {
    const from: Path = ['networkd', 'units', i];
    const name = str(unit.name) ?? '';
    const contents = nonEmpty(unit.contents);
    if (contents !== undefined) files.push({ out: m.track(from, networkFile(`${NETWORK_DIR}/${name}`, contents)), from });
    for (const [dropin, j] of objectsIn(unit.dropins)) {
      const dropinContents = nonEmpty(dropin.contents);
      const at: Path = [...from, 'dropins', j];
      if (dropinContents !== undefined) files.push({ out: m.track(at, networkFile(`${NETWORK_DIR}/${name}.d/${str(dropin.name) ?? ''}`, dropinContents)), from: at });
      m.unknownKeys(dropin, at, ['name', 'contents']);
    }
    m.unknownKeys(unit, from, ['name', 'contents', 'dropins']);
  }
  if (files.length > 0) {
    m.note(['networkd'], `Butane has no networkd section: its units and drop-ins are written as files under ${NETWORK_DIR}, as Ignition 2 did`, files[0].out);
  }
  m.unknownKeys(networkd, ['networkd'], ['units']);
  return files;
}
