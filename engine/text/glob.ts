/**
 * Glob patterns as VS Code users write them in settings: `**` crosses folders, `*` and
 * `?` stay within one path segment, `{a,b}` lists alternatives. A pattern without a `/`
 * matches the file name alone (like `files.associations`).
 */
const compiled = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole folders; a trailing `**` anything.
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Whether a file (absolute or workspace-relative, any separators) matches the pattern. */
export function matchesGlob(pattern: string, filePath: string): boolean {
  const normalized = filePath.replace(/\\/g, '/');
  const trimmed = pattern.trim().replace(/\\/g, '/');
  if (trimmed === '') return false;
  let re = compiled.get(trimmed);
  if (!re) {
    re = toRegExp(trimmed);
    compiled.set(trimmed, re);
  }
  if (!trimmed.includes('/')) return re.test(normalized.slice(normalized.lastIndexOf('/') + 1));
  // A relative pattern may match anywhere below a folder boundary.
  if (re.test(normalized)) return true;
  const parts = normalized.split('/');
  for (let i = 1; i < parts.length; i++) if (re.test(parts.slice(i).join('/'))) return true;
  return false;
}
