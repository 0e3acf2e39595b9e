import type { Diagnostic, TextRange } from '../diagnostics';
import type { Schema, SchemaNode } from '../schema/schema';
import type { Path } from '../schema/sourceMap';
import { closest } from '../schema/suggest';

/** Keys people write that k3OS has no field for, and what they meant. */
const KNOWN_MISTAKES: Record<string, { rename?: string; why: string }> = {
  'install.efi': { rename: 'force_efi', why: 'The README calls it `k3os.install.efi`, but the field is `force_efi`.' },
  'install.take_over': { why: 'Taking over an existing system is an option of `k3os install` (`--takeover`) with no config key.' },
  'install.takeover': { why: 'Taking over an existing system is an option of `k3os install` (`--takeover`) with no config key.' },
};

/** k3OS ignores keys it does not know without a word; say so, and offer the closest key. */
export function unknownKeyDiagnostic(schema: Schema, parentSchema: SchemaNode, key: string, parent: Path, range: TextRange): Diagnostic {
  const where = parent.filter((p) => typeof p === 'string').join('.');
  const mistake = KNOWN_MISTAKES[`${parent.slice(-1)[0] ?? ''}.${key}`];
  const siblings = Object.keys(schema.resolve(parentSchema).properties ?? {});
  const guess = mistake ? mistake.rename : closest(key, siblings);
  const hint = mistake ? ` ${mistake.why}` : guess ? ` Did you mean \`${guess}\`?` : otherLevel(schema, parent, key);
  return {
    range,
    severity: 'warning',
    code: 'k3os/unknown-key',
    message: `k3OS does not know \`${key}\`${where ? ` in \`${where}\`` : ''} and ignores it silently.${hint}`,
    fixes: guess ? [{ title: `Rename to \`${guess}\``, edits: [{ range, newText: guess }] }] : undefined,
  };
}

/** `server_url` at the top level, `hostname` under `k3os:` — right key, wrong level. */
function otherLevel(schema: Schema, parent: Path, key: string): string {
  const root = schema.resolve(schema.root);
  const k3os = schema.at(['k3os']);
  if (parent.length === 0 && k3os) {
    const name = schema.propertyName(k3os, key);
    if (name) return ` \`${name}\` belongs under \`k3os:\`.`;
  }
  if (parent.length === 1 && parent[0] === 'k3os') {
    const name = schema.propertyName(root, key);
    if (name) return ` \`${name}\` is a top-level key, not part of \`k3os:\`.`;
  }
  return '';
}
