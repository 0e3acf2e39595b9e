/**
 * systemd units, drop-ins and (experimental) quadlets: names, unit-file syntax,
 * enabling units without an [Install] section, contents vs contents_local, and
 * storage entries that would overwrite a unit file Ignition writes.
 */
import type { Path } from '../../schema/sourceMap';
import { closest } from '../../schema/suggest';
import type { CheckContext } from './context';
import { readLocalText } from './localFiles';
import { nodes } from './paths';
import { quadletPath, templateOf } from '../quadletPaths';
import { parseUnit, UnitParse } from '../../systemd/unitFile';
import { entries, ignitionMinor, isTrue, notEmpty, Obj, pathExt, quote, replaceScalar, str } from './util';

export const UNIT_TYPES = ['.service', '.socket', '.device', '.mount', '.automount', '.swap', '.target', '.path', '.timer', '.snapshot', '.slice', '.scope'];
const QUADLET_TYPES = ['.container', '.volume', '.network', '.kube', '.image', '.build', '.pod', '.artifact'];

interface Contents {
  text: string | undefined;
  path: Path;
}

/** The unit text Ignition will see: `contents`, or the local file behind `contents_local`. */
function contentsOf(ctx: CheckContext, item: Obj, path: Path): Contents | undefined {
  if (item.contents !== undefined) return { text: str(item.contents), path: [...path, 'contents'] };
  if (notEmpty(item.contents_local)) return { text: readLocalText(ctx, item.contents_local), path: [...path, 'contents_local'] };
  return undefined;
}

function checkSyntax(ctx: CheckContext, c: Contents | undefined, what: string): UnitParse | undefined {
  if (!c || c.text === undefined) return undefined;
  const parsed = parseUnit(c.text);
  if (!parsed.ok) ctx.report(c.path, 'butane/unit-contents-invalid', `the ${what} is not a valid unit file: ${parsed.problem}`);
  return parsed;
}

function nameFix(ctx: CheckContext, path: Path, name: string, ext: string, allowed: string[]): ReturnType<typeof replaceScalar> {
  if (ext === '') return replaceScalar(ctx, path, `${name}${allowed[0]}`, `Add ${allowed[0]}`);
  const guess = closest(ext.slice(1), allowed.map((a) => a.slice(1)));
  return guess ? replaceScalar(ctx, path, `${name.slice(0, -ext.length)}.${guess}`, `Change the suffix to .${guess}`) : undefined;
}

export function checkUnits(ctx: CheckContext): void {
  const units = entries(ctx.config, ['systemd', 'units']);
  const parsedByName = new Map<string, UnitParse | undefined>();
  const writtenPaths = new Set<string>();
  for (const u of units) {
    const name = str(u.item.name) ?? '';
    const ext = pathExt(name);
    if (!UNIT_TYPES.includes(ext)) {
      const why = ext === '' ? 'has no type suffix' : `ends in ${quote(ext)}, which is not a unit type`;
      const message = name === '' ? 'this unit needs a `name` with its type suffix, e.g. example.service' : `unit name ${quote(name)} ${why}; systemd unit names end in ${UNIT_TYPES.join(', ')}`;
      ctx.report([...u.path, 'name'], 'butane/unit-extension', message, {
        fixes: nameFix(ctx, [...u.path, 'name'], name, ext, UNIT_TYPES),
      });
    }
    const contents = contentsOf(ctx, u.item, u.path);
    const parsed = checkSyntax(ctx, contents, `contents of ${quote(name)}`);
    if (!parsedByName.has(name)) parsedByName.set(name, contents?.text ? parsed : undefined);
    if (notEmpty(contents?.text)) writtenPaths.add(`/etc/systemd/system/${name}`);
    if (isTrue(u.item.enabled) && contents && notEmpty(contents.text) && parsed?.ok && !parsed.sections.some((s) => s.name === 'Install')) {
      ctx.report(contents.path, 'butane/unit-no-install', `unit ${quote(name)} is enabled, but has no [Install] section, so enabling it does nothing; add an [Install] section (e.g. WantedBy=multi-user.target) or drop \`enabled\``, { severity: 'warning' });
    }
    for (const d of entries(u.item, ['dropins'])) {
      const dpath = [...u.path, ...d.path];
      const dname = str(d.item.name) ?? '';
      if (pathExt(dname) !== '.conf') {
        const fixes = pathExt(dname) === '' ? replaceScalar(ctx, [...dpath, 'name'], `${dname}.conf`, 'Add .conf') : undefined;
        const message = dname === '' ? 'this drop-in needs a `name` ending in .conf, e.g. 10-override.conf' : `drop-in name ${quote(dname)} must end in .conf, or systemd ignores it`;
        ctx.report([...dpath, 'name'], 'butane/dropin-extension', message, { fixes: dname === '' ? undefined : fixes });
      }
      const dcontents = contentsOf(ctx, d.item, dpath);
      checkSyntax(ctx, dcontents, `drop-in ${quote(dname)}`);
      if (notEmpty(dcontents?.text)) writtenPaths.add(`/etc/systemd/system/${name}.d/${dname}`);
    }
  }
  // An enabled template instance needs the template's [Install] section.
  for (const u of units) {
    const name = str(u.item.name) ?? '';
    const m = /^(.+?)@(.+?)\.service$/.exec(name);
    if (!m || !isTrue(u.item.enabled)) continue;
    const template = `${m[1]}@.service`;
    const parsed = parsedByName.get(template);
    if (parsed?.ok && !parsed.sections.some((s) => s.name === 'Install')) {
      ctx.report([...u.path, 'contents'], 'butane/template-no-install', `${quote(name)} is enabled, but its template ${quote(template)} has no [Install] section, so enabling the instance does nothing; add one to the template`, { severity: 'warning', at: 'line' });
    }
  }
  for (const n of nodes(ctx.config)) {
    if (n.nodePath !== undefined && writtenPaths.has(n.nodePath)) {
      ctx.report([...n.path, 'path'], 'butane/path-conflicts-systemd', `${quote(n.nodePath)} is the file Ignition writes for a systemd unit or drop-in defined in \`systemd.units\`; define the unit there only (or drop its contents)`);
    }
  }
}

