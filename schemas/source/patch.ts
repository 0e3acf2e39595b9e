// Patch operations: every version after a variant's first is its parent's tree plus a
// list of these operations. Each operation throws if its path does not exist (or, for
// add, already exists), so a stale patch fails loudly instead of silently doing nothing.

import { Extra, Path, SchemaNode, clone, parentAndKey, pathText, resolve, walk } from "./nodes";

export type Op = (root: SchemaNode) => void;
export type Patch = Op[];

type Changes = Extra & { description?: string };

function applyChanges(node: SchemaNode, changes: Changes): void {
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete (node as unknown as Record<string, unknown>)[k];
    else (node as unknown as Record<string, unknown>)[k] = clone(v);
  }
}

function insert(
  props: Record<string, SchemaNode>,
  key: string,
  node: SchemaNode,
  where: { after?: string; before?: string },
): Record<string, SchemaNode> {
  const anchor = where.after ?? where.before;
  if (anchor !== undefined && !(anchor in props)) throw new Error(`cannot place "${key}" next to missing "${anchor}"`);
  const out: Record<string, SchemaNode> = {};
  let placed = false;
  for (const [k, v] of Object.entries(props)) {
    if (where.before === k) {
      out[key] = node;
      placed = true;
    }
    out[k] = v;
    if (where.after === k) {
      out[key] = node;
      placed = true;
    }
  }
  if (!placed) out[key] = node;
  return out;
}

/** Adds a new key; `after`/`before` keep the documented key order. */
export function add(path: Path, node: SchemaNode, where: { after?: string; before?: string } = {}): Op {
  return (root) => {
    const { parent, key } = parentAndKey(path);
    const p = resolve(root, parent);
    if (!p.properties) throw new Error(`add ${pathText(path)}: parent is not an object`);
    if (key in p.properties) throw new Error(`add ${pathText(path)}: key already exists`);
    p.properties = insert(p.properties, key, clone(node), where);
  };
}

/** Removes a key that the parent version had. */
export function remove(path: Path): Op {
  return (root) => {
    const { parent, key } = parentAndKey(path);
    const p = resolve(root, parent);
    if (!p.properties || !(key in p.properties)) throw new Error(`remove ${pathText(path)}: no such key`);
    delete p.properties[key];
  };
}

/** Changes keywords of an existing node; a value of undefined deletes the keyword. */
export function edit(path: Path, changes: Changes): Op {
  return (root) => applyChanges(resolve(root, path), changes);
}

/** The key is accepted by the YAML parser but rejected with this error by the version. */
export function unsupported(path: Path, message: string): Op {
  return edit(path, { "x-unsupported": message });
}

/** Lifts an x-unsupported mark set by an earlier version. */
export function supported(path: Path): Op {
  return (root) => {
    const n = resolve(root, path);
    if (!n["x-unsupported"]) throw new Error(`supported ${pathText(path)}: was not marked unsupported`);
    delete n["x-unsupported"];
  };
}

export function required(path: Path, isRequired: boolean): Op {
  return (root) => {
    const n = resolve(root, path);
    if (isRequired) n._req = true;
    else delete n._req;
  };
}

/** Adds an allowed value to an enum (before an optional existing value). */
export function enumAdd(path: Path, value: string, description: string, before?: string): Op {
  return (root) => {
    const n = resolve(root, path);
    const values = n.enum ?? [];
    const descs = n["x-enum-descriptions"] ?? [];
    if (values.includes(value)) throw new Error(`enumAdd ${pathText(path)}: "${value}" already present`);
    const at = before === undefined ? values.length : values.indexOf(before);
    if (at < 0) throw new Error(`enumAdd ${pathText(path)}: no value "${before}"`);
    values.splice(at, 0, value);
    descs.splice(at, 0, description);
    n.enum = values;
    n["x-enum-descriptions"] = descs;
  };
}

export function enumRemove(path: Path, value: string): Op {
  return (root) => {
    const n = resolve(root, path);
    const at = (n.enum ?? []).indexOf(value);
    if (at < 0) throw new Error(`enumRemove ${pathText(path)}: no value "${value}"`);
    n.enum!.splice(at, 1);
    n["x-enum-descriptions"]?.splice(at, 1);
  };
}

function shapeNodes(root: SchemaNode, shapes: string[], what: string): SchemaNode[] {
  const found: SchemaNode[] = [];
  walk(root, (n) => {
    if (n._shape && shapes.includes(n._shape)) found.push(n);
  });
  if (found.length === 0) throw new Error(`${what}: no node of shape ${shapes.join("/")}`);
  return found;
}

/** Edits a sub-path of every instance of the given shapes. */
export function editShapes(shapes: string[], relPath: string, changes: Changes): Op {
  return (root) => {
    for (const n of shapeNodes(root, shapes, `editShapes ${relPath}`)) {
      applyChanges(relPath === "" ? n : resolve(n, relPath), changes);
    }
  };
}

/** Adds a key to every instance of the given shapes. */
export function addToShapes(shapes: string[], path: string, node: SchemaNode, where: { after?: string; before?: string } = {}): Op {
  return (root) => {
    for (const n of shapeNodes(root, shapes, `addToShapes ${path}`)) add(path, node, where)(n);
  };
}

export function applyPatch(tree: SchemaNode, patch: Patch): SchemaNode {
  const out = clone(tree);
  for (const op of patch) op(out);
  return out;
}
