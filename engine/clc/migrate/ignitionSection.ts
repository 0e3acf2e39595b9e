/** `ignition`: config append/replace, timeouts and TLS certificate authorities. */
import type { Path } from '../../schema/sourceMap';
import { obj, Obj, str } from '../../values';
import { copy, Migration, objectsIn, put } from './context';
import type { YamlMap } from './yamlText';

const MERGE_NOTE =
  'ct\'s `append` is Butane\'s `merge`: Ignition 3 merges the referenced config into this one (its entries replace entries with the same path or name) instead of appending its lists';

/**
 * `verification.hash {function, sum}` as Ignition's `<function>-<sum>` string; ct drops the
 * hash unless both are set, and so does the migration (with a note).
 */
export function verificationHash(m: Migration, verification: unknown, path: Path, target: object): YamlMap | undefined {
  const hash = obj(obj(verification)?.hash);
  if (!hash) return undefined;
  const fn = str(hash.function) ?? '';
  const sum = str(hash.sum) ?? '';
  if (fn !== '' && sum !== '') return { hash: `${fn}-${sum}` };
  m.note([...path, 'hash'], 'verification.hash needs both `function` and `sum`; ct ignored this one, so it was not carried over', target);
  return undefined;
}

/** A config or CA reference: `source` plus verification. */
function reference(m: Migration, ref: Obj, path: Path): YamlMap {
  const out = m.track(path, put({}, 'source', str(ref.source)));
  put(out, 'verification', verificationHash(m, ref.verification, [...path, 'verification'], out));
  m.unknownKeys(ref, path, ['source', 'verification'], out);
  return out;
}

export function migrateIgnition(m: Migration, ignition: Obj): YamlMap | undefined {
  const out: YamlMap = {};
  const config = obj(ignition.config);
  if (config) {
    const merged: YamlMap = {};
    const append = objectsIn(config.append);
    if (append.length > 0) {
      merged.merge = append.map(([ref, i]) => reference(m, ref, ['ignition', 'config', 'append', i]));
      m.note(['ignition', 'config', 'append'], MERGE_NOTE, merged, 'merge');
    }
    const replace = obj(config.replace);
    if (replace) merged.replace = reference(m, replace, ['ignition', 'config', 'replace']);
    m.unknownKeys(config, ['ignition', 'config'], ['append', 'replace'], out);
    if (Object.keys(merged).length > 0) out.config = merged;
  }
  const timeouts = obj(ignition.timeouts);
  if (timeouts) {
    out.timeouts = copy({}, timeouts, ['http_response_headers', 'http_total']);
    m.unknownKeys(timeouts, ['ignition', 'timeouts'], ['http_response_headers', 'http_total'], out);
  }
  const security = obj(ignition.security);
  const tls = obj(security?.tls);
  const cas = objectsIn(tls?.certificate_authorities);
  if (cas.length > 0) {
    out.security = { tls: { certificate_authorities: cas.map(([ca, i]) => reference(m, ca, ['ignition', 'security', 'tls', 'certificate_authorities', i])) } };
  }
  if (security) m.unknownKeys(security, ['ignition', 'security'], ['tls'], out);
  if (tls) m.unknownKeys(tls, ['ignition', 'security', 'tls'], ['certificate_authorities'], out);
  m.unknownKeys(ignition, ['ignition'], ['config', 'timeouts', 'security'], out);
  return Object.keys(out).length > 0 ? out : undefined;
}
