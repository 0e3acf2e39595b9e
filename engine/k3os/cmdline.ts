/**
 * A k3OS config as kernel command line words (`k3os.token=… k3os.install.silent=true`), for
 * automated installs and PXE boots. Each word is written so that k3OS's command-line reader
 * (modelled in cmdlineParse.ts) gives back the same value; what that reader cannot express is
 * left out with a warning rather than written in a form k3OS would misread.
 *
 * What the reader allows: a word is `dotted.key=value`, split at every `.` and at the first `=`;
 * a value with spaces is double-quoted, and k3OS strips double quotes from both ends of every
 * value; repeating a key makes a list. So a mapping key with a dot (`kernel.printk`) cannot be
 * written at all, nor can lists of mappings, empty lists, line breaks or a value that needs
 * quotes and contains one.
 */
import type { TextRange } from '../diagnostics';
import type { SchemaNode } from '../schema/schema';
import type { Path } from '../schema/sourceMap';
import { isObj, Obj } from '../values';
import type { K3osAnalysis } from './analyze';
import { fieldKind } from './decode';
import { resolveV2 } from './goValues';

export interface CmdlineWarning {
  path: Path;
  message: string;
  /** The value at `path` is not on the line (a whole list when `path` ends at one of its items). */
  omitted: boolean;
  /** Where in the config text the value (or its key) is; absent when there is no single place. */
  range?: TextRange;
}

export interface KernelCommandLine {
  words: string[];
  /** The words joined by single spaces. */
  line: string;
  warnings: CmdlineWarning[];
}

/**
 * COMMAND_LINE_SIZE of Linux on x86-64 and arm64, including the terminating NUL; the boot
 * loader's own words (root=, console=…) count against it too.
 */
const KERNEL_LINE_LIMIT = 2048;

/** Characters a boot loader or the kernel cannot carry inside one word, even quoted. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const LINE_BREAK = /[\n\r]/;

/** Why a value cannot be written as one word k3OS reads back unchanged; undefined when it can. */
export function valueProblem(value: string): string | undefined {
  if (LINE_BREAK.test(value)) return 'it spans several lines, and the kernel command line is a single line';
  if (CONTROL.test(value)) return 'it contains a tab or another control character, which a command-line word cannot carry reliably';
  if (value.startsWith('"') || value.endsWith('"')) return 'it starts or ends with a double quote, and k3OS strips double quotes from both ends of every command-line value';
  if (value.includes('"') && value.includes(' ')) return 'it contains a space, so it needs double quotes, and a double-quoted value cannot contain another double quote';
  // Unquoted, `="` would still start a quoted value that runs to the next `"` on the line.
  if (value.includes('="')) return 'it contains `="`, which k3OS reads as the start of a double-quoted value';
  return undefined;
}

/** Why a mapping key cannot be one segment of a dotted command-line key; undefined when it can. */
export function mapKeyProblem(key: string): string | undefined {
  if (key.includes('.')) {
    return 'k3OS splits command-line keys at every dot, so a key containing one turns into nested keys (the README\'s `key[a.b]=` form is split the same way); keep this entry in a config file';
  }
  if (key.includes('=')) return 'k3OS splits each command-line word at its first `=`, so a key cannot contain one';
  if (key.includes('"') || CONTROL.test(key) || key.includes(' ')) return 'a command-line key cannot contain spaces, double quotes or control characters';
  return undefined;
}

/** One word: `key=value`, double-quoted when the value has spaces. */
export function cmdlineWord(keys: readonly string[], value: string): string {
  return `${keys.join('.')}=${value.includes(' ') ? `"${value}"` : value}`;
}

const pathKey = (path: Path): string => JSON.stringify(path);

class Renderer {
  readonly words: string[] = [];
  readonly warnings: CmdlineWarning[] = [];
  /** Map values that were YAML numbers or booleans: their text as written, by path. */
  private readonly written = new Map<string, { written: string; becomes: string }>();

  constructor(private readonly analysis: K3osAnalysis) {
    for (const s of analysis.decoded.stringified) {
      // Only a plain scalar's text says the same thing on the command line; a list or a
      // mapping (or a tagged scalar) keeps the text k3OS makes of it.
      if (s.tag === 'list' || s.tag === 'mapping' || resolveV2(s.written).tag !== s.tag) continue;
      this.written.set(pathKey(s.path), { written: s.written, becomes: s.becomes });
    }
  }

  private warn(path: Path, message: string, at: 'key' | 'value' = 'value', omitted = true): void {
    const located = this.analysis.map.get(path) ?? this.analysis.map.nearest(path)?.located;
    const range = located ? (at === 'key' && located.key ? located.key : located.value) : undefined;
    this.warnings.push({ path, message, omitted, range });
  }

