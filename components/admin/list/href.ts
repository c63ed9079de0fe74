/** A list's URL with its filters: empty values are left out, so the URL carries only what is set. */
export function listHref(path: string, params: Record<string, string | null | undefined>): string {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return qs ? `${path}?${qs}` : path;
}
