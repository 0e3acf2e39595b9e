/**
 * Where each object of a generated Ignition config came from in the CLC document, so
 * a problem Ignition's validation finds in the output can be underlined in the source.
 * (ct itself pairs output and source by list index, which drifts once it has added
 * units of its own; we record the real origin instead.)
 */
import type { Path } from '../../schema/sourceMap';
import type { IgnitionObject, IgnitionValue } from '../../ignition/marshal';

interface Origin {
  path: Path;
  /** Output key → source key path, where the names differ by more than case style. */
  keys?: Record<string, Path>;
}

/** `wipeTable` → `wipe_table`, the inverse of ct's tag renaming. */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export class Origins {
  private readonly origins = new WeakMap<object, Origin>();

  /** Records that `output` was made from the CLC node at `path`. */
  set(output: IgnitionObject, path: Path, keys?: Record<string, Path>): IgnitionObject {
    this.origins.set(output, { path, keys });
    return output;
  }

  /** The CLC path for a path into the output config; generated objects map to their section. */
  sourcePath(root: IgnitionObject, outputPath: Path): Path {
    let value: IgnitionValue = root;
    let source: Path = [];
    let keys: Record<string, Path> | undefined;
    for (const step of outputPath) {
      if (typeof step === 'string' && keys?.[step]) source = [...source, ...keys[step]];
      else source = [...source, typeof step === 'number' ? step : snakeCase(step)];
      value = value && typeof value === 'object' ? (value as Record<string | number, IgnitionValue>)[step] : undefined;
      const origin = value && typeof value === 'object' && !Array.isArray(value) ? this.origins.get(value) : undefined;
      if (origin) {
        source = [...origin.path];
        keys = origin.keys;
      } else keys = undefined;
    }
    return source;
  }
}
