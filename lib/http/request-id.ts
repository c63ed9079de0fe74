const SAFE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Reuses a caller's (or proxy's) X-Request-Id when it is sane, else mints one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && SAFE.test(given) ? given : crypto.randomUUID();
}
