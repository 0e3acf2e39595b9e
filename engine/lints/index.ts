/** Every domain rule, in the order their findings are listed. */
import type { DomainRule } from './rule';
import { readOnlyUsr } from './rules/readOnlyUsr';

export const DOMAIN_RULES: readonly DomainRule[] = [
  // Where files can go (catalogue §A).
  readOnlyUsr,
];
