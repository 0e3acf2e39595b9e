/**
 * What ct's own types check while parsing (before converting): the version, file and
 * directory modes, one content source per file, and the generated sections' settings.
 */
import type { Path } from '../../schema/sourceMap';
import { isObj, list, obj, Obj, str } from '../../values';
import type { ClcProblem } from '../problems';
import { GeneratedProblem, validateEtcd, validateFlannel, validateLocksmith, validateUpdate } from '../generated/index';

function fromGenerated(problems: GeneratedProblem[], section: string): ClcProblem[] {
  // Unknown options are reported by the version-aware decode, with exact ranges.
  return problems
    .filter((p) => !p.message.startsWith('Config has unrecognized key') && !p.message.startsWith('Did you mean'))
    .map((p) => ({ severity: p.severity, message: p.message, path: p.path.length ? p.path : [section], at: p.at === 'key' ? 'key' : 'value', code: `clc/${section}`, decode: p.decode }));
}

export function parseStageProblems(config: Obj): ClcProblem[] {
  const problems: ClcProblem[] = [];
  if (config.version !== undefined && config.version !== 0) {
    problems.push({ severity: 'error', message: 'Invalid version. Only version 0 is supported', path: ['version'], code: 'clc/version' });
  }
  const storage = obj(config.storage);
  list(storage?.files).forEach((file, i) => {
    if (!isObj(file)) return;
    const at: Path = ['storage', 'files', i];
    const contents = obj(file.contents);
    const sources = [str(obj(contents?.remote)?.url), str(contents?.inline), str(contents?.local)].filter((s) => s !== undefined && s !== '');
    if (sources.length > 1) problems.push({ severity: 'error', message: 'only one of the following can be set: local, inline, remote.url', path: [...at, 'contents'], code: 'clc/contents-sources' });
    if (file.mode === undefined) {
      problems.push(
        file.append === true
          ? { severity: 'info', message: 'mode unspecified for file, defaulting to 0644 if the file does not exist', path: [...at, 'mode'], code: 'clc/mode-unspecified' }
          : { severity: 'warning', message: 'mode unspecified for file, defaulting to 0644', path: [...at, 'mode'], code: 'clc/mode-unspecified' },
      );
    }
  });
  list(storage?.directories).forEach((dir, i) => {
    if (isObj(dir) && dir.mode === undefined) {
      problems.push({ severity: 'warning', message: 'mode unspecified for directory, defaulting to 0755', path: ['storage', 'directories', i, 'mode'], code: 'clc/mode-unspecified' });
    }
  });
  const sections: [string, (s: Obj) => GeneratedProblem[]][] = [
    ['etcd', validateEtcd],
    ['flannel', validateFlannel],
    ['update', validateUpdate],
    ['locksmith', validateLocksmith],
  ];
  for (const [name, validate] of sections) {
    const section = obj(config[name]);
    if (section) problems.push(...fromGenerated(validate(section), name));
  }
  return problems;
}
