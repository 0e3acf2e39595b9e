/**
 * `systemd.quadlets` (the experimental specs on base 0.8: fcos 1.8, openshift 4.23,
 * flatcar 1.2, r4e 1.2, fiot 1.1): Podman Quadlet files, written where Podman's systemd
 * generator looks for them. A template instance (`web@8080.container`) becomes a link to
 * its template (`web@.container`), since Podman instantiates templates by name.
 */
import type { IgnitionObject } from '../../ignition/marshal';
import { readLocalBytes } from '../checks/localFiles';
import { compareVersions, isObj, list, notEmpty, Obj } from '../checks/util';
import { quadletPath, templateOf } from '../quadletPaths';
import { makeDataUrl } from './dataUrl';
import type { TranslationContext } from './types';

/** Inline `contents` wins over `contents_local`; an unset or empty source gives an empty file. */
function contentsOf(ctx: TranslationContext, item: Obj): Uint8Array {
  if (notEmpty(item.contents)) return Buffer.from(item.contents, 'utf8');
  if (notEmpty(item.contents_local)) return readLocalBytes(ctx.options, item.contents_local) ?? new Uint8Array();
  return new Uint8Array();
}

function quadletFile(ctx: TranslationContext, path: string, item: Obj): IgnitionObject {
  const url = makeDataUrl(contentsOf(ctx, item), undefined, ctx.autoCompress);
  // 0644: Podman's generator only needs to read the file.
  return { path, contents: { compression: url.compression, source: url.url }, mode: 0o644 };
}

function section(storage: IgnitionObject, key: 'files' | 'links'): IgnitionObject[] {
  if (!Array.isArray(storage[key])) storage[key] = [];
  return storage[key] as IgnitionObject[];
}

/**
 * Appends the quadlets' files and links to the translated config, after the trees as
 * Butane does. Butane refuses a quadlet whose path is already taken; that is left to
 * the checks, so this only builds.
 */
export function addQuadlets(ctx: TranslationContext, config: IgnitionObject): void {
  // Older specs have no quadlets key: Butane only warns that it is unused and drops it.
  if (compareVersions(ctx.layout.version, '3.7.0') < 0) return;
  const systemd = isObj(ctx.config.systemd) ? ctx.config.systemd : {};
  const quadlets = list(systemd.quadlets).filter(isObj);
  if (quadlets.length === 0) return;
  const storage = (config.storage ?? {}) as IgnitionObject;
  config.storage = storage;
  for (const quadlet of quadlets) {
    const name = typeof quadlet.name === 'string' ? quadlet.name : '';
    const path = quadletPath(quadlet.rootful === true, name);
    const template = templateOf(name);
    if (template !== undefined) section(storage, 'links').push({ path, target: template });
    else section(storage, 'files').push(quadletFile(ctx, path, quadlet));
    // Drop-ins of an instance configure that instance only, so they follow its own name.
    for (const dropin of list(quadlet.dropins).filter(isObj)) {
      const dropinName = typeof dropin.name === 'string' ? dropin.name : '';
      section(storage, 'files').push(quadletFile(ctx, `${path}.d/${dropinName}`, dropin));
    }
  }
}