/** Butane: contents and contents_local are alternatives (fcos 1.5+ and equivalents). */
export function checkUnitSources(ctx: CheckContext): void {
  if (ignitionMinor(ctx) < 4) return;
  const both = (item: Obj, path: Path): void => {
    if (item.contents !== undefined && item.contents_local !== undefined) {
      ctx.report([...path, 'contents_local'], 'butane/unit-contents-and-local', 'set either `contents` or `contents_local`, not both');
    }
  };
  for (const u of entries(ctx.config, ['systemd', 'units'])) {
    both(u.item, u.path);
    for (const d of entries(u.item, ['dropins'])) both(d.item, [...u.path, ...d.path]);
  }
  for (const q of entries(ctx.config, ['systemd', 'quadlets'])) {
    for (const d of entries(q.item, ['dropins'])) both(d.item, [...q.path, ...d.path]);
  }
}

/**
 * Butane refuses a quadlet (or quadlet drop-in) whose file is already in the config —
 * an explicit file, directory or link, or an earlier quadlet.
 */
function checkQuadletClashes(ctx: CheckContext): void {
  if (ignitionMinor(ctx) < 7) return;
  const taken = new Set<string>();
  for (const section of ['files', 'directories', 'links']) {
    for (const e of entries(ctx.config, ['storage', section])) if (typeof e.item.path === 'string') taken.add(e.item.path);
  }
  const claim = (path: string, at: Path): void => {
    if (taken.has(path)) ctx.report(at, 'butane/quadlet-path-taken', `this quadlet is written to ${quote(path)}, which the config already creates; remove one of them`);
    taken.add(path);
  };
  for (const q of entries(ctx.config, ['systemd', 'quadlets'])) {
    const name = str(q.item.name) ?? '';
    const path = quadletPath(isTrue(q.item.rootful), name);
    claim(path, [...q.path, 'name']);
    for (const d of entries(q.item, ['dropins'])) claim(`${path}.d/${str(d.item.name) ?? ''}`, [...q.path, ...d.path, 'name']);
  }
}

/** Experimental quadlets: supported file types; template instances are links, without contents. */
export function checkQuadlets(ctx: CheckContext): void {
  checkQuadletClashes(ctx);
  for (const q of entries(ctx.config, ['systemd', 'quadlets'])) {
    const name = str(q.item.name) ?? '';
    if (!QUADLET_TYPES.some((t) => name.endsWith(t))) {
      const ext = pathExt(name);
      ctx.report([...q.path, 'name'], 'butane/quadlet-extension', `quadlet ${quote(name)} needs one of the suffixes ${QUADLET_TYPES.join(', ')}`, { fixes: nameFix(ctx, [...q.path, 'name'], name, ext, QUADLET_TYPES) });
      continue;
    }
    const template = templateOf(name);
    if (template !== undefined) {
      for (const key of ['contents', 'contents_local']) {
        if (q.item[key] !== undefined) {
          ctx.report([...q.path, key], 'butane/quadlet-template-contents', `${quote(name)} is an instance of template ${quote(template)} and is created as a link to it, so it cannot have \`${key}\`; put the contents on the template`);
        }
      }
    } else if (q.item.contents !== undefined && q.item.contents_local !== undefined) {
      ctx.report([...q.path, 'contents_local'], 'butane/unit-contents-and-local', 'set either `contents` or `contents_local`, not both');
    }
  }
}
