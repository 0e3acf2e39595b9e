/**
 * The subset of JSON Schema our bundled schemas use, plus our `x-` annotations,
 * and a resolver that follows local `$ref`s (sibling keywords win, as in ajv 8).
 */

export type SchemaType = 'string' | 'integer' | 'boolean' | 'object' | 'array';

export interface SchemaNode {
  type?: SchemaType;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, SchemaNode>;
  /** `false`, or the schema of every value of a free-form map (e.g. openshift labels). */
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
  'x-since'?: string;
  'x-unsupported'?: string;
  'x-butane-only'?: boolean;
  'x-ignition'?: string;
  'x-pattern-message'?: string;
  'x-enum-descriptions'?: string[];
  /** Values completion offers without the schema enforcing them (CLC: ct checks them later). */
  'x-suggestions'?: string[];
  /** k3OS: the Go field's JSON name. */
  'x-json-name'?: string;
  /** Other spellings of this key that mean the same field (k3OS accepts several). */
  'x-aliases'?: string[];
  /** k3OS: the boot phases that apply the key. */
  'x-phases'?: string[];
  'x-phase-note'?: string;
}

export interface RootSchema extends SchemaNode {
  $id: string;
  title?: string;
  'x-kindling'?: Record<string, unknown>;
}

/** A schema with `$ref`s resolved lazily and memoised. */
export class Schema {
  private readonly resolved = new WeakMap<SchemaNode, SchemaNode>();
  private readonly aliasIndex = new WeakMap<object, Map<string, string>>();

  constructor(readonly root: RootSchema) {}

  get id(): string {
    return this.root.$id;
  }

  resolve(node: SchemaNode): SchemaNode {
    if (!node.$ref) return node;
    const cached = this.resolved.get(node);
    if (cached) return cached;
    const target = this.lookup(node.$ref);
    const { $ref: _ignored, ...siblings } = node;
    const merged: SchemaNode = { ...this.resolve(target), ...siblings };
    this.resolved.set(node, merged);
    return merged;
  }

  /** Resolved schema of a property (or of one of its `x-aliases`), undefined when the key is not part of the schema. */
  property(node: SchemaNode, key: string): SchemaNode | undefined {
    const resolved = this.resolve(node);
    const name = this.propertyName(resolved, key);
    if (name !== undefined) return this.resolve(resolved.properties![name]);
    const extra = resolved.additionalProperties;
    return typeof extra === 'object' ? this.resolve(extra) : undefined;
  }

  /** The property a written key stands for: itself, or the property that lists it as an alias. */
  propertyName(node: SchemaNode, key: string): string | undefined {
    const props = this.resolve(node).properties;
    if (!props) return undefined;
    if (Object.prototype.hasOwnProperty.call(props, key)) return key;
    let aliases = this.aliasIndex.get(props);
    if (!aliases) {
      aliases = new Map();
      for (const [name, child] of Object.entries(props)) for (const alias of child['x-aliases'] ?? []) aliases.set(alias, name);
      this.aliasIndex.set(props, aliases);
    }
    return aliases.get(key);
  }

  items(node: SchemaNode): SchemaNode | undefined {
    const items = this.resolve(node).items;
    return items ? this.resolve(items) : undefined;
  }

  /** Follows a path of keys and list indices from the root; undefined when it leaves the schema. */
  at(path: readonly (string | number)[]): SchemaNode | undefined {
    let node: SchemaNode | undefined = this.resolve(this.root);
    for (const part of path) {
      if (!node) return undefined;
      node = typeof part === 'number' ? this.items(node) : this.property(node, part);
    }
    return node;
  }

  private lookup(ref: string): SchemaNode {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (!node || typeof node !== 'object') throw new Error(`unresolved $ref ${ref} in ${this.root.$id}`);
    return node as SchemaNode;
  }
}
