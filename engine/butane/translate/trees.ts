/**
 * `storage.trees`: each tree's directory (below the files directory) becomes files,
 * links and — with 1.7's ownership or `dir_mode` — directories, in the order Go's
 * filepath.Walk visits them (lexical, parents first). The checks have already refused
 * trees that escape the files directory, clash with explicit entries or hold special
 * files, so this only builds.
 */
import { resolveLocal } from '../checks/localFiles';
import type { IgnitionObject } from '../../ignition/marshal';
import { embedContents } from './generic';
import { walkTree } from '../treeWalk';
import type { TranslationContext } from './types';
import { isObj, Obj } from '../checks/util';

type Section = 'files' | 'directories' | 'links';

/** Entries of storage.files/directories/links by path, as Butane's node tracker sees them. */
class NodeTracker {
  constructor(private readonly storage: IgnitionObject) {}

  private list(section: Section): IgnitionObject[] {
    const existing = this.storage[section];
    if (Array.isArray(existing)) return existing as IgnitionObject[];
    const created: IgnitionObject[] = [];
    this.storage[section] = created;
    return created;
  }

  find(section: Section, path: string): IgnitionObject | undefined {
    const existing = this.storage[section];
    return Array.isArray(existing) ? (existing as IgnitionObject[]).find((e) => e.path === path) : undefined;
  }

  exists(path: string): boolean {
    return (['files', 'directories', 'links'] as const).some((s) => this.find(s, path));
  }

  add(section: Section, entry: IgnitionObject): IgnitionObject {
    this.list(section).push(entry);
    return entry;
  }
}

function ownership(tree: Obj): { user?: IgnitionObject; group?: IgnitionObject } {
  const pick = (v: unknown): IgnitionObject | undefined => {
    if (!isObj(v)) return undefined;
    const out: IgnitionObject = {};
    if (typeof v.id === 'number') out.id = v.id;
    if (typeof v.name === 'string') out.name = v.name;
    return Object.keys(out).length ? out : undefined;
  };
  return { user: pick(tree.user), group: pick(tree.group) };
}

function node(path: string, owner: ReturnType<typeof ownership>): IgnitionObject {
  const n: IgnitionObject = { path };
  if (owner.user) n.user = owner.user;
  if (owner.group) n.group = owner.group;
  return n;
}

export function addTrees(ctx: TranslationContext, config: IgnitionObject): void {
  const storageIn = isObj(ctx.config.storage) ? ctx.config.storage : {};
  const trees = Array.isArray(storageIn.trees) ? storageIn.trees.filter(isObj) : [];
  if (trees.length === 0) return;
  const fs = ctx.options.fs;
  if (!fs) return;
  const storage = (config.storage ?? {}) as IgnitionObject;
  config.storage = storage;
  const tracker = new NodeTracker(storage);
  for (const tree of trees) {
    if (typeof tree.local !== 'string') continue;
    const root = resolveLocal(ctx.options, tree.local);
    if (root.kind !== 'ok' || root.info.kind !== 'directory') continue;
    const destBase = typeof tree.path === 'string' && tree.path !== '' ? tree.path : '/';
    const owner = ownership(tree);
    const fileMode = typeof tree.file_mode === 'number' ? tree.file_mode : undefined;
    const dirMode = typeof tree.dir_mode === 'number' ? tree.dir_mode : undefined;
    const withDirs = dirMode !== undefined || owner.user !== undefined || owner.group !== undefined;
    walkTree(fs, root.real, destBase, ({ abs, dest, info }) => {
      if (info.kind === 'directory') {
        if (withDirs && !tracker.exists(dest)) tracker.add('directories', { ...node(dest, owner), mode: dirMode ?? 0o755 });
      } else if (info.kind === 'file') {
        const file = tracker.find('files', dest) ?? (tracker.exists(dest) ? undefined : tracker.add('files', node(dest, owner)));
        const bytes = file && fs.readFile(abs);
        if (!file || !bytes) return;
        const contents = (file.contents ?? {}) as IgnitionObject;
        embedContents(ctx, contents, bytes);
        file.contents = contents;
        if (file.mode === undefined) file.mode = fileMode ?? (info.executable ? 0o755 : 0o644);
      } else if (info.kind === 'symlink') {
        const link = tracker.find('links', dest) ?? (tracker.exists(dest) ? undefined : tracker.add('links', node(dest, owner)));
        const target = link && fs.readLink(abs);
        if (link && target !== undefined) link.target = target;
      }
    });
  }
}
