import { isMap, isScalar, Document } from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import { deref, YamlNode } from '../yaml/parse';
import { closest } from '../schema/suggest';
import { firstLineOf } from '../text/ranges';
import { butaneIndex, ButaneSpec, findSpec, variants, versionsOf } from './registry';

/** go-semver's accepted form: MAJOR.MINOR.PATCH with optional pre-release and build metadata. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export type Detection = { spec: ButaneSpec; diagnostics: [] } | { spec: undefined; diagnostics: Diagnostic[] };

interface TopScalar {
  text: string | undefined;
  range: TextRange;
}

function topLevel(root: YamlNode | null, doc: Document.Parsed | undefined, key: string): TopScalar | undefined {
  const map = deref(root, doc);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) {
      const value = deref(pair.value as YamlNode | null, doc);
      const node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
      const range = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
      if (isScalar(value) && value.value !== null && !(value.type === 'PLAIN' && /^(~|null|Null|NULL|)$/.test(String(value.value)))) {
        return { text: String(value.value), range };
      }
      return { text: undefined, range };
    }
  }
  return undefined;
}

function firstLine(text: string): TextRange {
  return firstLineOf(text, { start: 0, end: text.length });
}

/** Reads `variant` and `version` as Butane does before choosing a translator. */
export function detectSpec(root: YamlNode | null, doc: Document.Parsed | undefined, text: string): Detection {
  const diagnostics: Diagnostic[] = [];
  const error = (range: TextRange, code: string, message: string): void => {
    diagnostics.push({ range, severity: 'error', code, message });
  };
  const variant = topLevel(root, doc, 'variant');
  const version = topLevel(root, doc, 'version');
  const known = variants();

  if (!variant?.text) {
    error(variant?.range ?? firstLine(text), 'butane/variant', `\`variant\` is missing: Butane needs it to choose a spec (${known.join(', ')})`);
  } else {
    const removed = butaneIndex().removed.find((r) => r.variant === variant.text);
    if (removed) error(variant.range, 'butane/variant', removed.message);
    else if (!known.includes(variant.text)) {
      const guess = closest(variant.text, known);
      error(variant.range, 'butane/variant', `unknown variant "${variant.text}"; Butane knows ${known.join(', ')}${guess ? `. Did you mean "${guess}"?` : ''}`);
    }
  }

  if (!version?.text) {
    error(version?.range ?? firstLine(text), 'butane/version', '`version` is missing: add the spec version, e.g. `version: 1.6.0`');
  } else if (!SEMVER.test(version.text)) {
    const padded = /^\d+\.\d+$/.test(version.text) ? ` (write "${version.text}.0")` : /^v\d/.test(version.text) ? ' (drop the leading "v")' : '';
    error(version.range, 'butane/version', `version "${version.text}" is not a full semantic version such as 1.6.0${padded}`);
  } else if (variant?.text && known.includes(variant.text) && !findSpec(variant.text, version.text)) {
    const versions = versionsOf(variant.text).map((s) => s.version);
    const experimental = versions.find((v) => v === `${version.text}-experimental`);
    const hint = experimental
      ? `; ${version.text} is still experimental: write "${experimental}"`
      : `; known versions: ${versions.join(', ')}`;
    error(version.range, 'butane/version', `Butane has no ${variant.text} spec version ${version.text}${hint}`);
  }

  if (diagnostics.length > 0) return { spec: undefined, diagnostics };
  return { spec: findSpec(variant!.text!, version!.text!)!, diagnostics: [] };
}
