/**
 * Kindling's language service: editor features as pure functions of a document's text and
 * analysis. No protocol types here; the language server converts offsets to positions.
 */
export { complete, plainSnippetText } from './completion';
export type { CompletionOptions } from './completion';
export { hover } from './hover';
export { documentSymbols, MAX_SYMBOLS } from './symbols';
export { foldingRanges, MAX_FOLDING_RANGES } from './folding';
export { bundledCatalog, parsedOnly, resolveSpecContext } from './specContext';
export type { ServiceDocument, ServiceOptions, SpecCatalog, SpecContext } from './specContext';
export { bundledConfigSnippets, parseSnippetFile } from './configSnippets';
export type { ConfigSnippet } from './configSnippets';
export * from './types';
