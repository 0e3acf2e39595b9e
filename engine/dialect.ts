/** The config languages Kindling understands. */
export type Dialect = 'butane' | 'clc' | 'k3os' | 'ignition';

const DIALECTS: readonly string[] = ['butane', 'clc', 'k3os', 'ignition'];

export function isDialect(value: string): value is Dialect {
  return DIALECTS.includes(value);
}

/** Guesses the dialect of a file from its name and text, for the CLI and untyped documents. */
export function detectDialect(fileName: string, text: string): Dialect | undefined {
  if (/\.(bu|butane)$/i.test(fileName)) return 'butane';
  if (/\.ign$/i.test(fileName)) return 'ignition';
  if (/^\s*variant\s*:/m.test(text.slice(0, 4096))) return 'butane';
  return undefined;
}
