/** Command-line parsing for `kindling`; every mistake becomes a UsageError with one clear line. */

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  flags: Map<string, string | true>;
  positionals: string[];
  /** Every value of each repeatable flag, in order (values may hold commas); these are not in `flags`. */
  lists: Map<string, string[]>;
}

export interface CommandSpec {
  /** Flags that take a value. */
  valued: readonly string[];
  /** Flags that are switches. */
  switches: readonly string[];
  /** Valued flags that may be given more than once; every value is kept in `lists`. */
  repeatable?: readonly string[];
}

/** `program` names the command in messages, e.g. `kindling iso` for its subcommands. */
export function parseArgs(argv: readonly string[], specs: Record<string, CommandSpec>, program = 'kindling'): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') throw new UsageError('help');
  if (!command) throw new UsageError(`missing command; try "kindling check FILE" or "kindling --help"`);
  const spec = specs[command];
  if (!spec) throw new UsageError(`unknown command "${command}"; try: ${Object.keys(specs).join(', ')}`);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  const lists = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.switches.includes(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.set(name, true);
    } else if (spec.valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      if (spec.repeatable?.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
      else flags.set(name, value);
    } else {
      throw new UsageError(`unknown option ${name} for "${program} ${command}"`);
    }
  }
  return { command, flags, positionals, lists };
}
