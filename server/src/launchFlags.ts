/**
 * Node flags for the language server process. A 1 MiB young generation keeps the
 * parser's short-lived garbage from inflating memory (about 5 MiB less peak RSS on a
 * 160-line config in `npm run bench`, same latency). The client and the bench share it.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1'];