  object(node: SchemaNode, value: Obj, keys: string[], path: Path): void {
    const { schema } = this.analysis;
    for (const [name, child] of Object.entries(value)) {
      const field = schema.property(node, name);
      if (!field) continue;
      const here = [...path, name];
      const dotted = [...keys, name];
      const shown = `\`${dotted.join('.')}\``;
      switch (fieldKind(schema, field)) {
        case 'object':
          if (isObj(child)) this.object(schema.resolve(field), child, dotted, here);
          break;
        case 'objects':
          this.warn(here, `${shown} is left out: it is a list of mappings, and the kernel command line can only set dotted keys to text. Keep it in a config file.`, 'key');
          break;
        case 'strings':
          this.list(child, dotted, here, shown);
          break;
        case 'boolean':
          // Explicit even when true: install.sh greps /proc/cmdline for `k3os.install.power_off=true`.
          if (typeof child === 'boolean') this.words.push(cmdlineWord(dotted, String(child)));
          break;
        case 'stringMap':
          if (isObj(child)) this.map(child, dotted, here, shown);
          break;
        case 'string':
          if (typeof child === 'string') this.scalar(child, dotted, here, shown);
          break;
      }
    }
  }

  private scalar(value: string, keys: string[], path: Path, shown: string): void {
    const problem = valueProblem(value);
    if (problem) this.warn(path, `${shown} is left out: ${problem}.`);
    else this.words.push(cmdlineWord(keys, value));
  }

  /**
   * One word per item. A list is all or nothing: k3OS replaces a list from an earlier source
   * as a whole, and a list missing an item (a k3s argument, say) would mean something else.
   */
  private list(value: unknown, keys: string[], path: Path, shown: string): void {
    if (!Array.isArray(value)) return;
    if (value.length === 0) {
      this.warn(path, `${shown} is left out: it is an empty list, and the command line can only set a list by repeating its key once per item.`);
      return;
    }
    const items = value.map((item) => String(item ?? ''));
    const bad = items.map((item, i) => ({ i, problem: valueProblem(item) })).filter((b) => b.problem !== undefined);
    for (const { i, problem } of bad) this.warn([...path, i], `${shown} is left out (the whole list): item ${i + 1} cannot be written, as ${problem}.`);
    if (bad.length === 0) for (const item of items) this.words.push(cmdlineWord(keys, item));
  }

  /** One word per entry, the entry's key as one more dotted segment. */
  private map(value: Obj, keys: string[], path: Path, shown: string): void {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      this.warn(path, `${shown} is left out: it is an empty mapping, which the command line cannot express (it only sets entries).`, 'key');
      return;
    }
    for (const [key, raw] of entries) {
      const here = [...path, key];
      const entry = `\`${[...keys, key].join('.')}\``;
      const keyProblem = mapKeyProblem(key);
      if (keyProblem) {
        this.warn(here, `\`${key}\` in ${shown} is left out: ${keyProblem}.`, 'key');
        continue;
      }
      const asWritten = this.written.get(pathKey(here));
      const text = asWritten?.written ?? String(raw ?? '');
      const problem = valueProblem(text);
      if (problem) {
        this.warn(here, `${entry} is left out: ${problem}.`);
        continue;
      }
      if (asWritten && asWritten.written !== asWritten.becomes) {
        this.warn(here, `${entry} is written as ${asWritten.written}, which k3OS reads as that text from the command line; from a config file it reads this unquoted value as "${asWritten.becomes}".`, 'value', false);
      }
      this.words.push(cmdlineWord([...keys, key], text));
    }
  }
}

/**
 * The config as kernel command line words that k3OS reads back as the same config, in the
 * order of the file; what cannot be expressed is left out with a warning.
 */
export function renderKernelCommandLine(analysis: K3osAnalysis): KernelCommandLine {
  const renderer = new Renderer(analysis);
  const { schema } = analysis;
  renderer.object(schema.resolve(schema.root), analysis.config, [], []);
  const line = renderer.words.join(' ');
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > KERNEL_LINE_LIMIT - 1) {
    renderer.warnings.push({
      path: [],
      omitted: false,
      message: `The command line is ${bytes} bytes long; Linux on x86-64 and arm64 keeps at most ${KERNEL_LINE_LIMIT - 1}, the boot loader's own words included, and cuts off the rest. Move some keys to a config file (k3os.install.config_url).`,
    });
  }
  return { words: renderer.words, line, warnings: renderer.warnings };
}
