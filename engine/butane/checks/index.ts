import type { Check } from './context';

/** Every Butane check, in the order their reports should appear. */
export const butaneChecks: readonly Check[] = [];
