/** What every k3OS rule sees, and the shape of one rule. */
import type { Fix, Severity, TextRange } from '../../diagnostics';
import type { Schema } from '../../schema/schema';
import type { Path, SourceMap } from '../../schema/sourceMap';
import type { Obj } from '../../values';
import type { DecodedK3os } from '../decode';
import type { ConfigSource } from '../sources';

export interface RuleContext {
  /** The config as k3OS reads it, under the README's key names. */
  config: Obj;
  map: SourceMap;
  decoded: DecodedK3os;
  schema: Schema;
  text: string;
  source: ConfigSource;
}

export interface Finding {
  /** Where: a path in the config (its key, or its value with `at: 'value'`), or a text range. */
  path?: Path;
  range?: TextRange;
  at?: 'key' | 'value';
  severity: Severity;
  message: string;
  fixes?: Fix[];
}

/** One check: its id (the diagnostic code, and docs/rules/<id with / as ->.md), a summary and the check itself. */
export interface K3osRule {
  id: string;
  summary: string;
  check(ctx: RuleContext): Finding[];
}
