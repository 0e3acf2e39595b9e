/** Orders spec versions on their first three numbers; pre-release tags (`-experimental`) are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).slice(0, 3).map((n) => Number(n) || 0);
  const pb = b.split(/[.-]/).slice(0, 3).map((n) => Number(n) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
