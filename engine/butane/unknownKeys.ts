import type { Diagnostic } from '../diagnostics';
import type { UnknownKey } from '../schema/decode';
import type { Schema } from '../schema/schema';
import { closest } from '../schema/suggest';
import { ButaneSpec, butaneSpecs, schemaFor, versionsOf } from './registry';

/** Property names along a path, with list indices dropped: the shape shared by every spec. */
function schemaPath(path: readonly (string | number)[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? 0 : p));
}

function specHas(spec: ButaneSpec, path: (string | number)[]): boolean {
  const node = schemaFor(spec).at(path);
  return node !== undefined && !node['x-unsupported'];
}

/** Explains why a key is unknown: a typo, or a key of another spec version or variant. */
function explain(spec: ButaneSpec, unknown: UnknownKey, guess: string | undefined): string {
  const target = [...schemaPath(unknown.parent), unknown.key];
  const own = versionsOf(spec.variant);
  const withKey = own.filter((s) => specHas(s, target));
  const name = `\`${unknown.key}\``;
  if (withKey.length > 0) {
    const position = own.indexOf(spec);
    const newer = withKey.find((s) => own.indexOf(s) > position);
    if (newer) return `${name} needs ${spec.variant} ${newer.version} or newer (this config is ${spec.version}); Butane ignores it here`;
    const last = withKey[withKey.length - 1];
    return `${name} exists only up to ${spec.variant} ${last.version} (this config is ${spec.version}); Butane ignores it here`;
  }
  if (unknown.key === '<<') {
    return 'Butane merges `<<` keys but still reports them as an unused key';
  }
  if (guess) return `unknown key ${name}; did you mean \`${guess}\`? Butane ignores unknown keys`;
  // Loading the other variants' schemas is left for keys that are not typos.
  const elsewhere = butaneSpecs().find((s) => s.variant !== spec.variant && specHas(s, target));
  if (elsewhere) return `${name} is not available in the ${spec.variant} variant (it exists in ${elsewhere.variant}); Butane ignores it here`;
  return `unknown key ${name}; Butane ignores it (unused key)`;
}

export function unknownKeyReporter(spec: ButaneSpec, schema: Schema): (unknown: UnknownKey) => Diagnostic {
  return (unknown) => {
    const siblings = Object.keys(schema.at(unknown.parent)?.properties ?? {});
    const guess = unknown.key === '<<' ? undefined : closest(unknown.key, siblings);
    return {
      range: unknown.range,
      severity: 'warning',
      code: 'butane/unused-key',
      message: explain(spec, unknown, guess),
      fixes: guess ? [{ title: `Rename to \`${guess}\``, edits: [{ range: unknown.range, newText: guess }] }] : undefined,
    };
  };
}
