/**
 * The key spellings k3OS accepts for one field. Its config reader renames keys before
 * decoding: each Go field (camelCase JSON name) is also found under its lower-case and
 * snake_case forms, and the same for the name without a trailing `s` or `es` — which is
 * why `run_cmd`, `runcmd`, `sysctl` and `data_source` all work.
 */

/** rancher/mapper's camelCase → snake_case (only a leading run of capitals stays together: `SSHKeys` → `sshkeys`, `isoURL` → `iso_u_r_l`). */
export function snakeCase(name: string): string {
  let out = '';
  let inCapitals = false;
  [...name].forEach((ch, i) => {
    const upper = ch !== ch.toLowerCase();
    if (i === 0) {
      inCapitals = upper;
      out += ch.toLowerCase();
    } else if (upper) {
      out += inCapitals ? ch.toLowerCase() : `_${ch.toLowerCase()}`;
    } else {
      inCapitals = false;
      out += ch;
    }
  });
  return out;
}

/** Every spelling that k3OS maps onto the field whose JSON name is `jsonName`, the JSON name first. */
export function acceptedSpellings(jsonName: string): string[] {
  const bases = [jsonName];
  if (jsonName.length > 1 && jsonName.endsWith('s')) bases.push(jsonName.slice(0, -1));
  if (jsonName.length > 2 && jsonName.endsWith('es')) bases.push(jsonName.slice(0, -2));
  const names = new Set<string>([jsonName]);
  for (const base of bases) {
    names.add(base.toLowerCase());
    names.add(snakeCase(base));
    names.add(snakeCase(base).toLowerCase());
  }
  return [...names];
}

/**
 * A spelling that Go's JSON decoder also matches to the field on its own (it compares names
 * case-insensitively), without the string-to-list or string-to-bool conversion k3OS applies
 * to the renamed copy: `runcmd` for `runCmd`.
 */
export function matchesJsonNameByCase(spelling: string, jsonName: string): boolean {
  return spelling !== jsonName && spelling.toLowerCase() === jsonName.toLowerCase();
}
