/**
 * The sections Butane does not have and ct turned into units and files: etcd, flannel,
 * docker, update + locksmith, and the platform's provider override. The migration writes
 * what ct generated, reusing ct's generators so that the texts stay exactly ct's.
 */
import type { Path } from '../../schema/sourceMap';
import { Obj } from '../../values';
import { dockerUnit, etcdOptionsFor, etcdUnit, flannelOptionsFor, flannelUnit, GeneratedProblem, providerOverrideUnits, Section, Unit, updateConfFile } from '../generated/index';
import type { Migration } from './context';
import type { Sourced } from './files';
import { Octal } from './scalars';
import type { YamlMap } from './yamlText';

/** Where ct wrote the update settings, and where Flatcar documents them now. */
export const LEGACY_UPDATE_CONF = '/etc/coreos/update.conf';
export const UPDATE_CONF = '/etc/flatcar/update.conf';

/** ct's metadata environment file, and the one Flatcar's coreos-metadata.service (afterburn) writes now. */
const CT_METADATA_FILE = 'EnvironmentFile=/run/metadata/coreos';
const FLATCAR_METADATA_FILE = 'EnvironmentFile=/run/metadata/flatcar';
/** ct's cloudstack-configdrive HOSTNAME variable lacks the COREOS_ prefix that afterburn writes. */
const CT_CLOUDSTACK_HOSTNAME = '${CLOUDSTACK_LOCAL_HOSTNAME}';
const CLOUDSTACK_HOSTNAME = '${COREOS_CLOUDSTACK_LOCAL_HOSTNAME}';

function unitYaml(unit: Unit): YamlMap {
  const out: YamlMap = { name: unit.name };
  if (unit.enable || unit.enabled) out.enabled = true;
  out.dropins = unit.dropins.map((d) => ({ name: d.name, contents: d.contents }));
  return out;
}

/** Printable stand-ins for `{` and `}` that the section does not contain (Go's %q keeps them as they are). */
const BRACE_STAND_INS: readonly [string, string][] = [['⦃', '⦄'], ['⟦', '⟧'], ['⟪', '⟫'], ['⦅', '⦆']];

/**
 * The drop-in ct would write with templating switched off: braces in the option values are
 * swapped for stand-ins (so ct's generator sees no `{FIELD}`), then swapped back in its text.
 */
function literalUnit(make: (s: Section, platform: string) => { unit?: Unit; problems: GeneratedProblem[] }, section: Obj): { unit?: Unit; problems: GeneratedProblem[] } {
  const text = JSON.stringify(section);
  const [open, close] = BRACE_STAND_INS.find(([o, c]) => !text.includes(o) && !text.includes(c)) ?? BRACE_STAND_INS[0];
  const swapped: Obj = {};
  for (const [key, value] of Object.entries(section)) {
    swapped[key] = typeof value === 'string' && key !== 'version' ? value.replaceAll('{', open).replaceAll('}', close) : value;
  }
  const result = make(swapped, '');
  for (const dropin of result.unit?.dropins ?? []) dropin.contents = dropin.contents.replaceAll(open, '{').replaceAll(close, '}');
  return result;
}

const WRAPPERS = {
  etcd: { make: etcdUnit, unit: 'etcd-member.service', keys: (v?: string) => ['version', ...etcdOptionsFor(v).map((o) => o.key)] },
  flannel: { make: flannelUnit, unit: 'flanneld.service', keys: (v?: string) => ['version', 'network_config', ...flannelOptionsFor(v).map((o) => o.key)] },
};

/** etcd or flannel: ct's wrapper drop-in, with dynamic data pointed at Flatcar's metadata file. */
export function wrapperUnit(m: Migration, name: 'etcd' | 'flannel', section: Obj): Sourced | undefined {
  const { make, unit, keys } = WRAPPERS[name];
  const from: Path = [name];
  const templated = make(section, m.platform);
  const result = templated.unit ? templated : literalUnit(make, section);
  if (!result.unit) {
    m.note(from, `the \`${name}\` section could not be turned into ${unit} (${result.problems.map((p) => p.message).join('; ')}), so it was not carried over`);
    return undefined;
  }
  const base = `Butane has no \`${name}\` section: this is the ${unit} drop-in ct generated from it`;
  const dropin = result.unit.dropins[0];
  let message = base;
  if (!templated.unit) {
    const why = templated.problems.map((p) => p.message).join('; ');
    message = `${base}, but its {FIELD} placeholders could not be resolved (ct: ${why}) and were kept literally. Butane has no platform templating: use \${COREOS_<PROVIDER>_…} variables with ${FLATCAR_METADATA_FILE} and Requires=/After=coreos-metadata.service`;
  } else if (dropin.contents.includes(CT_METADATA_FILE)) {
    dropin.contents = dropin.contents.replace(CT_METADATA_FILE, FLATCAR_METADATA_FILE).replaceAll(CT_CLOUDSTACK_HOSTNAME, CLOUDSTACK_HOSTNAME);
    message = `${base}. Butane has no platform templating: ct's {FIELD} placeholders for --platform ${m.platform} are the \${COREOS_…} variables that coreos-metadata.service (afterburn) writes to /run/metadata/flatcar, which this drop-in loads`;
  }
  const out = m.track(from, unitYaml(result.unit));
  m.note(from, message, out);
  m.unknownKeys(section, from, keys(typeof section.version === 'string' ? section.version : undefined), out);
  return { out, from };
}

export function dockerSection(m: Migration, docker: Obj): Sourced | undefined {
  const unit = dockerUnit(docker).unit;
  if (!unit) return undefined;
  const out = m.track(['docker'], unitYaml(unit));
  m.note(['docker'], 'Butane has no `docker` section: this is the docker.service drop-in ct generated from its flags (DOCKER_OPTS)', out);
  m.unknownKeys(docker, ['docker'], ['flags'], out);
  return { out, from: ['docker'] };
}

/** The data URL ct writes (`data:,` + percent-escaped UTF-8) back to text. */
function dataUrlText(source: string): string {
  const escaped = source.slice(source.indexOf(',') + 1);
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(escaped.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** update + locksmith: ct's update.conf text, at the path Flatcar documents today. */
export function updateConf(m: Migration, update: Obj | undefined, locksmith: Obj | undefined): Sourced | undefined {
  const file = updateConfFile(update, locksmith).file;
  if (!file) return undefined;
  const from: Path = [update ? 'update' : 'locksmith'];
  const out = m.track(from, { path: UPDATE_CONF, overwrite: true, mode: new Octal(file.mode), contents: { inline: dataUrlText(file.contents.source) } });
  m.note(from, `Butane has no \`update\` or \`locksmith\` section: ct wrote these settings to ${LEGACY_UPDATE_CONF}; they go to ${UPDATE_CONF} (/etc/coreos is a legacy link to /etc/flatcar)`, out);
  if (locksmith) {
    m.note(['locksmith'], 'locksmithd is the legacy reboot manager; for Kubernetes nodes Flatcar recommends FLUO (flatcar-linux-update-operator) instead', out);
  }
  return { out, from };
}

/** The coreos-metadata provider drop-ins ct adds for some platforms, whatever the config holds. */
export function providerOverrides(m: Migration): Sourced[] {
  return providerOverrideUnits(m.platform).map((unit) => {
    const out = unitYaml(unit);
    m.note([], `ct added this for --platform ${m.platform}, to tell coreos-metadata which provider to use`, out);
    return { out, from: [] };
  });
}
